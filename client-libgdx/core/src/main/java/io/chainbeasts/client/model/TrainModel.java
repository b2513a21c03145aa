package io.chainbeasts.client.model;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.StoreException;
import io.chainbeasts.checkpoint.Trainer;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;
import io.chainbeasts.curriculum.Curriculum;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.StepRecord;
import io.chainbeasts.engine.TrainingBackend;
import io.chainbeasts.engine.WindowResult;
import io.chainbeasts.engine.opencl.Backends;
import io.chainbeasts.metrics.MetricsBridge;
import io.chainbeasts.metrics.MetricsSink;
import io.chainbeasts.prover.Verifier;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The train screen's state for one beast: the loss and accuracy history per head (one point per window,
 * downsampled), the current window's per-step losses, ENERGY, the checkpoint list with verified badges,
 * and the training job's phase. Training runs the store's {@link Trainer} one window at a time on a job
 * thread (pause and stop act between windows; a killed client resumes from HEAD like the CLI), publishing the same
 * per-step {@code TrainingMetrics} as {@code chainbeasts train} through {@link MetricsBridge} when given a sink. Thread-safe:
 * the job writes, the render thread reads.
 */
public final class TrainModel {
    public enum Phase { IDLE, RUNNING, PAUSED, STOPPING, DONE, STOPPED, FAILED }

    public static final String[] HEADS = {"move", "power", "block"};
    public static final int HISTORY_POINTS = 256;

    /** A committed window as the checkpoint list shows it. */
    public record Checkpoint(long index, String hash, float loss, long energy, boolean verified) {}

    private final Path dir;
    private final boolean isPrivate;
    private final Series[] lossHistory = new Series[3];
    private final Series moveAccHistory = new Series(HISTORY_POINTS);
    private final Series blockAccHistory = new Series(HISTORY_POINTS);
    private Series[] stepLoss = newStepSeries();
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private long energyTotal;
    private long windows;
    private volatile Phase phase = Phase.IDLE;
    private volatile String message = "";
    private volatile boolean pauseRequested;
    private volatile boolean stopRequested;
    private int target;
    private int doneThisRun;
    private long currentWindow = -1;
    private int currentStep;

    private TrainModel(Path dir, boolean isPrivate) {
        this.dir = dir;
        this.isPrivate = isPrivate;
        for (int h = 0; h < 3; h++) lossHistory[h] = new Series(HISTORY_POINTS);
    }

    private static Series[] newStepSeries() {
        Series[] s = new Series[3];
        for (int h = 0; h < 3; h++) s[h] = new Series(io.chainbeasts.engine.Window.STEPS);
        return s;
    }

    /** Loads the beast's history from its store (every committed window's metrics). */
    public static TrainModel open(Path dir) {
        try {
            BeastStore store = BeastStore.open(dir);
            BeastStore.Head head = store.head();
            TrainModel m = new TrainModel(dir, store.identity().isPrivate());
            for (long i = 0; i < head.windows(); i++) m.addWindow(store.window(i));
            m.energyTotal = store.getState(head.stateHash()).energyTotal;
            return m;
        } catch (StoreException e) {
            throw new ClientError(e.getMessage());
        }
    }

    public Path dir() {
        return dir;
    }

    public boolean isPrivate() {
        return isPrivate;
    }

    private synchronized void addWindow(WindowRecord rec) {
        Map<String, Object> m = rec.metrics();
        long[] seen = {num(m, "moveSeen"), num(m, "powerSeen"), num(m, "blockSeen")};
        long[] loss = {num(m, "moveLossQ16"), num(m, "powerLossQ16"), num(m, "blockLossQ16")};
        // a head not trained in this window has no value (NaN: a gap in the chart, not a misleading zero)
        float[] mean = new float[3];
        for (int h = 0; h < 3; h++) {
            mean[h] = seen[h] == 0 ? Float.NaN : (float) (loss[h] / 65536.0 / seen[h]);
            lossHistory[h].add(mean[h]);
        }
        moveAccHistory.add(seen[0] == 0 ? Float.NaN : 100f * num(m, "moveRight") / seen[0]);
        blockAccHistory.add(seen[2] == 0 ? Float.NaN : 100f * num(m, "blockRight") / seen[2]);
        // the move head's mean loss, the first loss chainbeasts train prints (a head-less window shows NaN)
        checkpoints.add(new Checkpoint(rec.index(), "0x" + Hex.of(rec.checkpointHash()).substring(0, 10),
                mean[0], num(m, "energyBurn"), false));
        windows = rec.index() + 1;
    }

