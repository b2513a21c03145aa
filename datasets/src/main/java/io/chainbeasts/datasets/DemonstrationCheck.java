package io.chainbeasts.datasets;

import io.chainbeasts.combat.Action;
import io.chainbeasts.combat.ActionKind;
import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Dir;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.MoveOutcome;
import io.chainbeasts.combat.Rules;
import io.chainbeasts.combat.SeasonConstants;

/**
 * Whether a demonstrated action is legal on its board under the kernel v2 rules (spec/datasets.md
 * "Demonstrations"). The decision is {@link Rules#isLegal} on the fighters at commit (after the start-of-turn
 * stamina payment, {@link Rules#staminaAtCommit}) plus {@link Rules#isOpenStep} for a MOVE: the one legality
 * source the appendage uses. An ATTACK is judged at full power ({@link Rules#effectiveMaxPower}), since kernel v2
 * attacks at full power whatever power a file states. This class only explains a refusal in words and names the
 * column at fault; it never decides differently from the rules.
 */
public final class DemonstrationCheck {
    private DemonstrationCheck() {}

    /** Why an action is refused: the CSV column at fault ({@code action_kind} or {@code action_dir}) and the reason. */
    public record Problem(String column, String message) {}

    /** The action a demonstration of {@code kind}/{@code dir} commits on {@code board} (an ATTACK at full power). */
    public static Action committed(Board board, int kind, int dir, SeasonConstants season) {
        switch (kind) {
            case ActionKind.ATTACK: return Action.attack(Rules.effectiveMaxPower(board.self(), season));
            case ActionKind.MOVE: return Action.move(dir);
            default: return new Action(kind, Dir.NONE, 0);
        }
    }

    /** {@code null} when {@code kind}/{@code dir} is legal for {@code board.self()}, else why not. */
    public static Problem problem(Board board, int kind, int dir, SeasonConstants season) {
        Fighter self = atCommit(board.self(), season);
        Fighter enemy = atCommit(board.enemy(), season);
        if (kind == ActionKind.MOVE && (dir < 0 || dir >= Dir.COUNT)) {
            return new Problem("action_dir", "a MOVE needs a direction N, S, E or W");
        }
        Action action = committed(board, kind, dir, season);
        boolean legal = Rules.isLegal(action, self, enemy, season)
                && (kind != ActionKind.MOVE || Rules.isOpenStep(board.arena(), self, enemy, dir));
        return legal ? null : explain(board, self, enemy, kind, dir, season);
    }

    private static Fighter atCommit(Fighter f, SeasonConstants season) {
        return f.withStamina(Rules.staminaAtCommit(f, season));
    }

    private static Problem explain(Board board, Fighter self, Fighter enemy, int kind, int dir, SeasonConstants season) {
        String name = ActionKind.name(kind);
        if (Rules.isExhausted(self) && kind != ActionKind.RECOVER) {
            Fighter before = board.self();
            String paid = before.stamina() == self.stamina() ? ""
                    : " (" + before.stamina() + " on the board, less " + (before.stamina() - self.stamina()) + " for its last "
                    + ActionKind.name(before.lastAction()) + ")";
            return kindProblem("self has stamina 0 at commit" + paid + ": only RECOVER is legal, not " + name);
        }
        switch (kind) {
            case ActionKind.RECOVER:
                return kindProblem("RECOVER is legal only at stamina 0 at commit; self has " + self.stamina());
            case ActionKind.ATTACK:
                if (!Rules.isAdjacent(self, enemy)) {
                    return kindProblem("ATTACK needs the enemy adjacent; self at " + cell(self) + " and enemy at " + cell(enemy)
                            + " are " + Rules.manhattan(self, enemy) + " steps apart");
                }
                if (Rules.effectiveMaxPower(self, season) == 0) return kindProblem("self's attack is 0: it cannot ATTACK");
                break;
            case ActionKind.MOVE:
                return new Problem("action_dir", "MOVE " + Dir.name(dir) + " from " + cell(self) + " "
                        + blockedBy(board.arena(), self, enemy, dir) + " (a MOVE must be an open step)");
            default:
                break;
        }
        return kindProblem(name + " is not legal on this board");
    }

    private static String blockedBy(Arena arena, Fighter self, Fighter enemy, int dir) {
        int nx = self.x() + Dir.DX[dir];
        int ny = self.y() + Dir.DY[dir];
        switch (Rules.moveTargetOutcome(arena, self, dir)) {
            case MoveOutcome.BUMP_EDGE: return "would leave the arena";
            case MoveOutcome.BUMP_WALL: return "runs into the wall at (" + nx + "," + ny + ")";
            default: return nx == enemy.x() && ny == enemy.y() ? "steps onto the enemy's cell (" + nx + "," + ny + ")" : "is not open";
        }
    }

    private static Problem kindProblem(String message) {
        return new Problem("action_kind", message);
    }

    private static String cell(Fighter f) {
        return "(" + f.x() + "," + f.y() + ")";
    }
}
