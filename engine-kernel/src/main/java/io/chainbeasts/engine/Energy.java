package io.chainbeasts.engine;

import io.chainbeasts.curriculum.TrainingConstants;

/**
 * ENERGY (seed rules section 4): a micro-step costs {@code floor(baseStepCost * activeParams / slabParams)};
 * a growth spurt costs {@code growthSlotCost} more in the window that wakes the slot.
 */
public final class Energy {
    private Energy() {}

    public static long stepCost(int activeMask, TrainingConstants tc) {
        assert NetShape.activeParams(activeMask) <= NetShape.SLAB_PARAMS : "a step costs at most baseStepCost (mask 0x" + Integer.toHexString(activeMask) + ")";
        return tc.baseStepCost() * NetShape.activeParams(activeMask) / NetShape.SLAB_PARAMS;
    }
}
