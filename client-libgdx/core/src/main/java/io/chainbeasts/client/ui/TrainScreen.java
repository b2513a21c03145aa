package io.chainbeasts.client.ui;

import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.scenes.scene2d.Actor;
import com.badlogic.gdx.scenes.scene2d.ui.Label;
import com.badlogic.gdx.scenes.scene2d.ui.ScrollPane;
import com.badlogic.gdx.scenes.scene2d.ui.SelectBox;
import com.badlogic.gdx.scenes.scene2d.ui.Table;
import com.badlogic.gdx.scenes.scene2d.ui.TextButton;
import com.badlogic.gdx.scenes.scene2d.ui.TextField;
import com.badlogic.gdx.scenes.scene2d.utils.ChangeListener;
import io.chainbeasts.client.model.BeastFolder;
import io.chainbeasts.client.model.ClientError;
import io.chainbeasts.client.model.SecretSource;
import io.chainbeasts.client.model.TrainModel;
import io.chainbeasts.client.model.Verification;
import io.chainbeasts.node.ChainSession;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Train: a beast, windows to run, start / pause / stop; loss per head and accuracy over the whole history,
 * the current window's per-step losses, ENERGY spent and the checkpoint list with verified badges.
 */
public final class TrainScreen extends BaseScreen {
    private final SelectBox<String> beast = new SelectBox<>(skin);
    private final TextField windows = new TextField("4", skin);
    private final TextField dataset = new TextField("", skin);
    private final TextField secret = new TextField("", skin);
    private final TextField password = new TextField("", skin);
    private final TextButton start;
    private final TextButton pause;
    private final TextButton stop;
    private final Label progress = new Label("", skin, "big");
    private final Label energy = new Label("", skin);
    private final Label phase = new Label("", skin, "muted");
    private final Label checkpoints = new Label("", skin);
    private final Label metrics = new Label("", skin, "muted");
    private final LineChart lossChart;
    private final LineChart accChart;
    private final LineChart stepChart;
    private List<Path> dirs = List.of();
    private TrainModel model;
    private Path selected;
    private Path loading;
    private long shownWindows = -1;
    private int shownCheckpoints = -1;

    public TrainScreen(ChainBeastsGame game) {
        super(game, "train", "Train your beast");
        beast.setName("train-beast");
        windows.setName("windows");
        progress.setName("progress");
        energy.setName("energy");
        phase.setName("phase");
        checkpoints.setName("checkpoints");
        metrics.setName("metrics");
        metrics.setWrap(true);
        checkpoints.setAlignment(com.badlogic.gdx.utils.Align.topLeft);
        Color[] heads = Ui.HEAD_COLORS;
        lossChart = new LineChart(game, "loss per head, whole history (per window)", TrainModel.HEADS, heads, null);
        accChart = new LineChart(game, "accuracy %, whole history", new String[] {"move", "block"}, new Color[] {heads[0], heads[2]}, 100f);
        stepChart = new LineChart(game, "current window: loss per micro-step", TrainModel.HEADS, heads, null);
        lossChart.setName("loss-chart");
        accChart.setName("acc-chart");
        stepChart.setName("step-chart");
        stepChart.emptyText("press Start: the running window's losses appear here, step by step");

        Table bar = new Table();
        bar.defaults().padRight(8);
        bar.add(new Label("Train", skin, "title")).padRight(16);
        bar.add(beast).width(220);
        bar.add(new Label("windows", skin));
        bar.add(windows).width(70);
        start = button("Start", "start", this::start);
        pause = button("Pause", "pause", this::pauseOrResume);
        stop = button("Stop", "stop", () -> {
            if (model != null) model.stop();
        });
        bar.add(start).width(80);
        bar.add(pause).width(80);
        bar.add(stop).width(80);
        bar.add(button("Verify", "verify", this::verify)).width(80);
        dataset.setName("train-dataset");
        secret.setName("train-secret");
        dataset.setMessageText("dataset (.zst)");
        secret.setMessageText("secret file or vault:NAME");
        password.setName("train-vault-password");
        password.setMessageText("vault password");
        password.setPasswordMode(true);
        password.setPasswordCharacter('*');
        bar.add().expandX();
        content.add(bar).growX().colspan(2).padBottom(4).row();
        Table priv = new Table();
        priv.defaults().padRight(8);
        priv.add(new Label("private beasts:", skin, "muted"));
        priv.add(dataset).width(240);
        priv.add(secret).width(220);
        priv.add(password).width(160);
        priv.add().expandX();
        content.add(priv).growX().colspan(2).padBottom(8).row();
        beast.addListener(new ChangeListener() {
            @Override
            public void changed(ChangeEvent event, Actor actor) {
                int i = beast.getSelectedIndex();
                if (i >= 0 && i < dirs.size() && !dirs.get(i).equals(selected)) attempt(() -> open(dirs.get(i)));
            }
        });

        Table charts = new Table();
        charts.defaults().grow().pad(4);
        charts.add(lossChart).row();
        charts.add(accChart).row();
        charts.add(stepChart);
        content.add(charts).grow();

        Table side = new Table();
        side.top().left();
        side.setBackground(Ui.tint(skin, Ui.PANEL, 12, 10));
        side.defaults().left().growX();
        side.add(progress).row();
        side.add(energy).padTop(4).row();
        phase.setWrap(true);
        side.add(phase).padTop(4).row();
        side.add(metrics).padTop(4).padBottom(10).row();
        side.add(new Label("checkpoints", skin, "muted")).row();
        ScrollPane pane = new ScrollPane(checkpoints, skin);
        pane.setFadeScrollBars(false);
        side.add(pane).grow();
        content.add(side).width(380).growY();
    }

