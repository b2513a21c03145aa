package io.chainbeasts.client.ui;

import com.badlogic.gdx.scenes.scene2d.ui.Label;
import com.badlogic.gdx.scenes.scene2d.ui.Table;
import com.badlogic.gdx.scenes.scene2d.ui.TextField;
import io.chainbeasts.client.model.HatchModel;
import io.chainbeasts.client.model.Seeds;

import java.nio.file.Path;

/** Hatch: a seed_core typed or rolled and a folder name; hatches a public beast into the beasts folder. */
public final class HatchScreen extends BaseScreen {
    private final TextField seed = new TextField("", skin);
    private final TextField name = new TextField("", skin);
    private final TextField dataset = new TextField("", skin);
    private final TextField secret = new TextField("", skin);
    private Path hatched;

    public HatchScreen(ChainBeastsGame game) {
        super(game, "hatch", "Hatch a new beast");
        seed.setName("seed-core");
        name.setName("beast-name");
        seed.setMessageText("seed_core (decimal or 0x-hex)");
        name.setMessageText("folder name");
        Table form = new Table();
        form.setBackground(Ui.tint(skin, Ui.PANEL, 24, 20));
        form.defaults().left().pad(6);
        form.add(new Label("Hatch", skin, "title")).colspan(3).row();
        Label intro = new Label("A beast's seed_core fixes its first weights. Type one or roll the dice; the beast gets its own "
                + "folder in the beasts folder. Give a packed dataset and a secret file to coach it on your own data "
                + "(a private curriculum, committed to at hatch).", skin, "muted");
        intro.setWrap(true);
        form.add(intro).width(560).colspan(3).padBottom(12).row();
        form.add(new Label("seed_core", skin));
        form.add(seed).width(260);
        form.add(button("Roll", "roll", this::roll)).row();
        form.add(new Label("name", skin));
        form.add(name).width(260).row();
        dataset.setName("dataset");
        secret.setName("secret");
        dataset.setMessageText("optional: packed dataset (.zst)");
        secret.setMessageText("its owner secret file (new: created)");
        form.add(new Label("private curriculum", skin));
        form.add(dataset).width(260).row();
        form.add();
        form.add(secret).width(260).row();
        form.add();
        form.add(button("Hatch!", "hatch", this::hatch)).width(120).padTop(12).row();
        content.add(form).center();
        roll();
    }

    void roll() {
        long s = Seeds.random();
        seed.setText(Seeds.hex(s));
        name.setText(HatchModel.suggestName(s));
    }

    void hatch() {
        String seedText = seed.getText();
        String n = name.getText();
        Seeds.parse("seed_core", seedText); // the typing mistake shows now, not from the job
        Path folder = game.settings().beastsDir();
        Path data = optionalPath("Dataset", dataset.getText());
        Path sec = optionalPath("Secret", secret.getText());
        info("hatching " + n + "...");
        game.jobs().run(() -> HatchModel.hatch(folder, n, seedText, data, sec), dir -> {
            hatched = dir;
            good("hatched " + dir.getFileName() + " in " + folder + "; train it on the Train screen");
        }, this::error);
    }

    /** An optional path field: null when empty. */
    static Path optionalPath(String field, String text) {
        String t = text.strip();
        if (t.isEmpty()) return null;
        try {
            return Path.of(t);
        } catch (java.nio.file.InvalidPathException e) {
            throw new io.chainbeasts.client.model.ClientError(field + ": '" + t + "' is not a valid path");
        }
    }

    /** The folder of the last beast hatched here, or null. */
    public Path hatched() {
        return hatched;
    }
}
