package io.chainbeasts.client.ui;

import com.badlogic.gdx.Input;
import com.badlogic.gdx.scenes.scene2d.Actor;
import com.badlogic.gdx.scenes.scene2d.InputEvent;
import com.badlogic.gdx.scenes.scene2d.InputListener;
import com.badlogic.gdx.scenes.scene2d.ui.Label;
import com.badlogic.gdx.scenes.scene2d.ui.SelectBox;
import com.badlogic.gdx.scenes.scene2d.ui.Slider;
import com.badlogic.gdx.scenes.scene2d.ui.Table;
import com.badlogic.gdx.scenes.scene2d.ui.TextButton;
import com.badlogic.gdx.scenes.scene2d.ui.TextField;
import com.badlogic.gdx.scenes.scene2d.utils.ChangeListener;
import io.chainbeasts.client.model.BattleFile;
import io.chainbeasts.client.model.BeastFolder;
import io.chainbeasts.client.model.Battles;
import io.chainbeasts.client.model.Contender;
import io.chainbeasts.client.model.ReplayModel;
import io.chainbeasts.client.model.Seeds;
import io.chainbeasts.combat.BattleState;
import io.chainbeasts.combat.Fighter;

import java.nio.file.Path;
import java.util.List;

/**
 * Battle: pick two contenders (baselines or beasts) and a seed, fight off the render thread, then watch the
 * replay: arena, HP and stamina bars, markers, play/pause, steps, speed, scrubber, event log, the battle
 * hash and its replay check; open and export the JSON of {@code chainbeasts battle --json}.
 * Keys: space play/pause, left/right step, home/end, up/down or +/- speed.
 */
public final class BattleScreen extends BaseScreen {
    private final SelectBox<Contender> pickA = new SelectBox<>(skin);
    private final SelectBox<Contender> pickB = new SelectBox<>(skin);
    private final TextField seedField = new TextField("", skin);
    private final TextField fileField = new TextField("", skin);
    private final DuelView duel;
    private final Label nameA = new Label("A", skin, "big");
    private final Label nameB = new Label("B", skin, "big");
    private final Label statsA = new Label("", skin, "muted");
    private final Label statsB = new Label("", skin, "muted");
    private final Label turnLabel = new Label("turn 0/60", skin, "big");
    private final Label outcome = new Label("Pick two fighters and a seed, then Fight.", skin);
    private final Label hashLabel = new Label("", skin, "muted");
    private final Label hashCheck = new Label("", skin, "muted");
    private final Slider scrubber = new Slider(0, 1, 1, false, skin);
    private final TextButton play;
    private final Label speedLabel = new Label("1x", skin);
    private ReplayModel replay;
    private int shownCursor = -1;
    private boolean fighting;

    public BattleScreen(ChainBeastsGame game) {
        super(game, "battle", "Battle and replay viewer");
        duel = new DuelView(game, skin, "");
        pickA.setName("pick-a");
        pickB.setName("pick-b");
        seedField.setName("seed");
        seedField.setMessageText("seed (decimal or 0x-hex)");
        fileField.setName("battle-file");
        fileField.setMessageText("battle JSON file, e.g. /tmp/battle.json");
        turnLabel.setName("turn");
        outcome.setName("outcome");
        hashLabel.setName("hash");
        hashCheck.setName("hash-check");
        scrubber.setName("scrubber");
        speedLabel.setName("speed");
        nameA.setColor(Ui.SIDE_A);
        nameB.setColor(Ui.SIDE_B);
        seedField.setText(Seeds.hex(Seeds.random()));

        Table setup = new Table();
        setup.defaults().padRight(6);
        setup.add(new Label("A", skin)).padRight(4);
        setup.add(pickA).width(190);
        setup.add(new Label("vs  B", skin)).padRight(4);
        setup.add(pickB).width(190);
        setup.add(new Label("seed", skin)).padLeft(10).padRight(4);
        setup.add(seedField).width(170);
        setup.add(button("Random", "random-seed", () -> seedField.setText(Seeds.hex(Seeds.random()))));
        setup.add(button("Fight!", "fight", this::fight)).width(80);
        setup.add().expandX();
        setup.add(fileField).width(230);
        setup.add(button("Open", "open", this::open));
        setup.add(button("Export", "export", this::export)).padRight(0);
        content.add(setup).growX().colspan(2).padBottom(8).row();

        content.add(duel.arena).grow().minSize(300).padRight(12);
        Table side = new Table();
        side.top().left();
        side.setBackground(Ui.tint(skin, Ui.PANEL, 12, 10));
        side.defaults().left().growX();
        side.add(card(nameA, duel.hpA, duel.stA, statsA)).padBottom(8).row();
        side.add(card(nameB, duel.hpB, duel.stB, statsB)).padBottom(8).row();
        side.add(turnLabel).row();
        outcome.setWrap(true);
        side.add(outcome).padBottom(6).row();
        hashLabel.setWrap(true);
        side.add(hashLabel).row();
        Table hashRow = new Table();
        hashRow.add(button("Check hash", "check-hash", this::checkHash)).padRight(8);
        hashRow.add(hashCheck).growX().left();
        side.add(hashRow).padBottom(6).row();
        side.add(new Label("event log", skin, "muted")).row();
        side.add(duel.log(skin)).grow().minHeight(120);
        content.add(side).width(430).growY().row();

        Table controls = new Table();
        controls.defaults().padRight(6);
        controls.add(button("|<", "start", () -> withReplay(r -> r.seek(0))));
        controls.add(button("<", "step-back", () -> withReplay(ReplayModel::stepBack)));
        play = button("Play", "play", () -> withReplay(ReplayModel::togglePlay));
        controls.add(play).width(70);
        controls.add(button(">", "step-forward", () -> withReplay(ReplayModel::stepForward)));
        controls.add(button(">|", "end", () -> withReplay(r -> r.seek(r.turns()))));
        controls.add(new Label("speed", skin, "muted")).padLeft(12);
        controls.add(button("-", "slower", () -> withReplay(ReplayModel::slower)));
        controls.add(speedLabel).width(44);
        controls.add(button("+", "faster", () -> withReplay(ReplayModel::faster)));
        controls.add(scrubber).growX().padLeft(12);
        controls.add(new Label("keys: space play, left/right step, home/end, up/down speed", skin, "muted")).padRight(0);
        scrubber.addListener(new ChangeListener() {
            @Override
            public void changed(ChangeEvent event, Actor actor) {
                if (replay != null && (int) scrubber.getValue() != replay.cursor()) {
                    replay.pause();
                    replay.seek((int) scrubber.getValue());
                }
            }
        });
        content.add(controls).growX().colspan(2).padTop(8);
        stage.addListener(new Keys());
    }

