package io.chainbeasts.client.ui;

import com.badlogic.gdx.Input;
import com.badlogic.gdx.math.Vector2;
import com.badlogic.gdx.scenes.scene2d.Actor;
import com.badlogic.gdx.scenes.scene2d.ui.Label;
import io.chainbeasts.client.model.BattleFile;
import io.chainbeasts.client.model.Battles;
import io.chainbeasts.client.model.Contender;
import io.chainbeasts.client.model.ReplayModel;
import io.chainbeasts.client.model.TrainModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** scene2d layout and clicks through the Stage on the headless backend, over real beasts and battles. */
class ScreensHeadlessTest {
    static String text(HeadlessGame g, String label) {
        return ((Label) g.find(label)).getText().toString();
    }

    static float right(Actor a) {
        return a.localToStageCoordinates(new Vector2(a.getWidth(), 0)).x;
    }

    static float left(Actor a) {
        return a.localToStageCoordinates(new Vector2(0, 0)).x;
    }

    @Test
    void everyScreenOnOneFolder(@TempDir Path tmp) throws Exception {
        Path beasts = tmp.resolve("beasts");
        try (HeadlessGame g = new HeadlessGame(beasts, "roster")) {
            assertTrue(g.game.current().statusText().startsWith("no beasts"), g.game.current().statusText());

            // hatch through the form: a bad seed is one sentence, a good one makes the beast
            g.click("nav-hatch");
            assertEquals("hatch", g.game.currentName());
            g.type("seed-core", "xyz");
            g.click("hatch");
            assertEquals("seed_core: 'xyz' is not a 64-bit number (decimal or 0x-hex).", g.game.current().statusText());
            g.type("seed-core", "0xbeef");
            g.type("beast-name", "bolt");
            g.click("hatch");
            g.until("hatched", () -> g.game.screen("hatch", HatchScreen.class).hatched() != null);
            assertTrue(Files.exists(beasts.resolve("bolt/beast.json")));
            g.click("hatch"); // the same name again: refused, nothing overwritten
            g.until("refusal", () -> g.game.current().statusText().contains("already exists"));

            // train one window through the buttons
            g.click("nav-train");
            TrainScreen train = g.game.screen("train", TrainScreen.class);
            g.until("history loaded", () -> train.model() != null);
            g.type("windows", "1");
            g.click("start");
            g.until("training", () -> train.model().phase() == TrainModel.Phase.DONE);
            g.frame();
            assertEquals(1, train.lossChart().points(0));
            assertTrue(text(g, "checkpoints").startsWith("#0"), text(g, "checkpoints"));
            assertTrue(text(g, "energy").matches("ENERGY spent [0-9.]+ ENERGY"), text(g, "energy")); // as train prints it

            // roster shows it, with a win rate computed by a job
            g.click("nav-roster");
            RosterScreen roster = g.game.screen("roster", RosterScreen.class);
            assertEquals(1, roster.entries().size());
            g.until("win rate", () -> !roster.winRatesPending());
            assertTrue(text(g, "win-bolt").contains("%"), text(g, "win-bolt"));

            // settings: saved to the preferences store
            g.click("nav-settings");
            g.type("ui-scale", "3");
            g.click("save");
            assertTrue(g.game.current().statusText().contains("outside"), g.game.current().statusText());
            g.type("ui-scale", "1.25");
            g.click("save");
            assertEquals("1.25", g.prefs.get("uiScale"));
            assertEquals(1280, g.stage().getViewport().getWorldWidth(), 0.01f, "a 1280x800 window keeps the layout area: scale 1");
            assertTrue(g.game.current().statusText().contains("shows UI scale 1.00 (1.25 needs 1600x1000 or more)"), g.game.current().statusText());
            g.resize(1600, 1000);
            assertEquals(1600 / 1.25f, g.stage().getViewport().getWorldWidth(), 0.01f, "the screens are rebuilt at the new scale");
            g.resize(1280, 800);
            assertEquals(beasts.toString(), g.prefs.get("beastsDir"));
        }
    }

