package io.chainbeasts.combat;

/**
 * Whether a battle is over and who won. KO: a side's HP reached 0 (both at once: a draw).
 * TIMEOUT after maxTurns: more HP wins; equal HP is a draw.
 */
public record Outcome(int winner, int reason) {
    public static final int ONGOING = 0;
    public static final int A_WINS = 1;
    public static final int B_WINS = 2;
    public static final int DRAW = 3;

    public static final int REASON_NONE = 0;
    public static final int REASON_KO = 1;
    public static final int REASON_TIMEOUT = 2;

    public static Outcome of(BattleState s, SeasonConstants season) {
        boolean aDown = s.a().hp() == 0;
        boolean bDown = s.b().hp() == 0;
        if (aDown || bDown) {
            int w = aDown && bDown ? DRAW : (bDown ? A_WINS : B_WINS);
            return new Outcome(w, REASON_KO);
        }
        if (s.turn() >= season.maxTurns()) {
            int w = s.a().hp() > s.b().hp() ? A_WINS : (s.b().hp() > s.a().hp() ? B_WINS : DRAW);
            return new Outcome(w, REASON_TIMEOUT);
        }
        return new Outcome(ONGOING, REASON_NONE);
    }

    public boolean over() {
        return winner != ONGOING;
    }

    @Override
    public String toString() {
        String r = reason == REASON_KO ? "KO" : (reason == REASON_TIMEOUT ? "timeout" : "");
        switch (winner) {
            case A_WINS: return "A wins (" + r + ")";
            case B_WINS: return "B wins (" + r + ")";
            case DRAW: return "draw (" + r + ")";
            default: return "ongoing";
        }
    }
}