    private Table card(Label name, StatBar hp, StatBar st, Label stats) {
        Table t = new Table();
        t.left();
        t.defaults().left();
        t.add(name).row();
        t.add(hp).growX().height(22).padTop(2).row();
        t.add(st).growX().height(14).padTop(3).row();
        t.add(stats).row();
        return t;
    }

    @Override
    protected void refresh() {
        List<Contender> all = BeastFolder.contenders(game.settings().beastsDir());
        Contender a = pickA.getSelected();
        Contender b = pickB.getSelected();
        pickA.setItems(all.toArray(new Contender[0]));
        pickB.setItems(all.toArray(new Contender[0]));
        pickA.setSelected(a != null && all.contains(a) ? a : all.get(0));
        pickB.setSelected(b != null && all.contains(b) ? b : all.get(Math.min(1, all.size() - 1)));
    }

    /** Selects the contender {@code policyName} names in a battle file (a baseline or a beast folder), if the picker has it. */
    private static boolean select(SelectBox<Contender> box, String policyName) {
        for (Contender c : box.getItems()) {
            if (c.policyName().equals(policyName) || c.isBeast() && c.beastDir().toAbsolutePath().normalize()
                    .equals(Path.of(policyName).toAbsolutePath().normalize())) {
                box.setSelected(c);
                return true;
            }
        }
        return false;
    }

    /** Selects the contender whose label or name is {@code name} on side 0 (A) or 1 (B). */
    public void pick(int side, String name) {
        SelectBox<Contender> box = side == 0 ? pickA : pickB;
        for (Contender c : box.getItems()) {
            if (c.name().equals(name) || c.label().equals(name)) {
                box.setSelected(c);
                return;
            }
        }
        throw new IllegalArgumentException("no contender named " + name);
    }

    void fight() {
        if (fighting) return;
        Contender a = pickA.getSelected();
        Contender b = pickB.getSelected();
        long seed = Seeds.parse("Seed", seedField.getText());
        fighting = true;
        info("fighting: " + a.label() + " vs " + b.label() + ", seed " + Seeds.hex(seed) + "...");
        game.jobs().run(() -> Battles.fight(a, b, seed), battle -> {
            fighting = false;
            load(battle);
            // the outcome shows when the replay reaches it, not before
            good(a.label() + " vs " + b.label() + ", seed " + Seeds.hex(seed) + ": " + battle.log().turns().size() + " turns; press Play or Space");
        }, err -> {
            fighting = false;
            error(err);
        });
    }

    public boolean fighting() {
        return fighting;
    }

    void open() {
        Path file = path();
        BattleFile.Battle b = BattleFile.open(file);
        load(b);
        // the setup row shows the opened battle, so Fight replays it (its fighters where this folder has them)
        seedField.setText(Seeds.hex(b.log().setup().seed()));
        boolean both = select(pickA, b.policyA()) & select(pickB, b.policyB());
        good("opened " + file + ": the log replays through the rules to its recorded hash"
                + (both ? "" : "; a fighter in it is not in your beasts folder, so the pickers keep their choice"));
    }