    @Test
    void aLargeScaleOrASmallWindowKeepsEveryControlOnScreen(@TempDir Path tmp) throws Exception {
        try (HeadlessGame g = new HeadlessGame(tmp, "settings")) {
            g.type("ui-scale", "2");
            g.click("save");
            for (int[] size : new int[][] {{1280, 800}, {1024, 640}, {2560, 1600}}) {
                g.resize(size[0], size[1]);
                for (String name : new String[] {"save", "nav-settings", "ui-scale"}) {
                    Actor a = g.find(name);
                    Vector2 lo = a.localToStageCoordinates(new Vector2(0, 0));
                    Vector2 hi = a.localToStageCoordinates(new Vector2(a.getWidth(), a.getHeight()));
                    float w = g.stage().getViewport().getWorldWidth();
                    float h = g.stage().getViewport().getWorldHeight();
                    assertTrue(lo.x >= 0 && lo.y >= 0 && hi.x <= w + 0.5f && hi.y <= h + 0.5f,
                            name + " at " + lo + ".." + hi + " outside the " + w + "x" + h + " stage in a " + size[0] + "x" + size[1] + " window");
                }
            }
            assertEquals(1280, g.stage().getViewport().getWorldWidth(), 0.01f, "2560x1600 fits scale 2: the layout area of 1280x800");
        }
    }

    @Test
    void battleScreenThroughClicksAndKeys(@TempDir Path tmp) throws Exception {
        try (HeadlessGame g = new HeadlessGame(tmp, "battle")) {
            BattleScreen b = g.game.screen("battle", BattleScreen.class);
            // layout: the arena is large and square-ish on the left; the bars sit to its right
            ArenaView arena = b.arena();
            assertTrue(arena.getWidth() > 400 && arena.getHeight() > 400, arena.getWidth() + "x" + arena.getHeight());
            assertTrue(left(g.find("hp-a")) > right(arena), "HP bars right of the arena");
            assertTrue(((StatBar) g.find("hp-a")).getWidth() > 200);

            g.click("export");
            assertEquals("Fight or open a battle first, then export it.", g.game.current().statusText());
            g.type("seed", "0x2a");
            g.click("fight");
            g.until("battle", () -> b.replay() != null);
            ReplayModel r = b.replay();
            BattleFile.Battle expected = Battles.fight(Contender.baseline("greedy"), Contender.baseline("random"), 42);
            assertArrayEquals(expected.log().toBytes(), r.log().toBytes());
            assertEquals("turn 0/60", text(g, "turn"));

            g.key(Input.Keys.RIGHT);
            g.key(Input.Keys.RIGHT);
            assertEquals(2, r.cursor());
            assertEquals("turn 2/60", text(g, "turn"));
            assertEquals(r.state().a().hp(), ((StatBar) g.find("hp-a")).value());
            g.key(Input.Keys.LEFT);
            assertEquals(1, r.cursor());
            g.click("faster");
            assertEquals("2x", text(g, "speed"));
            g.key(Input.Keys.SPACE);
            assertTrue(r.playing());
            g.key(Input.Keys.SPACE);
            assertFalse(r.playing());
            g.click("end");
            assertTrue(r.atEnd());
            assertEquals(r.outcomeText(), text(g, "outcome"));
            assertEquals(r.state().b().hp(), ((StatBar) g.find("hp-b")).value());
            g.click("start");
            assertEquals(0, r.cursor());
            g.click("check-hash");
            assertEquals("replays to the same hash", text(g, "hash-check"));

            // typing in the seed field does not drive the replay
            g.click("seed");
            g.key(Input.Keys.RIGHT);
            assertEquals(0, r.cursor());

            Path f = tmp.resolve("out.json");
            g.type("battle-file", f.toString());
            g.click("export");
            assertTrue(g.game.current().statusText().startsWith("exported"), g.game.current().statusText());
            byte[] first = Files.readAllBytes(f);
            g.click("export");
            assertTrue(g.game.current().statusText().contains("already exists"), g.game.current().statusText());
            assertArrayEquals(first, Files.readAllBytes(f));
            g.click("open");
            assertArrayEquals(expected.log().toBytes(), b.replay().log().toBytes());

            // a new fight after watching one to its end starts at turn 0, and its result is not told before
            g.click("end");
            g.type("seed", "7");
            g.click("fight");
            g.until("second battle", () -> b.replay() != r && b.replay().log().setup().seed() == 7);
            assertEquals(0, b.replay().cursor());
            assertFalse(g.game.current().statusText().contains(b.replay().log().outcome().toString()), g.game.current().statusText());
            // opening the first battle's file puts its seed back in the setup row
            g.type("battle-file", f.toString());
            g.click("open");
            assertEquals("0x000000000000002a", ((com.badlogic.gdx.scenes.scene2d.ui.TextField) g.find("seed")).getText());
        }
    }

