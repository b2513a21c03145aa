package io.chainbeasts.metrics;

import io.chainbeasts.checkpoint.Trainer;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.core.Hex;
import io.chainbeasts.curriculum.Curriculum;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.Net;
import io.chainbeasts.engine.StepRecord;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowResult;

import java.math.BigInteger;

/**
 * Turns trainer callbacks into one {@link TrainingMetrics} per micro-step (schema v1,
 * spec/metrics-schema.md): globalStep counts completed steps (the first is 1), accuracies run over
 * the current window (power: the attack decision), energySpent is cumulative including
 * growth spurts, and the step that closes a window is published when the window commits, with h128.
 * The one conversion: {@code chainbeasts train} and the desktop client's Train screen both publish through it.
 * Only backends that report steps (java) give it anything to publish.
 */
public final class MetricsBridge implements Trainer.Listener {
    private final MetricsSink sink;
    private final String beastId;
    private final TrainingConstants training;
    private long energy;
    private int mask = -1;
    private int moveSeen, moveRight, powerSeen, powerClose, blockSeen, blockRight;
    private StepRecord pending;

    /**
     * @param energyBefore the beast's energyTotal at the head the training resumes from
     * @param training     the constants the trainer runs under (growth spurts cost {@code growthSlotCost} each)
     */
    public MetricsBridge(MetricsSink sink, BigInteger beastId, long energyBefore, TrainingConstants training) {
        this.sink = sink;
        String hex = beastId.toString(16);
        this.beastId = (hex.length() % 2 == 1 ? "0" : "") + hex;
        this.energy = energyBefore;
        this.training = training;
    }

    @Override
    public void onStep(StepRecord s, long windowIndex) {
        if (pending != null) publish(pending, null);
        if ((s.globalStep() & (Window.STEPS - 1)) == 0) moveSeen = moveRight = powerSeen = powerClose = blockSeen = blockRight = 0;
        if (mask >= 0) energy += (long) Integer.bitCount(s.activeMask() & ~mask) * training.growthSlotCost();
        mask = s.activeMask();
        energy += s.energy();
        if ((s.heads() & Curriculum.HEAD_MOVE) != 0 && s.label().hasMove()) {
            moveSeen++;
            if (Net.predictedMove(s.outputs()) == s.label().move()) moveRight++;
        }
        if ((s.heads() & Curriculum.HEAD_POWER) != 0 && s.label().hasPower()) {
            powerSeen++;
            if (Net.predictedPower(s.outputs()) == s.label().power()) powerClose++;
        }
        if ((s.heads() & Curriculum.HEAD_BLOCK) != 0 && s.label().hasBlock()) {
            blockSeen++;
            if (Net.predictedBlock(s.outputs()) == s.label().block()) blockRight++;
        }
        pending = s;
    }

    @Override
    public void onWindow(WindowRecord record, WindowResult result) {
        if (pending != null) publish(pending, Hex.of(result.h128()));
        pending = null;
    }

    private void publish(StepRecord s, String h128) {
        int heads = s.heads();
        TrainingMetrics.Heads loss = new TrainingMetrics.Heads(
                (heads & Curriculum.HEAD_MOVE) != 0 && s.label().hasMove() ? s.losses().move() : null,
                (heads & Curriculum.HEAD_POWER) != 0 && s.label().hasPower() ? s.losses().power() : null,
                (heads & Curriculum.HEAD_BLOCK) != 0 && s.label().hasBlock() ? s.losses().block() : null);
        TrainingMetrics.Heads acc = new TrainingMetrics.Heads(
                moveSeen == 0 ? null : moveRight * 1000 / moveSeen,
                powerSeen == 0 ? null : powerClose * 1000 / powerSeen,
                blockSeen == 0 ? null : blockRight * 1000 / blockSeen);
        long step = (s.globalStep() & 0xFFFFFFFFL) + 1;
        sink.publish(new TrainingMetrics(beastId, step, (step - 1) / Window.STEPS, loss, acc, s.lrShift(),
                s.activeMask() & 0xFFFFFFFFL, energy, h128));
    }
}
