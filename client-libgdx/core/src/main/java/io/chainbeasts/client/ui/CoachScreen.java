package io.chainbeasts.client.ui;

import com.badlogic.gdx.Input;
import com.badlogic.gdx.scenes.scene2d.InputEvent;
import com.badlogic.gdx.scenes.scene2d.InputListener;
import com.badlogic.gdx.scenes.scene2d.ui.Label;
import com.badlogic.gdx.scenes.scene2d.ui.SelectBox;
import com.badlogic.gdx.scenes.scene2d.ui.Table;
import com.badlogic.gdx.scenes.scene2d.ui.TextField;
import io.chainbeasts.client.model.BeastFolder;
import io.chainbeasts.client.model.ClientError;
import io.chainbeasts.client.model.CoachModel;
import io.chainbeasts.client.model.Contender;
import io.chainbeasts.client.model.ReplayModel;
import io.chainbeasts.client.model.Seeds;
import io.chainbeasts.combat.Action;
import io.chainbeasts.combat.BattleState;
import io.chainbeasts.combat.Dir;

import java.nio.file.Path;
import java.util.List;

/**
 * Coach: play side A yourself, one intent a turn (arrows move, A attack, B block, space rest), against a
 * baseline or a beast; then save your decisions as CSV rows in the examples format for coaching.
 */
public final class CoachScreen extends BaseScreen {
    private final SelectBox<Contender> opponent = new SelectBox<>(skin);
    private final TextField seedField = new TextField("", skin);
    private final TextField file = new TextField("", skin);
    private final DuelView duel;
    private final Label turn = new Label("", skin, "big");
    private final Label outcome = new Label("", skin);
    private final Label them = new Label("B  opponent", skin, "big");
    private CoachModel model;

    public CoachScreen(ChainBeastsGame game) {
        super(game, "coach", "Play a battle yourself; save your decisions");
        duel = new DuelView(game, skin, "coach-");
        opponent.setName("coach-opponent");
        seedField.setName("coach-seed");
        file.setName("coach-file");
        file.setMessageText("CSV file for your decisions");
        turn.setName("coach-turn");
        outcome.setName("coach-outcome");
        seedField.setText(Seeds.hex(Seeds.random()));

        Table setup = new Table();
        setup.defaults().padRight(6);
        setup.add(new Label("you (A)  vs  B", skin)).padRight(4);
        setup.add(opponent).width(190);
        setup.add(new Label("seed", skin)).padLeft(10).padRight(4);
        setup.add(seedField).width(170);
        setup.add(button("Random", "coach-random", () -> seedField.setText(Seeds.hex(Seeds.random()))));
        setup.add(button("New battle", "coach-new", this::newBattle));
        setup.add().expandX();
        setup.add(file).width(230);
        setup.add(button("Save CSV", "coach-save", this::save)).padRight(0);
        content.add(setup).growX().colspan(2).padBottom(8).row();

        content.add(duel.arena).grow().minSize(300).padRight(12);
        Table side = new Table();
        side.top().left();
        side.setBackground(Ui.tint(skin, Ui.PANEL, 12, 10));
        side.defaults().left().growX();
        Label you = new Label("A  you", skin, "big");
        you.setColor(Ui.SIDE_A);
        them.setColor(Ui.SIDE_B);
        side.add(you).row();
        side.add(duel.hpA).height(22).row();
        side.add(duel.stA).height(14).padTop(3).padBottom(8).row();
        side.add(them).row();
        side.add(duel.hpB).height(22).row();
        side.add(duel.stB).height(14).padTop(3).padBottom(8).row();
        side.add(turn).row();
        outcome.setWrap(true);
        side.add(outcome).padBottom(6).row();

        Table pad = new Table();
        pad.defaults().pad(3).width(64);
        pad.add();
        pad.add(button("N", "coach-n", () -> play(Action.move(Dir.N))));
        pad.add().row();
        pad.add(button("W", "coach-w", () -> play(Action.move(Dir.W))));
        pad.add(button("Rest", "coach-rest", () -> play(Action.REST)));
        pad.add(button("E", "coach-e", () -> play(Action.move(Dir.E)))).row();
        pad.add();
        pad.add(button("S", "coach-s", () -> play(Action.move(Dir.S))));
        pad.add().row();
        pad.add(button("Attack", "coach-attack", this::attack)).width(80);
        pad.add(button("Block", "coach-block", () -> play(Action.BLOCK))).width(80);
        side.add(pad).left().padBottom(8).row();
        side.add(duel.log(skin)).grow().minHeight(100);
        content.add(side).width(430).growY();
        stage.addListener(new Keys());
    }