    @Override
    protected void refresh() {
        dirs = BeastFolder.list(game.settings().beastsDir());
        String[] names = new String[dirs.size()];
        for (int i = 0; i < names.length; i++) names[i] = dirs.get(i).getFileName().toString();
        beast.getSelection().setProgrammaticChangeEvents(false);
        beast.setItems(names);
        if (dirs.isEmpty()) {
            model = null;
            selected = null;
            info("no beasts in " + game.settings().beastsDir() + ": hatch one first");
            beast.getSelection().setProgrammaticChangeEvents(true);
            return;
        }
        Path want = selected != null && dirs.contains(selected) ? selected : dirs.get(0);
        beast.setSelectedIndex(dirs.indexOf(want));
        beast.getSelection().setProgrammaticChangeEvents(true);
        if ((model == null && loading == null) || !want.equals(selected) || (model != null && !model.dir().equals(want))) open(want);
    }

    /** Shows the beast in {@code dir} (from the roster's Train button). */
    public void select(Path dir) {
        if (model != null && model.busy()) throw new ClientError("training is running; stop it before switching beasts");
        selected = dir;
        model = null;
        loading = null; // a load still running for another beast is discarded when it ends
    }

    /** Loads the beast's history on a job (a long history is many window records to read). */
    private void open(Path dir) {
        if (model != null && model.busy()) throw new ClientError("training is running; stop it before switching beasts");
        if (dir.equals(loading)) return;
        loading = dir;
        selected = dir;
        model = null;
        info("loading " + dir.getFileName() + "...");
        game.jobs().run(() -> TrainModel.open(dir), m -> {
            if (!dir.equals(loading)) return; // another beast was picked meanwhile
            loading = null;
            model = m;
            shownWindows = -1;
            shownCheckpoints = -1;
            info(dir.getFileName() + ": " + m.windows() + " window" + (m.windows() == 1 ? "" : "s") + " trained");
        }, err -> {
            if (dir.equals(loading)) loading = null;
            error(err);
        });
    }

    void start() {
        if (loading != null) throw new ClientError("still loading " + loading.getFileName() + "; press Start again in a moment");
        if (model == null) throw new ClientError("Hatch a beast first");
        int n;
        try {
            n = Integer.parseInt(windows.getText().strip());
        } catch (NumberFormatException e) {
            throw new ClientError("Windows: '" + windows.getText() + "' is not a whole number");
        }
        if (n < 1 || n > 100_000) throw new ClientError("Windows: " + n + " is outside 1..100000");
        if (model.busy()) throw new ClientError("training is already running");
        TrainModel m = model;
        String backend = game.settings().backend();
        String metricsMode = game.settings().metrics();
        String metricsUrl = game.settings().metricsUrl();
        Path data = HatchScreen.optionalPath("Dataset", dataset.getText());
        SecretSource sec = m.isPrivate() ? SecretSource.parse(secret.getText(), game.settings().vaultFile(), password.getText(), System.getenv()) : null;
        info("starting " + n + " window" + (n == 1 ? "" : "s") + " on " + backend + "...");
        game.jobs().run(() -> {
            // connecting to a metrics server happens here, on the job: the render thread never waits for it
            m.train(n, backend, m.isPrivate() ? data : null, sec, () -> game.metrics().open(metricsMode, metricsUrl));
            return m.message();
        }, msg -> {
            if (m.phase() == TrainModel.Phase.FAILED) error(msg);
            else good(m.dir().getFileName() + ": " + msg);
        }, this::error);
    }

