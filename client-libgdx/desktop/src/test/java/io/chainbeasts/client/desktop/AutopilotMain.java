package io.chainbeasts.client.desktop;

import com.badlogic.gdx.Input;
import com.badlogic.gdx.math.Rectangle;
import io.chainbeasts.client.model.ReplayModel;
import io.chainbeasts.client.model.TrainModel;
import io.chainbeasts.client.ui.ArenaView;
import io.chainbeasts.client.ui.BattleScreen;
import io.chainbeasts.client.ui.ChainBeastsGame;
import io.chainbeasts.client.ui.ChainScreen;
import io.chainbeasts.client.ui.CoachScreen;
import io.chainbeasts.client.ui.HatchScreen;
import io.chainbeasts.client.ui.InspectorScreen;
import io.chainbeasts.client.ui.LineChart;
import io.chainbeasts.client.ui.LoadingScreen;
import io.chainbeasts.client.ui.RosterScreen;
import io.chainbeasts.client.ui.StatBar;
import io.chainbeasts.client.ui.TrainScreen;
import io.chainbeasts.client.ui.Ui;
import io.chainbeasts.combat.BattleState;
import io.chainbeasts.combat.Fighter;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The client under an autopilot, in its own JVM under Xvfb (the GL tests' fork):
 * {@code screens OUT BEASTS SEED} renders every screen with fixed data and records pixel probes;
 * {@code playthrough OUT BEASTS SEED EXPORT} hatches, trains 2 windows, fights, replays to the end and exports.
 */
public final class AutopilotMain {
    private AutopilotMain() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[1]);
        Path beasts = Path.of(args[2]);
        String seed = args[3];
        Files.createDirectories(out);
        Autopilot p = new Autopilot(out);
        switch (args[0]) {
            case "screens" -> screens(p, seed);
            case "playthrough" -> playthrough(p, seed, Path.of(args[4]));
            case "docs" -> docs(p, seed);
            case "chain" -> chain(p, Path.of(args[4]));
            case "train-until-killed" -> p.then("to train", () -> p.click("nav-train"))
                    .when("history loaded", () -> screen(p, "train", TrainScreen.class).model() != null, () -> { }, 30_000).then("start", () -> {
                p.type("windows", "100000");
                p.click("start");
            }).when("killed", () -> false, () -> { }, 600_000);
            default -> throw new IllegalArgumentException(args[0]);
        }
        p.run("roster", beasts);
        System.exit(0);
    }

    static <T> T screen(Autopilot p, String name, Class<T> type) {
        return type.cast(p.game().screen(name, type.asSubclass(io.chainbeasts.client.ui.BaseScreen.class)));
    }

    /** Every screen with the fixture beast "alpha" (2 windows), battle alpha vs greedy at {@code seed}. */
    static void screens(Autopilot p, String seed) {
        p.when("roster win rates", () -> !screen(p, "roster", RosterScreen.class).winRatesPending()
                        && !screen(p, "roster", RosterScreen.class).entries().isEmpty(), () -> { }, 120_000)
                .frames(3)
                .then("roster shot", () -> {
                    p.screenshot("roster");
                    navProbe(p, "roster");
                })
                .then("to train", () -> p.click("nav-train"))
                .when("history loaded", () -> screen(p, "train", TrainScreen.class).model() != null, () -> { }, 30_000)
                .frames(3)
                .then("train shot", () -> {
                    TrainScreen t = screen(p, "train", TrainScreen.class);
                    TrainModel m = t.model();
                    if (m == null || m.windows() != 2 || t.lossChart().points(0) != 2) {
                        throw new AssertionError("train screen does not show alpha's 2 windows: " + (m == null ? "no model" : m.windows()));
                    }
                    p.screenshot("train");
                    navProbe(p, "train");
                    LineChart c = t.lossChart();
                    p.probe("train", "loss chart plot area", c, c.getWidth() - 12, 20, Ui.BAR_BG);
                })
                .then("to hatch", () -> p.click("nav-hatch"))
                .frames(3)
                .then("hatch shot", () -> {
                    p.screenshot("hatch");
                    navProbe(p, "hatch");
                })
                .then("to settings", () -> p.click("nav-settings"))
                .frames(3)
                .then("settings shot", () -> {
                    p.screenshot("settings");
                    navProbe(p, "settings");
                })
                .then("to coach", () -> p.click("nav-coach"))
                .frames(2)
                .then("coach a few turns", () -> {
                    p.type("coach-seed", seed);
                    p.click("coach-new");
                    CoachScreen c = screen(p, "coach", CoachScreen.class);
                    for (int k : new int[] {Input.Keys.RIGHT, Input.Keys.UP, Input.Keys.RIGHT, Input.Keys.B}) {
                        int before = c.model().played();
                        p.key(k);
                        if (c.model().played() == before) p.key(Input.Keys.SPACE); // a refused step (a wall): rest instead
                    }
                })
                .frames(3)
                .then("coach shot", () -> {
                    CoachScreen c = screen(p, "coach", CoachScreen.class);
                    if (c.model().played() != 4) throw new AssertionError("coach played " + c.model().played() + " turns, expected 4");
                    p.screenshot("coach");
                    navProbe(p, "coach");
                    arenaProbes(p, "coach", c.find("coach-arena"), c.model().replay(), c.find("coach-hp-a"), c.find("coach-hp-b"));
                })
                .then("to inspect", () -> p.click("nav-inspect"))
                .frames(3)
                .then("inspect shot", () -> {
                    InspectorScreen s = screen(p, "inspect", InspectorScreen.class);
                    if (s.model() == null) throw new AssertionError("inspector has no beast: " + s.statusText());
                    p.screenshot("inspect");
                    navProbe(p, "inspect");
                    heatProbes(p, "inspect", s);
                })
                .then("to battle", () -> p.click("nav-battle"))
                .frames(2)
                .then("set up the battle", () -> {
                    BattleScreen b = screen(p, "battle", BattleScreen.class);
                    b.pick(0, "alpha");
                    b.pick(1, "greedy");
                    p.type("seed", seed);
                    p.click("fight");
                })
                .when("battle fought", () -> screen(p, "battle", BattleScreen.class).replay() != null
                        && !screen(p, "battle", BattleScreen.class).fighting(), () -> {
                    ReplayModel r = screen(p, "battle", BattleScreen.class).replay();
                    int k = Math.min(9, r.turns());
                    for (int i = 0; i < k; i++) p.key(Input.Keys.RIGHT);
                }, 60_000)
                .frames(3)
                .then("battle shot", () -> {
                    p.screenshot("battle");
                    battleProbes(p, "battle");
                })
                .then("to loading", () -> p.game().show(ChainBeastsGame.LOADING))
                .when("probes answered", () -> screen(p, ChainBeastsGame.LOADING, LoadingScreen.class).done(), () -> { }, 60_000)
                .frames(3)
                .then("loading shot", () -> {
                    LoadingScreen l = screen(p, ChainBeastsGame.LOADING, LoadingScreen.class);
                    if (!l.chainText().startsWith("No chain configured") || !l.backendText().startsWith("Training ")) {
                        throw new AssertionError("loading says '" + l.backendText() + "' / '" + l.chainText() + "'");
                    }
                    p.screenshot("loading");
                    var c = l.find("continue");
                    p.probe("loading", "Continue button", c, 3, 3, Ui.PANEL_LIGHT);
                    var b = l.find("loading-backend");
                    p.probe("loading", "panel left of the backend line", b, -4, b.getHeight() / 2, Ui.PANEL);
                });
    }

    /**
     * The Chain screen over the chain of {@code chainFile} with the fixture beast "onchain" (3 windows: finalized,
     * finalized, disputed), signing as anvil:1; then the roster with its chain column. Probes: the status chips.
     */
    static void chain(Autopilot p, Path chainFile) {
        p.then("configure the chain", () -> {
                    p.game().settings().chainFile(chainFile.toString());
                    p.game().settings().key("anvil:1");
                    p.click("nav-chain");
                })
                .when("chain read", () -> !screen(p, "chain", ChainScreen.class).busy() && screen(p, "chain", ChainScreen.class).view() != null,
                        () -> { }, 60_000)
                .frames(3)
                .then("chain shot", () -> {
                    ChainScreen c = screen(p, "chain", ChainScreen.class);
                    var v = c.view();
                    java.util.List<String> st = v.rows().stream().map(io.chainbeasts.client.model.ChainModel.WindowRow::status).toList();
                    if (!st.equals(java.util.List.of("FINALIZED", "FINALIZED", "DISPUTED"))) throw new AssertionError("chain screen shows " + st + ": " + c.statusText());
                    p.screenshot("chain");
                    navProbe(p, "chain");
                    for (int i = 0; i < st.size(); i++) {
                        var chip = c.find("chain-chip-" + i);
                        p.probe("chain", "status chip " + i + " " + st.get(i), chip, 6, 6, ChainScreen.chipColor(st.get(i)));
                    }
                })
                .then("to roster", () -> p.click("nav-roster"))
                .when("chain column", () -> !screen(p, "roster", RosterScreen.class).chainPending()
                        && !screen(p, "roster", RosterScreen.class).winRatesPending(), () -> { }, 120_000)
                .frames(3)
                .then("roster shot", () -> {
                    String col = ((com.badlogic.gdx.scenes.scene2d.ui.Label) p.game().current().find("chain-onchain")).getText().toString();
                    if (!col.equals("disputed")) throw new AssertionError("roster chain column says '" + col + "'");
                    p.screenshot("roster-chain");
                    p.probe("roster-chain", "nav button of the shown screen", p.game().current().find("nav-roster"), 3, 3, Ui.ACCENT);
                });
    }

    static void navProbe(Autopilot p, String screen) {
        var b = p.game().current().find("nav-" + screen);
        p.probe(screen, "nav button of the shown screen", b, 3, 3, Ui.ACCENT);
    }

    /** Arena cells away from the creatures show their tile colour; HP bars are filled exactly to the state's HP. */
    static void battleProbes(Autopilot p, String shot) {
        BattleScreen b = screen(p, "battle", BattleScreen.class);
        arenaProbes(p, shot, b.arena(), b.replay(), b.find("hp-a"), b.find("hp-b"));
    }

    static void arenaProbes(Autopilot p, String shot, ArenaView a, ReplayModel r, StatBar barA, StatBar barB) {
        BattleState s = r.state();
        BattleState pre = r.stateAfter(Math.max(0, r.cursor() - 1));
        var arena = a.arena();
        for (int y = 0; y < arena.height(); y++) {
            for (int x = 0; x < arena.width(); x++) {
                if (near(s.a(), x, y) || near(s.b(), x, y) || near(pre.a(), x, y) || near(pre.b(), x, y)) continue;
                Rectangle c = a.cellRect(x, y);
                p.probe(shot, "cell " + x + "," + y, a, c.x + 2, c.y + 2, ArenaView.tileColor(arena.tile(x, y), x, y));
            }
        }
        int maxHp = r.log().setup().season().maxHp();
        hpProbe(p, shot, "A", barA, s.a().hp(), maxHp);
        hpProbe(p, shot, "B", barB, s.b().hp(), maxHp);
    }

    /** The cells around the beast are its tile colour blended with the accent by 0.15 + 0.8 x the move probability. */
    static void heatProbes(Autopilot p, String shot, InspectorScreen s) {
        ArenaView a = s.find("inspect-arena");
        var st = s.model().state();
        var v = s.model().view();
        var arena = a.arena();
        for (int d = 0; d < io.chainbeasts.combat.Dir.COUNT; d++) {
            int x = st.a().x() + io.chainbeasts.combat.Dir.DX[d];
            int y = st.a().y() + io.chainbeasts.combat.Dir.DY[d];
            if (!arena.inside(x, y) || (st.b().x() == x && st.b().y() == y)) continue;
            float alpha = 0.15f + 0.8f * v.movePermille()[d] / 1000f;
            com.badlogic.gdx.graphics.Color c = ArenaView.tileColor(arena.tile(x, y), x, y).cpy().lerp(Ui.ACCENT, alpha);
            Rectangle r = a.cellRect(x, y);
            p.probe(shot, "heat " + io.chainbeasts.combat.Dir.name(d) + " " + v.movePermille()[d] + " permille", a, r.x + 4, r.y + 4, c);
        }
    }

    private static boolean near(Fighter f, int x, int y) {
        return Math.abs(f.x() - x) + Math.abs(f.y() - y) <= 1;
    }

    /** The fill ends at BORDER + innerWidth * hp / max: fill colour just before, bar background just after. */
    static void hpProbe(Autopilot p, String shot, String side, StatBar bar, int hp, int max) {
        float end = StatBar.BORDER + bar.innerWidth() * hp / max;
        float y = StatBar.BORDER + 1;
        com.badlogic.gdx.graphics.Color fill = hp * 4 <= max ? Ui.HP_LOW : Ui.HP;
        if (hp > 0) p.probe(shot, "HP bar " + side + " filled (" + hp + ")", bar, end - 2, y, fill);
        if (hp < max) p.probe(shot, "HP bar " + side + " empty past " + hp, bar, end + 2, y, Ui.BAR_BG);
    }

    /** Hatch, train 2 windows, fight greedy, replay to the end at 8x, export. */
    static void playthrough(Autopilot p, String seed, Path export) {
        p.frames(2)
                .then("to hatch", () -> p.click("nav-hatch"))
                .frames(2)
                .then("hatch", () -> {
                    p.type("seed-core", "0x5eed");
                    p.type("beast-name", "hero");
                    p.click("hatch");
                })
                .when("hatched", () -> screen(p, "hatch", HatchScreen.class).hatched() != null, () -> p.click("nav-train"), 30_000)
                .when("history loaded", () -> screen(p, "train", TrainScreen.class).model() != null, () -> { }, 30_000)
                .frames(2)
                .then("train 2 windows", () -> {
                    p.type("windows", "2");
                    p.click("start");
                })
                .when("training done", () -> {
                    TrainModel m = screen(p, "train", TrainScreen.class).model();
                    return m.phase() == TrainModel.Phase.DONE;
                }, () -> { }, 240_000)
                .frames(3)
                .then("train shot", () -> p.screenshot("playthrough-train"))
                .then("to battle", () -> p.click("nav-battle"))
                .frames(2)
                .then("fight", () -> {
                    BattleScreen b = screen(p, "battle", BattleScreen.class);
                    b.pick(0, "hero");
                    b.pick(1, "greedy");
                    p.type("seed", seed);
                    p.click("fight");
                })
                .when("fought", () -> screen(p, "battle", BattleScreen.class).replay() != null
                        && !screen(p, "battle", BattleScreen.class).fighting(), () -> {
                    for (int i = 0; i < 3; i++) p.click("faster");
                    p.click("play");
                }, 60_000)
                .when("replayed to the end", () -> screen(p, "battle", BattleScreen.class).replay().atEnd(), () -> {
                    p.click("check-hash");
                    p.type("battle-file", export.toString());
                    p.click("export");
                }, 60_000)
                .frames(3)
                .then("end shot", () -> {
                    p.screenshot("playthrough-battle");
                    battleProbes(p, "playthrough-battle");
                    BattleScreen b = screen(p, "battle", BattleScreen.class);
                    if (!b.statusText().startsWith("exported")) throw new AssertionError("export failed: " + b.statusText());
                    if (!((com.badlogic.gdx.scenes.scene2d.ui.Label) b.find("hash-check")).getText().toString().equals("replays to the same hash")) {
                        throw new AssertionError("hash check: " + ((com.badlogic.gdx.scenes.scene2d.ui.Label) b.find("hash-check")).getText());
                    }
                });
    }

    /** The README's pictures: a beast trained 40 windows in this session, then a battle paused on a hit. */
    static void docs(Autopilot p, String seed) {
        p.frames(2)
                .then("to hatch", () -> p.click("nav-hatch"))
                .frames(2)
                .then("hatch", () -> {
                    p.type("seed-core", "0xd0c5");
                    p.type("beast-name", "ember");
                    p.click("hatch");
                })
                .when("hatched", () -> screen(p, "hatch", HatchScreen.class).hatched() != null, () -> p.click("nav-train"), 30_000)
                .when("history loaded", () -> screen(p, "train", TrainScreen.class).model() != null, () -> { }, 30_000)
                .frames(2)
                .then("train", () -> {
                    p.type("windows", "40");
                    p.click("start");
                })
                .when("trained", () -> screen(p, "train", TrainScreen.class).model().phase() == TrainModel.Phase.DONE, () -> { }, 300_000)
                .frames(3)
                .then("train shot", () -> p.screenshot("docs-train"))
                .then("to battle", () -> p.click("nav-battle"))
                .frames(2)
                .then("fight", () -> {
                    BattleScreen b = screen(p, "battle", BattleScreen.class);
                    b.pick(0, "ember");
                    b.pick(1, "greedy");
                    p.type("seed", seed);
                    p.click("fight");
                })
                .when("fought", () -> screen(p, "battle", BattleScreen.class).replay() != null
                        && !screen(p, "battle", BattleScreen.class).fighting(), () -> {
                    ReplayModel r = screen(p, "battle", BattleScreen.class).replay();
                    int hits = 0;
                    while (!r.atEnd()) {
                        p.key(Input.Keys.RIGHT);
                        if (r.markers().stream().anyMatch(m -> m.hit()) && ++hits == 3) break;
                    }
                    p.click("check-hash");
                }, 60_000)
                .frames(3)
                .then("battle shot", () -> p.screenshot("docs-battle"));
    }
}
