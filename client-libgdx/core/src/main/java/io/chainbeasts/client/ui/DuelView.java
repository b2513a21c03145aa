package io.chainbeasts.client.ui;

import com.badlogic.gdx.scenes.scene2d.ui.Label;
import com.badlogic.gdx.scenes.scene2d.ui.ScrollPane;
import com.badlogic.gdx.scenes.scene2d.ui.Skin;
import com.badlogic.gdx.scenes.scene2d.ui.Table;
import io.chainbeasts.client.model.ReplayModel;
import io.chainbeasts.combat.BattleState;

import java.util.List;

/**
 * The widgets a battle is watched through, shared by the Battle and Coach screens: the arena, each side's HP
 * and stamina bars and the event log. Named {@code prefix + "arena"}, {@code "hp-a"}, {@code "st-b"}, ... so
 * tests and the autopilot find them on either screen.
 */
final class DuelView {
    final ArenaView arena;
    final StatBar hpA;
    final StatBar hpB;
    final StatBar stA;
    final StatBar stB;
    private final Label events;
    private final ScrollPane eventsPane;

    DuelView(ChainBeastsGame game, Skin skin, String prefix) {
        arena = new ArenaView(game);
        hpA = new StatBar(game, "HP", Ui.HP, Ui.HP_LOW);
        hpB = new StatBar(game, "HP", Ui.HP, Ui.HP_LOW);
        stA = new StatBar(game, "ST", Ui.STAMINA, null);
        stB = new StatBar(game, "ST", Ui.STAMINA, null);
        events = new Label("", skin);
        arena.setName(prefix + "arena");
        hpA.setName(prefix + "hp-a");
        hpB.setName(prefix + "hp-b");
        stA.setName(prefix + "st-a");
        stB.setName(prefix + "st-b");
        events.setName(prefix + "events");
        events.setAlignment(com.badlogic.gdx.utils.Align.topLeft);
        eventsPane = new ScrollPane(events, skin);
        eventsPane.setFadeScrollBars(false);
    }

    /** The event log in its tinted frame, to be added where the screen wants it. */
    Table log(Skin skin) {
        Table log = new Table();
        log.setBackground(Ui.tint(skin, Ui.BAR_BG, 6, 4));
        log.add(eventsPane).grow();
        return log;
    }

    /** Shows state {@code s} of the replay: the arena (with {@code next} for the movement in between) and the bars. */
    void show(ReplayModel r, BattleState s, BattleState next, float between) {
        arena.show(r.log().setup().arena(), s, next, between, r.markers());
        arena.safeZone(r.safeRadius());
        int maxHp = r.log().setup().season().maxHp();
        int maxSt = r.log().setup().season().maxStamina();
        hpA.set(s.a().hp(), maxHp);
        hpB.set(s.b().hp(), maxHp);
        stA.set(s.a().stamina(), maxSt);
        stB.set(s.b().stamina(), maxSt);
    }

    /** The event log's lines, scrolled to the newest. */
    void events(List<String> lines) {
        events.setText(lines.isEmpty() ? "(no turns yet)" : String.join("\n", lines));
        events.pack(); // its new height, before the pane scrolls to the bottom of it
        eventsPane.layout();
        eventsPane.setScrollPercentY(1f);
        eventsPane.updateVisualScroll(); // at once, not eased over the next frames (the newest line was cut off)
    }
}
