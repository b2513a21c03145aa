package io.chainbeasts.client.ui;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.scenes.scene2d.ui.Label;
import com.badlogic.gdx.scenes.scene2d.ui.SelectBox;
import com.badlogic.gdx.scenes.scene2d.ui.Table;
import com.badlogic.gdx.scenes.scene2d.ui.TextField;
import io.chainbeasts.client.model.ClientError;
import io.chainbeasts.client.model.Settings;

import java.util.Locale;

/** Settings: beasts folder, training backend, owner vault, chain (file, RPC, key), metrics, UI scale, window mode; saved as Preferences. */
public final class SettingsScreen extends BaseScreen {
    private final TextField folder = new TextField("", skin);
    private final SelectBox<String> backend = new SelectBox<>(skin);
    private final TextField scale = new TextField("", skin);
    private final SelectBox<String> mode = new SelectBox<>(skin);
    private final Label probe = new Label("", skin, "muted");
    private final TextField vault = new TextField("", skin);
    private final TextField chainFile = new TextField("", skin);
    private final TextField rpc = new TextField("", skin);
    private final TextField key = new TextField("", skin);
    private final SelectBox<String> metrics = new SelectBox<>(skin);
    private final TextField metricsUrl = new TextField("", skin);

    public SettingsScreen(ChainBeastsGame game) {
        super(game, "settings", "Settings");
        folder.setName("beasts-dir");
        backend.setName("backend");
        scale.setName("ui-scale");
        mode.setName("window-mode");
        backend.setItems(Settings.BACKENDS);
        mode.setItems(Settings.WINDOW_MODES);
        Table form = new Table();
        form.setBackground(Ui.tint(skin, Ui.PANEL, 24, 20));
        form.defaults().left().pad(6);
        form.add(new Label("Settings", skin, "title")).colspan(2).row();
        form.add(new Label("beasts folder", skin));
        form.add(folder).width(420).row();
        form.add(new Label("training backend", skin));
        form.add(backend).width(160).row();
        form.add(button("Probe OpenCL", "probe", this::probe)).left();
        probe.setName("backend-probe");
        form.add(probe).row();
        vault.setName("vault-file");
        chainFile.setName("chain-file");
        rpc.setName("rpc");
        key.setName("key");
        chainFile.setMessageText("empty: no chain (`chain up` writes .chainbeasts/chain.json)");
        rpc.setMessageText("empty: the chain file's endpoint");
        key.setMessageText("empty: CHAINBEASTS_KEY; or anvil:N");
        form.add(new Label("owner vault", skin));
        form.add(vault).width(420).row();
        form.add(new Label("chain file", skin));
        form.add(chainFile).width(420).row();
        form.add(new Label("RPC URL", skin));
        form.add(rpc).width(420).row();
        form.add(new Label("signing key", skin));
        form.add(key).width(420).row();
        metrics.setName("metrics");
        metrics.setItems(Settings.METRICS);
        metricsUrl.setName("metrics-url");
        metricsUrl.setMessageText("publish: the server's ws://host:port");
        form.add(new Label("metrics", skin));
        form.add(metrics).width(160).row();
        form.add(new Label("metrics server URL", skin));
        form.add(metricsUrl).width(420).row();
        form.add(new Label("UI scale (0.75-2; at most what the window fits)", skin));
        form.add(scale).width(80).row();
        form.add(new Label("window mode", skin));
        form.add(mode).width(160).row();
        form.add();
        form.add(button("Save", "save", this::save)).width(100).padTop(12);
        content.add(form).center();
    }

    @Override
    protected void refresh() {
        Settings s = game.settings();
        folder.setText(s.beastsDir().toString());
        backend.setSelected(s.backend());
        scale.setText(String.format(Locale.ROOT, "%.2f", s.uiScale()));
        mode.setSelected(s.windowMode());
        vault.setText(s.vaultFile().toString());
        chainFile.setText(s.chainFile() == null ? "" : s.chainFile().toString());
        rpc.setText(s.rpc() == null ? "" : s.rpc());
        key.setText(s.key());
        metrics.setSelected(s.metrics());
        metricsUrl.setText(s.metricsUrl());
    }

    /** Opens an OpenCL device on a job and says whether auto would train on it, and if not why. */
    void probe() {
        probe.setText("probing OpenCL...");
        game.jobs().run(() -> {
            // one OpenCL initialisation at a time in this process (Backends.select takes the same lock)
            synchronized (io.chainbeasts.engine.opencl.Backends.class) {
                return java.util.Optional.ofNullable(io.chainbeasts.engine.opencl.Backends.probe());
            }
        }, why -> probe.setText(why.isEmpty() ? "OpenCL available: auto and opencl train on it"
                : "OpenCL unavailable (" + why.get() + "): auto trains on Java"), err -> probe.setText("OpenCL probe failed: " + err));
    }

    void save() {
        Settings s = game.settings();
        float sc;
        try {
            sc = Float.parseFloat(scale.getText().strip());
        } catch (NumberFormatException e) {
            throw new ClientError("UI scale: '" + scale.getText() + "' is not a number");
        }
        if (sc < Settings.MIN_SCALE || sc > Settings.MAX_SCALE) throw new ClientError("UI scale: " + sc + " is outside 0.75..2");
        // every field is checked before anything changes: a bad one leaves the settings as they were
        Settings t = new Settings(s.beastsDir());
        t.beastsDir(folder.getText());
        t.vaultFile(vault.getText());
        t.chainFile(chainFile.getText());
        t.rpc(rpc.getText());
        t.key(key.getText());
        t.metrics(metrics.getSelected(), metricsUrl.getText());
        boolean chainChanged = !java.util.Objects.equals(t.chainFile(), s.chainFile()) || !java.util.Objects.equals(t.rpc(), s.rpc())
                || !t.key().equals(s.key());
        s.beastsDir(folder.getText());
        s.vaultFile(vault.getText());
        s.chainFile(chainFile.getText());
        s.rpc(rpc.getText());
        s.key(key.getText());
        s.metrics(metrics.getSelected(), metricsUrl.getText());
        s.backend(backend.getSelected());
        boolean scaleChanged = sc != s.uiScale();
        s.uiScale(sc);
        boolean modeChanged = !mode.getSelected().equals(s.windowMode());
        s.windowMode(mode.getSelected());
        game.saveSettings();
        if (modeChanged && Gdx.graphics != null) {
            if (s.fullscreen()) Gdx.graphics.setFullscreenMode(Gdx.graphics.getDisplayMode());
            else Gdx.graphics.setWindowedMode(1280, 800);
        }
        String saved = "settings saved" + (chainChanged ? (s.chainFile() == null ? "; no chain configured" : "; the Chain screen reads the new chain") : "")
                + scaleNote(sc);
        if (scaleChanged) {
            game.rebuildScreens();
            game.current().good(saved); // this screen was replaced: say it on the new one
        } else {
            good(saved);
        }
    }

    /** Says when the window is too small for the UI scale asked for (the screens are laid out for 1280x800 at scale 1). */
    private static String scaleNote(float setting) {
        if (Gdx.graphics == null) return "";
        int w = Gdx.graphics.getWidth();
        int h = Gdx.graphics.getHeight();
        float shown = BaseScreen.effectiveScale(setting, w, h);
        if (shown >= setting) return "";
        return String.format(Locale.ROOT, "; this %dx%d window shows UI scale %.2f (%.2f needs %dx%d or more)", w, h, shown, setting,
                Math.round(BaseScreen.LAYOUT_WIDTH * setting), Math.round(BaseScreen.LAYOUT_HEIGHT * setting));
    }
}