    @Override
    protected void refresh() {
        List<Contender> all = BeastFolder.contenders(game.settings().beastsDir());
        Contender keep = opponent.getSelected();
        opponent.setItems(all.toArray(new Contender[0]));
        opponent.setSelected(keep != null && all.contains(keep) ? keep : all.get(0));
        if (model == null) newBattle();
    }

    void newBattle() {
        long seed = Seeds.parse("Seed", seedField.getText());
        model = new CoachModel(opponent.getSelected(), seed);
        them.setText("B  " + opponent.getSelected().label());
        sync();
        info("your move: arrows or N/S/E/W, A attack, B block, space rest");
    }

    void attack() {
        if (model == null) throw new ClientError("start a battle first");
        play(model.attack());
    }

    void play(Action want) {
        if (model == null) throw new ClientError("start a battle first");
        model.play(want);
        sync();
        if (model.over()) good("battle over: " + model.log().outcome() + "; save your " + model.played() + " decisions as CSV");
        else info("your move: arrows or N/S/E/W, A attack, B block, space rest"); // an earlier refusal is answered
    }

    void save() {
        if (model == null || !model.over()) throw new ClientError("finish the battle first; the rows carry its outcome");
        String t = file.getText().strip();
        if (t.isEmpty()) throw new ClientError("CSV file: type a file path first");
        Path p = Path.of(t);
        model.save(p);
        good("saved " + model.played() + " rows to " + p);
    }

    public CoachModel model() {
        return model;
    }

    private void sync() {
        ReplayModel r = model.replay();
        BattleState s = r.state();
        duel.show(r, s, null, 0);
        turn.setText("turn " + model.played() + "/" + r.maxTurns());
        outcome.setText(model.over() ? model.log().outcome().toString() : "atk " + s.a().attack() + "  def " + s.a().defense()
                + (s.a().stamina() == 0 ? "  exhausted: you recover this turn" : ""));
        List<String> lines = r.events();
        if (model.over() && !lines.isEmpty()) lines = lines.subList(0, lines.size() - 1);
        duel.events(lines);
    }

    private final class Keys extends InputListener {
        @Override
        public boolean touchDown(InputEvent event, float x, float y, int pointer, int button) {
            if (!(event.getTarget() instanceof TextField)) stage.setKeyboardFocus(null);
            return false;
        }

        @Override
        public boolean keyDown(InputEvent event, int keycode) {
            if (stage.getKeyboardFocus() instanceof TextField || model == null || model.over()) return false;
            Runnable r = switch (keycode) {
                case Input.Keys.UP -> () -> play(Action.move(Dir.N));
                case Input.Keys.DOWN -> () -> play(Action.move(Dir.S));
                case Input.Keys.RIGHT -> () -> play(Action.move(Dir.E));
                case Input.Keys.LEFT -> () -> play(Action.move(Dir.W));
                case Input.Keys.SPACE -> () -> play(Action.REST);
                case Input.Keys.B -> () -> play(Action.BLOCK);
                case Input.Keys.A -> CoachScreen.this::attack;
                default -> null;
            };
            if (r == null) return false;
            attempt(r);
            return true;
        }
    }
}
