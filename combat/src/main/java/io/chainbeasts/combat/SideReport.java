package io.chainbeasts.combat;

import io.chainbeasts.core.CanonicalWriter;

/**
 * What one side did in a turn and what came of it (typed outcomes for the log and the renderer).
 * Encoding (7 bytes): {@code u8 kind, u8 dir, u8 power, u8 moveOutcome, u8 hit, u16 damage}.
 */
public record SideReport(Action action, int moveOutcome, boolean hit, int damage) {
    public void encode(CanonicalWriter w) {
        w.u8(action.kind()).u8(action.dir()).u8(action.power()).u8(moveOutcome).bool(hit).u16(damage);
    }

    public String describe() {
        StringBuilder sb = new StringBuilder(action.toString());
        if (action.kind() == ActionKind.MOVE && moveOutcome != MoveOutcome.MOVED) {
            sb.append(" (").append(MoveOutcome.name(moveOutcome)).append(')');
        }
        if (action.kind() == ActionKind.ATTACK) sb.append(hit ? " -> " + damage + " dmg" : " (missed)");
        return sb.toString();
    }
}
