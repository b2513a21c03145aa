package io.chainbeasts.client.ui;

import com.badlogic.gdx.scenes.scene2d.ui.CheckBox;
import com.badlogic.gdx.scenes.scene2d.ui.Label;
import com.badlogic.gdx.scenes.scene2d.ui.Table;
import com.badlogic.gdx.scenes.scene2d.ui.TextField;
import io.chainbeasts.client.model.ChainModel;
import io.chainbeasts.client.model.HatchModel;
import io.chainbeasts.client.model.SecretSource;
import io.chainbeasts.client.model.Seeds;
import io.chainbeasts.client.model.Settings;

import java.nio.file.Path;

/**
 * Hatch: a seed_core typed or rolled and a folder name; public, or private on a packed dataset with the owner
 * secret from a file or the vault ({@code vault:NAME}); optionally minted on the configured chain first.
 */
public final class HatchScreen extends BaseScreen {
    private final TextField seed = new TextField("", skin);
    private final TextField name = new TextField("", skin);
    private final TextField dataset = new TextField("", skin);
    private final TextField secret = new TextField("", skin);
    private final TextField password = new TextField("", skin);
    private final CheckBox mint = new CheckBox(" mint it on the chain first (Settings: chain file, key)", skin);
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
                + "folder in the beasts folder. Give a packed dataset and a secret to coach it on your own data "
                + "(a private curriculum, committed to at hatch): a secret file, or vault:NAME for an entry of your owner "
                + "vault (Settings; created when new, never replaced).", skin, "muted");
        intro.setWrap(true);
        form.add(intro).width(560).colspan(3).padBottom(12).row();
        form.add(new Label("seed_core", skin));
        form.add(seed).width(260);
        form.add(button("Roll", "roll", this::roll)).row();
        form.add(new Label("name", skin));
        form.add(name).width(260).row();
        dataset.setName("dataset");
        secret.setName("secret");
        password.setName("vault-password");
        dataset.setMessageText("optional: packed dataset (.zst)");
        secret.setMessageText("secret file, or vault:NAME");
        password.setMessageText("vault password (for vault:NAME)");
        password.setPasswordMode(true);
        password.setPasswordCharacter('*');
        form.add(new Label("private curriculum", skin));
        form.add(dataset).width(260).row();
        form.add();
        form.add(secret).width(260).row();
        form.add();
        form.add(password).width(260).row();
        mint.setName("mint");
        form.add();
        form.add(mint).colspan(2).row();
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
        Settings settings = game.settings();
        Path folder = settings.beastsDir();
        Path data = optionalPath("Dataset", dataset.getText());
        SecretSource sec = SecretSource.parse(secret.getText(), settings.vaultFile(), password.getText(), System.getenv());
        boolean onChain = mint.isChecked();
        if (onChain && settings.chainFile() == null) throw new io.chainbeasts.client.model.ClientError("Mint: no chain configured; set the chain file in Settings");
        ChainModel.Target chain = onChain ? ChainModel.Target.of(settings) : null;
        info((onChain ? "minting and hatching " : "hatching ") + n + "...");
        String[] minted = {""};
        game.jobs().run(() -> {
            if (chain == null) return HatchModel.hatch(folder, n, seedText, data, sec, null);
            try (ChainModel c = ChainModel.open(chain, true)) {
                Path dir = HatchModel.hatch(folder, n, seedText, data, sec, c::mint);
                minted[0] = "; " + String.join(", ", c.log());
                return dir;
            }
        }, dir -> {
            hatched = dir;
            password.setText("");
            TrainScreen train = game.screen("train", TrainScreen.class);
            if (train.model() == null || !train.model().busy()) train.select(dir); // the Train screen opens on the new beast
            good("hatched " + dir.getFileName() + " in " + folder + (onChain ? ", minted on the chain" + minted[0] : "") + "; train it on the Train screen");
        }, err -> {
            password.setText("");
            error(err);
        });
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
