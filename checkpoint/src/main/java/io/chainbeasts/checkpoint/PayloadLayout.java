package io.chainbeasts.checkpoint;

/**
 * Byte layout of the checkpoint payload, version 1: 179 bytes, big-endian, no padding, no
 * length prefixes. It is exactly Solidity's {@code abi.encodePacked} of the typed fields in this
 * order, so {@code keccak256(payload)} is the same in Java and on chain.
 *
 * <pre>
 * byte 0       1          9                 29               61       65
 *      +-------+----------+-----------------+----------------+--------+------------------+
 *      |version| chainId  | ledger          | beastId        | window | prevCheckpoint   |
 *      | u8    | u64      | address (20 B)  | u256 (32 B)    | u32    | Hash  bytes32    |
 *      +-------+----------+-----------------+----------------+--------+------------------+
 * byte 97         101          109          113     114       146           178      179
 *      +----------+------------+------------+-------+---------+-------------+--------+
 *      |globalStep| energyBurn | activeMask |lrShift| h128    | lineageHash |lossDrop| (end)
 *      | u32      | u64        | u32        | u8    | bytes32 | bytes32     | u8     |
 *      +----------+------------+------------+-------+---------+-------------+--------+
 *
 *  offset size field                 type
 *  0      1    version               uint8   (= 1)
 *  1      8    chainId               uint64
 *  9      20   ledger                address (the CheckpointLedger contract)
 *  29     32   beastId               uint256
 *  61     4    windowIndex           uint32
 *  65     32   prevCheckpointHash    bytes32 (bytes32(0) for window 0)
 *  97     4    globalStep            uint32  (total micro-steps after the window, mod 2^32)
 *  101    8    energyBurn            uint64
 *  109    4    activeMask            uint32  (bit i = hidden slot i live)
 *  113    1    lrShift               uint8   (0..31)
 *  114    32   h128                  bytes32 (Keccak-256 of the state after the window)
 *  146    32   lineageHash           bytes32
 *  178    1    lossDrop              uint8   (0 or 1)
 * </pre>
 *
 * The checkpoint hash is {@code keccak256(payload)}; see {@code spec/checkpoint-payload.md}.
 */
public final class PayloadLayout {
    private PayloadLayout() {}

    public static final int VERSION = 1;

    public static final int VERSION_OFFSET = 0;
    public static final int VERSION_SIZE = 1;
    public static final int CHAIN_ID_OFFSET = VERSION_OFFSET + VERSION_SIZE;               // 1
    public static final int CHAIN_ID_SIZE = 8;
    public static final int LEDGER_OFFSET = CHAIN_ID_OFFSET + CHAIN_ID_SIZE;                // 9
    public static final int LEDGER_SIZE = 20;
    public static final int BEAST_ID_OFFSET = LEDGER_OFFSET + LEDGER_SIZE;                  // 29
    public static final int BEAST_ID_SIZE = 32;
    public static final int WINDOW_INDEX_OFFSET = BEAST_ID_OFFSET + BEAST_ID_SIZE;          // 61
    public static final int WINDOW_INDEX_SIZE = 4;
    public static final int PREV_HASH_OFFSET = WINDOW_INDEX_OFFSET + WINDOW_INDEX_SIZE;     // 65
    public static final int PREV_HASH_SIZE = 32;
    public static final int GLOBAL_STEP_OFFSET = PREV_HASH_OFFSET + PREV_HASH_SIZE;         // 97
    public static final int GLOBAL_STEP_SIZE = 4;
    public static final int ENERGY_BURN_OFFSET = GLOBAL_STEP_OFFSET + GLOBAL_STEP_SIZE;     // 101
    public static final int ENERGY_BURN_SIZE = 8;
    public static final int ACTIVE_MASK_OFFSET = ENERGY_BURN_OFFSET + ENERGY_BURN_SIZE;     // 109
    public static final int ACTIVE_MASK_SIZE = 4;
    public static final int LR_SHIFT_OFFSET = ACTIVE_MASK_OFFSET + ACTIVE_MASK_SIZE;        // 113
    public static final int LR_SHIFT_SIZE = 1;
    public static final int H128_OFFSET = LR_SHIFT_OFFSET + LR_SHIFT_SIZE;                  // 114
    public static final int H128_SIZE = 32;
    public static final int LINEAGE_HASH_OFFSET = H128_OFFSET + H128_SIZE;                  // 146
    public static final int LINEAGE_HASH_SIZE = 32;
    public static final int LOSS_DROP_OFFSET = LINEAGE_HASH_OFFSET + LINEAGE_HASH_SIZE;     // 178
    public static final int LOSS_DROP_SIZE = 1;

    /** Total length in bytes: 179. */
    public static final int LENGTH = LOSS_DROP_OFFSET + LOSS_DROP_SIZE;

    /** Largest valid lrShift. */
    public static final int MAX_LR_SHIFT = 31;

    /** Field names in layout order, with offsets and sizes (for docs, vectors and error messages). */
    public static final String[] FIELD_NAMES = {
        "version", "chainId", "ledger", "beastId", "windowIndex", "prevCheckpointHash", "globalStep",
        "energyBurn", "activeMask", "lrShift", "h128", "lineageHash", "lossDrop",
    };
    public static final int[] FIELD_OFFSETS = {
        VERSION_OFFSET, CHAIN_ID_OFFSET, LEDGER_OFFSET, BEAST_ID_OFFSET, WINDOW_INDEX_OFFSET, PREV_HASH_OFFSET,
        GLOBAL_STEP_OFFSET, ENERGY_BURN_OFFSET, ACTIVE_MASK_OFFSET, LR_SHIFT_OFFSET, H128_OFFSET,
        LINEAGE_HASH_OFFSET, LOSS_DROP_OFFSET,
    };
    public static final int[] FIELD_SIZES = {
        VERSION_SIZE, CHAIN_ID_SIZE, LEDGER_SIZE, BEAST_ID_SIZE, WINDOW_INDEX_SIZE, PREV_HASH_SIZE,
        GLOBAL_STEP_SIZE, ENERGY_BURN_SIZE, ACTIVE_MASK_SIZE, LR_SHIFT_SIZE, H128_SIZE, LINEAGE_HASH_SIZE,
        LOSS_DROP_SIZE,
    };
}
