package io.chainbeasts.client.ui;

import com.badlogic.gdx.Input;
import com.badlogic.gdx.scenes.scene2d.Actor;
import com.badlogic.gdx.scenes.scene2d.InputEvent;
import com.badlogic.gdx.scenes.scene2d.ui.Label;
import com.badlogic.gdx.scenes.scene2d.ui.SelectBox;
import com.badlogic.gdx.scenes.scene2d.ui.Table;
import com.badlogic.gdx.scenes.scene2d.ui.TextButton;
import com.badlogic.gdx.scenes.scene2d.ui.TextField;
import com.badlogic.gdx.scenes.scene2d.utils.ChangeListener;
import com.badlogic.gdx.scenes.scene2d.utils.ClickListener;
import io.chainbeasts.client.model.BeastFolder;
import io.chainbeasts.client.model.ClientError;
import io.chainbeasts.client.model.InspectorModel;
import io.chainbeasts.client.model.Seeds;
import io.chainbeasts.combat.Dir;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.engine.NetShape;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Inspector: a board and what a beast would do there. The four cells around the beast are shaded by its
 * move probabilities; power, block and the action it would commit are listed. Click a cell to move the beast
 * there (right-click or "place enemy" moves the enemy).
 */
public final class InspectorScreen extends BaseScreen {
    private final SelectBox<String> beast = new SelectBox<>(skin);
    private final TextField seedField = new TextField("", skin);
    private final ArenaView arena;
    private final TextButton placeEnemy;
    private final Label[] moves = new Label[NetShape.MOVE_OUTS];
    private final StatBar power;
    private final Label block = new Label("", skin);
    private final Label action = new Label("", skin, "big");
    private List<Path> dirs = List.of();
    private InspectorModel model;

    public InspectorScreen(ChainBeastsGame game) {
        super(game, "inspect", "What would your beast do here?");
        arena = new ArenaView(game);
        arena.setName("inspect-arena");
        beast.setName("inspect-beast");
        seedField.setName("inspect-seed");
        block.setName("inspect-block");
        action.setName("inspect-action");
        power = new StatBar(game, "POWER", Ui.DAMAGE, null);
        power.setName("inspect-power");
        seedField.setText(Seeds.hex(1));
        placeEnemy = new TextButton("place enemy", skin, "nav");
        placeEnemy.setName("inspect-place-enemy");

        Table bar = new Table();
        bar.defaults().padRight(6);
        bar.add(new Label("beast", skin)).padRight(4);
        bar.add(beast).width(200);
        bar.add(new Label("board of battle seed", skin)).padLeft(10).padRight(4);
        bar.add(seedField).width(170);
        bar.add(button("Load", "inspect-load", this::load));
        bar.add(placeEnemy).padLeft(12);
        bar.add().expandX();
        content.add(bar).growX().colspan(2).padBottom(8).row();
        content.add(arena).grow().minSize(300).padRight(12);

        Table side = new Table();
        side.top().left();
        side.setBackground(Ui.tint(skin, Ui.PANEL, 12, 10));
        side.defaults().left().growX().padBottom(4);
        side.add(new Label("move probabilities", skin, "muted")).row();
        for (int k = 0; k < moves.length; k++) {
            moves[k] = new Label("", skin, "big");
            moves[k].setName("inspect-move-" + moveName(k));
            side.add(moves[k]).row();
        }
        side.add(new Label("attack power", skin, "muted")).padTop(8).row();
        side.add(power).height(22).row();
        side.add(block).padTop(6).row();
        side.add(new Label("this turn it commits", skin, "muted")).padTop(10).row();
        side.add(action).row();
        Label help = new Label("Click a cell to move the beast (A); with \"place enemy\" on, or a right-click, to move the enemy (B).", skin, "muted");
        help.setWrap(true);
        side.add(help).padTop(14);
        content.add(side).width(380).growY();

        beast.addListener(new ChangeListener() {
            @Override
            public void changed(ChangeEvent event, Actor a) {
                attempt(InspectorScreen.this::load);
            }
        });
        arena.addListener(new ClickListener(-1) {
            @Override
            public void clicked(InputEvent event, float x, float y) {
                int[] c = arena.cellAt(x, y);
                if (c == null || model == null) return;
                int side = placeEnemy.isChecked() || event.getButton() == Input.Buttons.RIGHT ? 1 : 0;
                if (attempt(() -> model.place(side, c[0], c[1]))) sync();
            }
        });
    }

    @Override
    protected void refresh() {
        dirs = BeastFolder.list(game.settings().beastsDir());
        String[] names = new String[dirs.size()];
        for (int i = 0; i < names.length; i++) names[i] = dirs.get(i).getFileName().toString();
        String keep = beast.getSelected();
        beast.getSelection().setProgrammaticChangeEvents(false);
        beast.setItems(names);
        if (keep != null && List.of(names).contains(keep)) beast.setSelected(keep);
        beast.getSelection().setProgrammaticChangeEvents(true);
        if (dirs.isEmpty()) {
            info("no beasts in " + game.settings().beastsDir() + ": hatch one first");
            return;
        }
        load();
    }

    void load() {
        int i = beast.getSelectedIndex();
        if (i < 0 || i >= dirs.size()) throw new ClientError("Hatch a beast first");
        model = new InspectorModel(dirs.get(i), Seeds.parse("Seed", seedField.getText()));
        sync();
        info(model.name() + " on the board of battle " + seedField.getText().strip());
    }

    public InspectorModel model() {
        return model;
    }

    private void sync() {
        InspectorModel.View v = model.view();
        arena.show(model.arena(), model.state(), null, 0, List.of());
        float[] heat = new float[Dir.COUNT];
        for (int d = 0; d < Dir.COUNT; d++) heat[d] = v.movePermille()[d] / 1000f;
        for (int k = 0; k < moves.length; k++) moves[k].setText(String.format(Locale.ROOT, "%-4s  %5.1f%%", moveName(k), v.movePermille()[k] / 10f));
        arena.heat(heat);
        power.set(v.power(), SeasonConstants.DEFAULT.maxPower());
        block.setText(v.block() > 0 ? "block: yes (the block head fires)" : "block: no");
        action.setText(v.action().toString());
    }

    /** N, S, E, W, or "stay" for the fifth move class. */
    private static String moveName(int k) {
        return k == NetShape.OUT_STAY ? "stay" : Dir.name(k);
    }
}