    void export() {
        if (replay == null) throw new io.chainbeasts.client.model.ClientError("Fight or open a battle first, then export it");
        Path file = path();
        BattleFile.export(replay.battle(), file);
        good("exported the battle to " + file);
    }

    private Path path() {
        String t = fileField.getText().strip();
        if (t.isEmpty()) throw new io.chainbeasts.client.model.ClientError("Battle file: type a file path first");
        try {
            return Path.of(t);
        } catch (java.nio.file.InvalidPathException e) {
            throw new io.chainbeasts.client.model.ClientError("Battle file: '" + t + "' is not a valid path");
        }
    }

    void checkHash() {
        if (replay == null) throw new io.chainbeasts.client.model.ClientError("Fight or open a battle first");
        ReplayModel.HashCheck c = replay.checkHash();
        hashCheck.setStyle(skin.get(c.same() ? "good" : "error", Label.LabelStyle.class));
        hashCheck.setText(c.text());
    }

    /** Shows a battle from its first turn. */
    public void load(BattleFile.Battle battle) {
        replay = new ReplayModel(battle);
        shownCursor = -1;
        nameA.setText("A  " + label(battle.policyA()));
        nameB.setText("B  " + label(battle.policyB()));
        hashLabel.setText("battle hash " + replay.hashText());
        hashCheck.setText("");
        // quietly: the scrubber's listener would otherwise seek the new replay to the old one's clamped position
        scrubber.setProgrammaticChangeEvents(false);
        scrubber.setRange(0, Math.max(1, replay.turns()));
        scrubber.setValue(0);
        scrubber.setProgrammaticChangeEvents(true);
        sync();
    }

    private static String label(String policyName) {
        int slash = Math.max(policyName.lastIndexOf('/'), policyName.lastIndexOf('\\'));
        return slash >= 0 ? policyName.substring(slash + 1) : policyName;
    }

    public ReplayModel replay() {
        return replay;
    }

    private void withReplay(java.util.function.Consumer<ReplayModel> f) {
        if (replay == null) throw new io.chainbeasts.client.model.ClientError("Fight or open a battle first");
        f.accept(replay);
        sync();
    }

    @Override
    protected void update(float delta) {
        if (replay == null) return;
        replay.update(delta);
        sync();
    }

    /** Copies the replay's state at the cursor into the widgets. */
    private void sync() {
        ReplayModel r = replay;
        BattleState s = r.state();
        BattleState next = r.cursor() < r.turns() ? r.stateAfter(r.cursor() + 1) : null;
        duel.show(r, s, next, r.between());
        play.setText(r.playing() ? "Pause" : "Play");
        speedLabel.setText(r.speedLabel());
        if (shownCursor == r.cursor()) return;
        shownCursor = r.cursor();
        statsA.setText(stats(s.a()));
        statsB.setText(stats(s.b()));
        turnLabel.setText(r.turnLabel());
        outcome.setText(r.atEnd() ? r.outcomeText() : r.cursor() == 0 ? "ready: press Play (Space)" : "");
        scrubber.setProgrammaticChangeEvents(false);
        scrubber.setValue(r.cursor());
        scrubber.setProgrammaticChangeEvents(true);
        duel.events(r.events());
    }

    private static String stats(Fighter f) {
        return "atk " + f.attack() + "   def " + f.defense() + "   guard " + f.tempDef() + "   at (" + f.x() + "," + f.y() + ")";
    }

    public ArenaView arena() {
        return duel.arena;
    }

    /** Keyboard shortcuts (not while typing in a text field). */
    private final class Keys extends InputListener {
        @Override
        public boolean touchDown(InputEvent event, float x, float y, int pointer, int button) {
            if (!(event.getTarget() instanceof TextField)) stage.setKeyboardFocus(null);
            return false;
        }

        @Override
        public boolean keyDown(InputEvent event, int keycode) {
            if (stage.getKeyboardFocus() instanceof TextField || replay == null) return false;
            switch (keycode) {
                case Input.Keys.SPACE -> replay.togglePlay();
                case Input.Keys.LEFT -> replay.stepBack();
                case Input.Keys.RIGHT -> replay.stepForward();
                case Input.Keys.HOME -> replay.seek(0);
                case Input.Keys.END -> replay.seek(replay.turns());
                case Input.Keys.UP, Input.Keys.PLUS, Input.Keys.EQUALS -> replay.faster();
                case Input.Keys.DOWN, Input.Keys.MINUS -> replay.slower();
                default -> {
                    return false;
                }
            }
            sync();
            return true;
        }
    }
}
