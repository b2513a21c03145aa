package io.chainbeasts.client.ui;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.scenes.scene2d.ui.Label;
import com.badlogic.gdx.scenes.scene2d.ui.SelectBox;
import com.badlogic.gdx.scenes.scene2d.ui.Table;
import com.badlogic.gdx.scenes.scene2d.ui.TextField;
import io.chainbeasts.client.model.ClientError;
import io.chainbeasts.client.model.Settings;

import java.util.Locale;

/** Settings: beasts folder, training backend, UI scale, window mode; saved as Preferences. */
public final class SettingsScreen extends BaseScreen {
    private final TextField folder = new TextField("", skin);
    private final SelectBox<String> backend = new SelectBox<>(skin);
    private final TextField scale = new TextField("", skin);
    private final SelectBox<String> mode = new SelectBox<>(skin);
    private final Label probe = new Label("", skin, "muted");

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
        form.add(new Label("UI scale (0.75-2)", skin));
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
        s.beastsDir(folder.getText());
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
        if (scaleChanged) game.rebuildScreens();
        good("settings saved");
    }
}
