package io.chainbeasts.client.ui;

import com.badlogic.gdx.scenes.scene2d.ui.Label;
import com.badlogic.gdx.scenes.scene2d.ui.Table;
import io.chainbeasts.client.model.LoadingModel;
import io.chainbeasts.client.model.Settings;

/**
 * Loading: before the roster, the backend probe (OpenCL or Java, and why) and the chain connection (or "no chain
 * configured"), each from a job. When the game was started on it as a way in, it moves on to the next screen
 * a moment after both are known; the Continue button moves on at once.
 */
public final class LoadingScreen extends BaseScreen {
    /** How long the results stay up before moving on (wall clock: a frame's delta is not time where no loop runs). */
    static final long SHOW_FOR_MS = 1500;
    private final Label backend = new Label("probing OpenCL...", skin);
    private final Label chain = new Label("connecting...", skin);
    private final String next;
    private int pending;
    private boolean failed;
    private long doneAt;

    public LoadingScreen(ChainBeastsGame game, String next) {
        super(game, "loading", "Starting");
        this.next = next;
        backend.setName("loading-backend");
        chain.setName("loading-chain");
        backend.setWrap(true);
        chain.setWrap(true);
        Table box = new Table();
        box.setBackground(Ui.tint(skin, Ui.PANEL, 24, 20));
        box.defaults().left().pad(6);
        box.add(new Label("ChainBeasts", skin, "title")).colspan(2).row();
        box.add(new Label("backend", skin, "muted")).top();
        box.add(backend).width(640).row();
        box.add(new Label("chain", skin, "muted")).top();
        box.add(chain).width(640).row();
        box.add();
        box.add(button("Continue", "continue", () -> game.show(next == null ? "roster" : next))).left().padTop(12).width(120);
        content.add(box).center();
    }

    @Override
    protected void refresh() {
        if (pending > 0) return;
        Settings s = game.settings();
        String setting = s.backend();
        pending = 2;
        doneAt = 0;
        failed = false;
        backend.setText("probing OpenCL...");
        chain.setText(s.chainFile() == null ? "no chain configured" : "connecting to the chain of " + s.chainFile() + "...");
        game.jobs().run(LoadingModel::probeOpenCl, why -> {
            backend.setStyle(skin.get(LoadingModel.backendFails(setting, why) ? "error" : "default", Label.LabelStyle.class));
            backend.setText(LoadingModel.backendLine(setting, why));
            failed |= LoadingModel.backendFails(setting, why);
            pending--;
        }, err -> {
            backend.setStyle(skin.get("error", Label.LabelStyle.class));
            backend.setText("OpenCL probe failed: " + err);
            failed = true;
            pending--;
        });
        game.jobs().run(() -> LoadingModel.chainLine(s), line -> {
            chain.setStyle(skin.get(s.chainFile() == null ? "muted" : "good", Label.LabelStyle.class));
            chain.setText(line);
            pending--;
        }, err -> {
            chain.setStyle(skin.get("error", Label.LabelStyle.class));
            chain.setText(err);
            failed = true;
            pending--;
        });
        info("starting: beasts folder " + s.beastsDir());
    }

    @Override
    protected void update(float delta) {
        if (pending > 0 || next == null || failed) return; // a problem stays up until Continue
        long now = System.currentTimeMillis();
        if (doneAt == 0) doneAt = now;
        if (now - doneAt >= SHOW_FOR_MS) game.show(next);
    }

    /** Whether both probes have answered. */
    public boolean done() {
        return pending == 0;
    }

    public String backendText() {
        return backend.getText().toString();
    }

    public String chainText() {
        return chain.getText().toString();
    }
}
