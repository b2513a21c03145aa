package io.chainbeasts.combat;

import java.util.Locale;

/** Text replay of a battle: the grid after each turn with both creatures' HP and stamina. */
public final class AsciiRenderer {
    private AsciiRenderer() {}

    public static String grid(Arena arena, BattleState s) {
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < arena.height(); y++) {
            sb.append("  ");
            for (int x = 0; x < arena.width(); x++) {
                char c = Tile.glyph(arena.tile(x, y));
                if (s.a().x() == x && s.a().y() == y) c = 'A';
                if (s.b().x() == x && s.b().y() == y) c = 'B';
                sb.append(c);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public static String status(BattleState s) {
        return String.format(Locale.ROOT, "A hp %3d st %2d td %2d | B hp %3d st %2d td %2d",
                s.a().hp(), s.a().stamina(), s.a().tempDef(), s.b().hp(), s.b().stamina(), s.b().tempDef());
    }

    public static String render(BattleLog log, String nameA, String nameB) {
        BattleSetup setup = log.setup();
        StringBuilder sb = new StringBuilder();
        sb.append("battle seed ").append(Long.toUnsignedString(setup.seed())).append(": A=").append(nameA)
                .append(" (atk ").append(setup.initial().a().attack()).append(", def ").append(setup.initial().a().defense())
                .append(") vs B=").append(nameB)
                .append(" (atk ").append(setup.initial().b().attack()).append(", def ").append(setup.initial().b().defense())
                .append(")\n");
        sb.append("turn 0\n").append(grid(setup.arena(), setup.initial())).append("  ").append(status(setup.initial())).append('\n');
        for (BattleLog.Turn t : log.turns()) {
            sb.append("turn ").append(t.post().turn()).append(": A ").append(t.a().describe())
                    .append(t.input().critA() && t.a().hit() ? " CRIT" : "")
                    .append(" | B ").append(t.b().describe())
                    .append(t.input().critB() && t.b().hit() ? " CRIT" : "").append('\n');
            sb.append(grid(setup.arena(), t.post())).append("  ").append(status(t.post())).append('\n');
        }
        sb.append("result: ").append(log.outcome()).append(" after ").append(log.turns().size()).append(" turns\n");
        sb.append("battle hash: 0x").append(log.hashHex()).append('\n');
        return sb.toString();
    }
}
