package io.chainbeasts.engine.opencl;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.NetShape;

/**
 * The host/kernel buffer layout, described once on the Java side: every constant here has a {@code #define} of
 * the same name in the OpenCL program ({@code microstep.cl}, {@code net.cl}), and {@code KernelLayoutTest} reads
 * the program's defines and fails on any difference. The marshalling classes ({@link BeastRecords},
 * {@link WindowBuffers}, {@link WindowReadback}) use these names only.
 *
 * <pre>
 * beast record (ints, one per beast)       window context (bytes, CONTEXT_STRIDE per beast)
 *  [0,1] seedCore lo/hi                     [0..4]   "CBWC" u8 version
 *  [2]   globalStep                         [5..]    SeasonConstants   (SeasonConstants.ENCODED_SIZE)
 *  [3]   activeMask                         [..]     TrainingConstants (TrainingConstants.ENCODED_SIZE)
 *  [4]   lrShift                            [..]     epochSeed, checkpointRoot, C_dataset, realPool (32 B each)
 *  [5,6] energyTotal lo/hi                  [..]     u8 growthSlot
 *  [7,8] prevWindowLoss lo/hi
 *  [16..] w1, b1, w2, b2                   args (longs, ARGS_STRIDE per beast): secretFold, pool base/size,
 *                                            dataset base/size
 * acc (longs, ACC_STRIDE per beast): energy, loss, head tallies, loss-drop, error, then lineage, state hash,
 *   context hash and h128 as 4 longs each
 * step record (ints, REC_STRIDE per step): globalStep, source, label move/power/block, heads, outputs, losses,
 *   energy lo/hi, error, sample key (8 ints), label weight
 * work-group layout: the same beast record with w1 input-major (w1[i][j] at BEAST_W1 + i*HIDDEN + j), groups of at
 *   most GROUP_MAX_SIZE work-items
 * </pre>
 */
public final class KernelLayout {
    private KernelLayout() {}

    public static final int BEAST_SEED_LO = 0;
    public static final int BEAST_GLOBAL_STEP = 2;
    public static final int BEAST_ACTIVE_MASK = 3;
    public static final int BEAST_LR_SHIFT = 4;
    public static final int BEAST_ENERGY_LO = 5;
    public static final int BEAST_PREV_LOSS_LO = 7;
    public static final int BEAST_W1 = 16;
    public static final int BEAST_INTS = BEAST_W1 + NetShape.HIDDEN * NetShape.N_IN + NetShape.HIDDEN
            + NetShape.N_OUT * NetShape.HIDDEN + NetShape.N_OUT + 2;

    public static final int CONTEXT_STRIDE = 256;
    public static final int CONTEXT_SEASON = 5;
    public static final int CONTEXT_TRAINING = CONTEXT_SEASON + SeasonConstants.ENCODED_SIZE;
    public static final int CONTEXT_EPOCH_SEED = CONTEXT_TRAINING + TrainingConstants.ENCODED_SIZE;
    public static final int CONTEXT_CHECKPOINT_ROOT = CONTEXT_EPOCH_SEED + 32;
    public static final int CONTEXT_DATASET = CONTEXT_CHECKPOINT_ROOT + 32;
    public static final int CONTEXT_REAL_POOL = CONTEXT_DATASET + 32;
    public static final int CONTEXT_GROWTH_SLOT = CONTEXT_REAL_POOL + 32;
    public static final int CONTEXT_LENGTH = CONTEXT_GROWTH_SLOT + 1;

    public static final int ARGS_STRIDE = 8;
    public static final int ARGS_SECRET_FOLD = 0;
    public static final int ARGS_POOL_BASE = 1;
    public static final int ARGS_POOL_SIZE = 2;
    public static final int ARGS_DATASET_BASE = 3;
    public static final int ARGS_DATASET_SIZE = 4;

    public static final int ACC_STRIDE = 32;
    public static final int ACC_ENERGY = 0;
    public static final int ACC_LOSS = 1;
    public static final int ACC_MOVE_SEEN = 2;
    public static final int ACC_MOVE_RIGHT = 3;
    public static final int ACC_POWER_SEEN = 4;
    public static final int ACC_POWER_RIGHT = 5;
    public static final int ACC_BLOCK_SEEN = 6;
    public static final int ACC_BLOCK_RIGHT = 7;
    public static final int ACC_MOVE_LOSS = 8;
    public static final int ACC_POWER_LOSS = 9;
    public static final int ACC_BLOCK_LOSS = 10;
    public static final int ACC_LOSS_DROP = 11;
    public static final int ACC_ERROR = 12;
    public static final int ACC_LINEAGE = 16;
    public static final int ACC_STATE_HASH = 20;
    public static final int ACC_CONTEXT_HASH = 24;
    public static final int ACC_H128 = 28;

    public static final int REC_STRIDE = 32;
    public static final int REC_OUTPUTS = 6;
    public static final int REC_LOSSES = REC_OUTPUTS + NetShape.N_OUT;
    public static final int REC_ENERGY = REC_LOSSES + 3;
    public static final int REC_ERROR = REC_ENERGY + 2;
    public static final int REC_KEY = REC_ERROR + 1;
    public static final int REC_WEIGHT_SHIFT = REC_KEY + 8;

    /** The work-group layout (window_group.cl): at most one work-item per hidden unit, and w1 stored input-major. */
    public static final int GROUP_MAX_SIZE = NetShape.HIDDEN;
    public static final int GROUP_W1_INPUT_MAJOR = 1;

    /** Arenas the kernel holds: 32 x 32 cells, the season's limit (a side is one row bitmask of the path search). */
    public static final int CB_MAX_CELLS = 1024;
    public static final int PATHBITS_MAX_SIDE = 32;
}