    private static long num(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v instanceof Long l ? l : 0;
    }

    synchronized void onStep(StepRecord r, long window) {
        if (window != currentWindow) {
            currentWindow = window;
            currentStep = 0;
            stepLoss = newStepSeries();
        }
        currentStep++;
        int[] bits = {Curriculum.HEAD_MOVE, Curriculum.HEAD_POWER, Curriculum.HEAD_BLOCK};
        int[] l = {r.losses().move(), r.losses().power(), r.losses().block()};
        for (int h = 0; h < 3; h++) {
            boolean trained = (r.heads() & bits[h]) != 0 && (h != 0 || r.label().hasMove());
            if (trained) stepLoss[h].add(l[h] / 65536f);
        }
        energyTotal += r.energy();
    }

    synchronized void onWindow(WindowRecord rec, WindowResult r, boolean stepsSeen) {
        addWindow(rec);
        if (!stepsSeen) energyTotal += r.energyBurn();
        doneThisRun++;
    }

    // ---- the job ----

    /**
     * Trains up to {@code windows} more windows on {@code backendName} (java, auto, opencl); runs on a job thread
     * and returns when done, stopped or failed (the phase and message say which).
     */
    public void train(int windows, String backendName) {
        train(windows, backendName, null, (SecretSource) null);
    }

    /** As above; a private beast needs its dataset and secret file (checked against its commitments). */
    public void train(int windows, String backendName, Path datasetFile, Path secretFile) {
        train(windows, backendName, datasetFile, secretFile == null ? null : new SecretSource.File(secretFile));
    }

    /** As above with the secret from a file or the owner vault. */
    public void train(int windows, String backendName, Path datasetFile, SecretSource secretFile) {
        train(windows, backendName, datasetFile, secretFile, MetricsSink::noop);
    }

    /** This private beast's dataset and secret, checked against the commitments it was hatched with. */
    public PrivateCurriculum curriculum(Path datasetFile, SecretSource secretFile) {
        BeastStore.Identity id = BeastStore.open(dir).identity();
        return PrivateCurriculum.forTraining(datasetFile, secretFile, id.datasetCommitment(), id.secretCommitment());
    }

