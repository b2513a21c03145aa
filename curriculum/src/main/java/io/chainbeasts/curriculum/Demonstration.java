package io.chainbeasts.curriculum;

import io.chainbeasts.combat.ActionKind;
import io.chainbeasts.combat.Dir;

/**
 * What a coach did on one private sample (kernel v2): the action they committed there and how their battle ended.
 * A private micro-step whose sample carries a demonstration trains toward that action (imitation, {@link
 * Labels#demonstrated}) instead of the teacher's; the outcome is kept for the coach's records and not read by the
 * kernel. {@link #NONE} is a sample without one (a board only).
 *
 * <p>Encoding (3 bytes, in packed dataset v2 after each board): {@code u8 kind (255: none), u8 dir (a Dir for a
 * MOVE, else 255), u8 outcome (0 loss, 1 draw, 2 win, 255 unknown)}.
 */
public record Demonstration(int kind, int dir, int outcome) {
    public static final int NO_KIND = 255;
    public static final int LOSS = 0;
    public static final int DRAW = 1;
    public static final int WIN = 2;
    public static final int UNKNOWN = 255;
    public static final int ENCODED_SIZE = 3;
    public static final Demonstration NONE = new Demonstration(NO_KIND, Dir.NONE, UNKNOWN);

    public Demonstration {
        if (kind != NO_KIND && !ActionKind.isValid(kind)) throw new IllegalArgumentException("demonstration kind " + kind + " is not an action kind");
        if (kind == ActionKind.MOVE ? dir < 0 || dir >= Dir.COUNT : dir != Dir.NONE) {
            throw new IllegalArgumentException("demonstration dir " + dir + " does not fit a " + ActionKind.name(kind));
        }
        if (outcome != LOSS && outcome != DRAW && outcome != WIN && outcome != UNKNOWN) {
            throw new IllegalArgumentException("demonstration outcome " + outcome + " is not 0, 1, 2 or 255");
        }
    }

    public boolean present() {
        return kind != NO_KIND;
    }
}