    @Test
    void coachScreenPlaysByKeysAndSaves(@TempDir Path tmp) throws Exception {
        try (HeadlessGame g = new HeadlessGame(tmp, "coach")) {
            CoachScreen c = g.game.screen("coach", CoachScreen.class);
            g.type("coach-seed", "7");
            g.click("coach-new");
            assertEquals(0, c.model().played());
            g.click("coach-save");
            assertTrue(g.game.current().statusText().startsWith("finish the battle first"), g.game.current().statusText());
            g.key(Input.Keys.RIGHT);
            if (c.model().played() == 0) { // the step was refused: said in the status line, nothing played
                assertTrue(g.game.current().statusText().contains("is not possible"), g.game.current().statusText());
                g.key(Input.Keys.SPACE);
            }
            g.click("coach-block");
            assertEquals(2, c.model().played());
            assertEquals(null, ((com.badlogic.gdx.scenes.scene2d.ui.TextButton) g.find("coach-block")).getStyle().checked,
                    "an action button has no checked look, so it does not stay lit after a click");
            assertEquals("turn 2/60", text(g, "coach-turn"));
            while (!c.model().over()) g.key(Input.Keys.SPACE);
            Path f = tmp.resolve("coach.csv");
            g.type("coach-file", f.toString());
            g.click("coach-save");
            assertTrue(g.game.current().statusText().startsWith("saved"), g.game.current().statusText());
            assertEquals(c.model().played() + 1, Files.readAllLines(f).size());
        }
    }

    @Test
    void inspectorMovesTheBeastWhereTheCellIsClicked(@TempDir Path tmp) throws Exception {
        io.chainbeasts.client.model.HatchModel.hatch(tmp, "ink", "0x99");
        try (HeadlessGame g = new HeadlessGame(tmp, "inspect")) {
            InspectorScreen s = g.game.screen("inspect", InspectorScreen.class);
            assertTrue(s.model() != null, g.game.current().statusText());
            ArenaView a = g.find("inspect-arena");
            var arena = a.arena();
            var st = s.model().state();
            for (int y = 0; y < arena.height(); y++) {
                for (int x = 0; x < arena.width(); x++) {
                    boolean free = arena.passable(x, y) && !(st.a().x() == x && st.a().y() == y) && !(st.b().x() == x && st.b().y() == y);
                    if (!free) continue;
                    com.badlogic.gdx.math.Rectangle r = a.cellRect(x, y);
                    assertEquals(x, a.cellAt(r.x + r.width / 2, r.y + r.height / 2)[0]);
                    g.clickAt("inspect-arena", r.x + r.width / 2, r.y + r.height / 2);
                    assertEquals(x, s.model().state().a().x());
                    assertEquals(y, s.model().state().a().y());
                    assertEquals(s.model().view().action().toString(), text(g, "inspect-action"));
                    return;
                }
            }
        }
    }
}