    /**
     * As {@link #train(int, String, Path, SecretSource)}, publishing one {@code TrainingMetrics} per micro-step (java backend) to the sink {@code metrics}
     * gives once the run has started (it may connect first: {@link ClientMetrics#open}); the sink is closed when the run ends.
     */
    public void train(int windows, String backendName, Path datasetFile, SecretSource secretFile, Supplier<MetricsSink> metrics) {
        PrivateCurriculum curriculum = null;
        synchronized (this) {
            if (phase == Phase.RUNNING || phase == Phase.PAUSED || phase == Phase.STOPPING) throw new ClientError("training is already running");
            if (windows < 1 || windows > 100_000) throw new ClientError("Windows: " + windows + " is outside 1..100000");
            if (isPrivate && (datasetFile == null || secretFile == null)) {
                throw new ClientError(dir.getFileName() + " trains on a private dataset: give its dataset and secret (a file or vault:ENTRY)");
            }
            if (!isPrivate && datasetFile != null) {
                throw new ClientError(dir.getFileName() + " was hatched without a private dataset; leave the dataset empty");
            }
            if (isPrivate) curriculum = curriculum(datasetFile, secretFile);
            target = windows;
            doneThisRun = 0;
            pauseRequested = false;
            stopRequested = false;
            phase = Phase.RUNNING;
        }
        ByteArrayOutputStream notice = new ByteArrayOutputStream();
        MetricsSink sink = MetricsSink.noop();
        try (TrainingBackend backend = Backends.select(backendName, new PrintStream(notice, true, StandardCharsets.UTF_8))) {
            String probe = notice.toString(StandardCharsets.UTF_8).strip();
            message = "training on the " + backend.name() + " backend" + (probe.isEmpty() ? "" : " (" + probe + ")");
            sink = metrics.get();
            SeasonConstants season = SeasonConstants.DEFAULT;
            TrainingConstants tc = TrainingConstants.DEFAULT;
            BeastStore store = BeastStore.open(dir);
            MetricsBridge bridge = new MetricsBridge(sink, store.identity().beastId(), store.getState(store.head().stateHash()).energyTotal, tc);
            Trainer trainer = new Trainer(store, season, tc, RealBattlePool.defaultPool(season),
                    curriculum == null ? null : curriculum.dataset(), curriculum == null ? 0 : curriculum.fold(), backend);
            boolean perStep = backend.name().equals("java");
            Trainer.Listener listener = new Trainer.Listener() {
                @Override
                public void onStep(StepRecord step, long windowIndex) {
                    TrainModel.this.onStep(step, windowIndex);
                    bridge.onStep(step, windowIndex);
                }

                @Override
                public void onWindow(WindowRecord record, WindowResult result) {
                    bridge.onWindow(record, result);
                    TrainModel.this.onWindow(record, result, perStep);
                }
            };
            for (int i = 0; i < windows; i++) {
                if (!waitWhilePaused()) break;
                trainer.train(1, listener);
            }
            phase = stopRequested ? Phase.STOPPED : Phase.DONE;
            message = (stopRequested ? "stopped after " : "") + doneThisRun + " window" + (doneThisRun == 1 ? "" : "s") + " trained";
        } catch (RuntimeException | LinkageError e) {
            phase = Phase.FAILED;
            message = ClientError.sentence(e);
            if (e instanceof StoreException || e instanceof ClientError) return;
            throw new ClientError(message);
        } finally {
            sink.close();
        }
    }

    /** Blocks while paused; false when a stop was asked for. */
    private boolean waitWhilePaused() {
        synchronized (this) {
            while (pauseRequested && !stopRequested) {
                phase = Phase.PAUSED;
                try {
                    wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            if (!stopRequested) phase = Phase.RUNNING;
            return !stopRequested;
        }
    }

    public synchronized void pause() {
        if (phase == Phase.RUNNING) pauseRequested = true;
    }

    public synchronized void resume() {
        pauseRequested = false;
        notifyAll();
    }

    public synchronized void stop() {
        if (phase == Phase.RUNNING || phase == Phase.PAUSED) {
            stopRequested = true;
            phase = Phase.STOPPING;
            notifyAll();
        }
    }

    /** Marks the checkpoints the verifier replayed. */
    public synchronized void applyVerification(Verification.Result r) {
        for (int i = 0; i < checkpoints.size(); i++) {
            Checkpoint c = checkpoints.get(i);
            boolean ok = r.verdicts().get(c.index()) == Verifier.Verdict.VERIFIED;
            checkpoints.set(i, new Checkpoint(c.index(), c.hash(), c.loss(), c.energy(), ok));
        }
    }

    // ---- what the screen reads ----

    public Phase phase() {
        return phase;
    }

    public boolean busy() {
        Phase p = phase;
        return p == Phase.RUNNING || p == Phase.PAUSED || p == Phase.STOPPING;
    }

    public String message() {
        return message;
    }

    public synchronized String progress() {
        String s = "windows " + windows;
        if (busy()) s += "  (this run " + doneThisRun + "/" + target + (phase == Phase.RUNNING && currentStep > 0 && currentStep < 128
                ? ", step " + currentStep + "/128" : "") + ")";
        return s;
    }

    public synchronized long windows() {
        return windows;
    }

    public synchronized long energyTotal() {
        return energyTotal;
    }

    public synchronized float[] lossHistory(int head) {
        return lossHistory[head].points();
    }

    public synchronized float[] moveAccuracyHistory() {
        return moveAccHistory.points();
    }

    public synchronized float[] blockAccuracyHistory() {
        return blockAccHistory.points();
    }

    /** The per-step losses of the window running now, or of the last one run in this session. */
    public synchronized float[] stepLoss(int head) {
        return stepLoss[head].points();
    }

    public synchronized List<Checkpoint> checkpoints() {
        return List.copyOf(checkpoints);
    }
}
