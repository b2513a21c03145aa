package io.chainbeasts.engine;

import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.curriculum.Curriculum;

import java.util.function.Consumer;

/**
 * The 128-step training window (SPEC.md "Window"). At step {@link #GROWTH_STEP} a requested growth
 * spurt wakes its slot (and costs growthSlotCost). The lineage hash chains the samples used:
 * {@code L_0 = 0^32, L_i = keccak(L_{i-1} || u8 source || key_i)}. The loss-drop flag is set when the
 * window's summed loss is below the previous window's (never on the first window). Finally
 * {@code h128 = keccak("CBH1" || stateHash || contextHash)}.
 */
public final class Window {
    private Window() {}

    public static final int STEPS = 128;
    public static final int GROWTH_STEP = 64;

    public static WindowResult run(BeastState s, WindowInputs in) {
        return runRecords(s, in, new MicroStep.Scratch(), r -> { });
    }

    /**
     * Runs the window's steps on {@code s}; {@code onRecord} sees each step's record and must not read the state's
     * weights, which the optimised kernel brings up to date once at the end of the window (the trainer's path: it
     * saves writing every changed weight twice). Same results as {@link #run(BeastState, WindowInputs, MicroStep.Scratch, Consumer)}.
     */
    public static WindowResult runRecords(BeastState s, WindowInputs in, MicroStep.Scratch scratch, Consumer<StepRecord> onRecord) {
        return run(s, in, scratch, onRecord, true);
    }

    /**
     * Runs the window's steps on {@code s}. {@code onStep} sees each step's record after it ran and may read the state,
     * never write it: the optimised kernel keeps a copy of the weights for the window ({@link FastNet#bind}).
     */
    public static WindowResult run(BeastState s, WindowInputs in, MicroStep.Scratch scratch, Consumer<StepRecord> onStep) {
        return run(s, in, scratch, onStep, false);
    }

    private static WindowResult run(BeastState s, WindowInputs in, MicroStep.Scratch scratch, Consumer<StepRecord> onStep, boolean recordsOnly) {
        if (scratch.net.reference) return run(s, in, in.context(), scratch, onStep);
        FastNet.bind(s, scratch.net, recordsOnly);
        try {
            return run(s, in, in.context(), scratch, onStep);
        } finally {
            FastNet.unbind(scratch.net);
        }
    }

    private static WindowResult run(BeastState s, WindowInputs in, WindowContext ctx, MicroStep.Scratch scratch, Consumer<StepRecord> onStep) {
        int slot = ctx.growthSlot();
        if (slot != WindowContext.NO_GROWTH && ((s.activeMask >>> slot) & 1) != 0) {
            throw new IllegalArgumentException("growth slot " + slot + " is already live (activeMask 0x" + Integer.toHexString(s.activeMask) + ")");
        }
        byte[] lineage = new byte[32];
        long energy = 0;
        long loss = 0;
        int moveSeen = 0, moveRight = 0, powerSeen = 0, powerRight = 0, blockSeen = 0, blockRight = 0;
        long moveLoss = 0, powerLoss = 0, blockLoss = 0;
        for (int i = 0; i < STEPS; i++) {
            if (i == GROWTH_STEP && slot != WindowContext.NO_GROWTH) {
                s.activeMask |= 1 << slot;
                energy += ctx.training().growthSlotCost();
                s.energyTotal += ctx.training().growthSlotCost();
            }
            StepRecord rec = MicroStep.run(s, in, scratch);
            energy += rec.energy();
            loss += rec.losses().total();
            lineage = new Keccak256().update(lineage).update(new byte[] {(byte) rec.source()}).update(rec.sampleKey()).digest();
            if ((rec.heads() & Curriculum.HEAD_MOVE) != 0 && rec.label().hasMove()) {
                moveSeen++;
                if (Net.predictedMove(rec.outputs()) == rec.label().move()) moveRight++;
                moveLoss += rec.losses().move();
            }
            if ((rec.heads() & Curriculum.HEAD_POWER) != 0 && rec.label().hasPower()) {
                powerSeen++;
                if (Net.predictedPower(rec.outputs()) == rec.label().power()) powerRight++;
                powerLoss += rec.losses().power();
            }
            if ((rec.heads() & Curriculum.HEAD_BLOCK) != 0 && rec.label().hasBlock()) {
                blockSeen++;
                if (Net.predictedBlock(rec.outputs()) == rec.label().block()) blockRight++;
                blockLoss += rec.losses().block();
            }
            onStep.accept(rec);
        }
        boolean lossDrop = s.prevWindowLoss > 0 && loss < s.prevWindowLoss;
        s.prevWindowLoss = loss;
        FastNet.flush(scratch.net); // the weights as they are now, when the steps deferred them
        byte[] stateHash = s.hash();
        byte[] contextHash = ctx.hash();
        byte[] h128 = h128(stateHash, contextHash);
        WindowResult.HeadTally tally = new WindowResult.HeadTally(moveSeen, moveRight, powerSeen, powerRight, blockSeen, blockRight,
                moveLoss, powerLoss, blockLoss);
        assert energy >= 0 && moveRight <= moveSeen && powerRight <= powerSeen && blockRight <= blockSeen
                : "window tally out of range: energy " + energy;
        return new WindowResult(energy, s.activeMask, s.lrShift, h128, s.globalStep, lineage, lossDrop, stateHash, contextHash, loss, tally);
    }

    /** h128 = keccak256("CBH1" ‖ stateHash ‖ contextHash): what a checkpoint payload commits to (SPEC §15). */
    public static byte[] h128(byte[] stateHash, byte[] contextHash) {
        return new CanonicalWriter(68).bytes(new byte[] {'C', 'B', 'H', '1'}).bytes32(stateHash).bytes32(contextHash).keccak();
    }
}