    void pauseOrResume() {
        if (model == null) return;
        if (model.phase() == TrainModel.Phase.PAUSED) {
            model.resume();
            info(model.dir().getFileName() + ": training again");
        } else {
            model.pause();
            info(model.dir().getFileName() + ": pausing after the window in progress; Resume goes on");
        }
    }

    void verify() {
        if (model == null) throw new ClientError("Hatch a beast first");
        if (model.busy()) throw new ClientError("wait until training stops, then verify");
        TrainModel m = model;
        // a private beast's windows replay only with its dataset and secret; without them it is checked by lineage
        boolean withData = m.isPrivate() && !dataset.getText().isBlank() && !secret.getText().isBlank();
        Path data = withData ? HatchScreen.optionalPath("Dataset", dataset.getText()) : null;
        SecretSource sec = withData ? SecretSource.parse(secret.getText(), game.settings().vaultFile(), password.getText(), System.getenv()) : null;
        info("verifying " + m.dir().getFileName() + (withData ? " with its dataset..." : "..."));
        game.jobs().run(() -> Verification.verify(m.dir(), withData ? m.curriculum(data, sec) : null), r -> {
            m.applyVerification(r);
            shownCheckpoints = -1;
            String line = m.dir().getFileName() + ": " + r.summary();
            if (!r.ok()) error(line);
            else if (r.complete()) good(line);
            else info(line);
        }, this::error);
    }

    public TrainModel model() {
        return model;
    }

    @Override
    protected void update(float delta) {
        io.chainbeasts.client.model.Settings s = game.settings();
        metrics.setText(game.metrics().status(s.metrics(), s.metricsUrl())
                + (!s.metrics().equals("off") && !s.backend().equals("java") ? " (per-step metrics need the java backend)" : ""));
        TrainModel m = model;
        boolean busy = m != null && m.busy();
        start.setDisabled(m == null || busy);
        pause.setDisabled(!busy);
        stop.setDisabled(!busy);
        beast.setDisabled(busy);
        if (m == null) return;
        pause.setText(m.phase() == TrainModel.Phase.PAUSED ? "Resume" : "Pause");
        for (int h = 0; h < 3; h++) {
            lossChart.set(h, m.lossHistory(h));
            stepChart.set(h, m.stepLoss(h));
        }
        accChart.set(0, m.moveAccuracyHistory());
        accChart.set(1, m.blockAccuracyHistory());
        progress.setText(m.progress());
        energy.setText("ENERGY spent " + energyText(m.energyTotal()));
        phase.setText(m.phase().name().toLowerCase(Locale.ROOT)
                + (m.message().isEmpty() || m.phase() == TrainModel.Phase.PAUSED ? "" : ": " + m.message()));
        List<TrainModel.Checkpoint> cps = m.checkpoints();
        int verified = 0;
        for (TrainModel.Checkpoint c : cps) if (c.verified()) verified++;
        if (cps.size() * 1000 + verified != shownCheckpoints || m.windows() != shownWindows) {
            shownCheckpoints = cps.size() * 1000 + verified;
            shownWindows = m.windows();
            StringBuilder sb = new StringBuilder();
            for (int i = cps.size() - 1; i >= 0; i--) {
                TrainModel.Checkpoint c = cps.get(i);
                sb.append(String.format(Locale.ROOT, "#%-4d %s  move loss %.3f  %s%s%n", c.index(), c.hash(), c.loss(), energyText(c.energy()),
                        c.verified() ? "  verified" : ""));
            }
            checkpoints.setText(cps.isEmpty() ? "(none yet: press Start)" : sb.toString());
        }
    }

    /** A window's energyBurn in ENERGY at the default price, as {@code chainbeasts train} prints it ("64 ENERGY"). */
    static String energyText(long energyBurn) {
        return ChainSession.energyOfBurn(energyBurn, ChainSession.DEFAULT_ENERGY_PRICE);
    }

    public LineChart lossChart() {
        return lossChart;
    }
}
