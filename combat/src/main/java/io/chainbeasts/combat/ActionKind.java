package io.chainbeasts.combat;

/**
 * What a creature does in a turn. RECOVER is the only action of an exhausted creature
 * (stamina 0): it guards like a block, costs nothing and restores stamina (SPEC.md "Stamina").
 */
public final class ActionKind {
    private ActionKind() {}

    public static final int REST = 0;
    public static final int MOVE = 1;
    public static final int ATTACK = 2;
    public static final int BLOCK = 3;
    public static final int RECOVER = 4;

    private static final String[] NAMES = {"REST", "MOVE", "ATTACK", "BLOCK", "RECOVER"};

    public static boolean isValid(int kind) {
        return kind >= REST && kind <= RECOVER;
    }

    public static String name(int kind) {
        return isValid(kind) ? NAMES[kind] : "?" + kind;
    }

    public static int parse(String s) {
        for (int k = 0; k < NAMES.length; k++) if (NAMES[k].equals(s)) return k;
        throw new IllegalArgumentException("unknown action '" + s + "'");
    }

    /** Attacks and blocks tire: they cost stamina at the start of the next turn. */
    public static boolean tires(int kind) {
        return kind == ATTACK || kind == BLOCK;
    }

    /** Block and recover both raise temp_def. */
    public static boolean guards(int kind) {
        return kind == BLOCK || kind == RECOVER;
    }
}
