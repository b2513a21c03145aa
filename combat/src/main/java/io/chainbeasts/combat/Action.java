package io.chainbeasts.combat;

/** A committed action: its kind, a direction (MOVE only, else {@link Dir#NONE}), a power (ATTACK only, else 0). */
public record Action(int kind, int dir, int power) {
    public static final Action REST = new Action(ActionKind.REST, Dir.NONE, 0);
    public static final Action BLOCK = new Action(ActionKind.BLOCK, Dir.NONE, 0);
    public static final Action RECOVER = new Action(ActionKind.RECOVER, Dir.NONE, 0);

    public static Action move(int dir) {
        return new Action(ActionKind.MOVE, dir, 0);
    }

    public static Action attack(int power) {
        return new Action(ActionKind.ATTACK, Dir.NONE, power);
    }

    @Override
    public String toString() {
        switch (kind) {
            case ActionKind.MOVE: return "MOVE " + Dir.name(dir);
            case ActionKind.ATTACK: return "ATTACK " + power;
            default: return ActionKind.name(kind);
        }
    }
}
