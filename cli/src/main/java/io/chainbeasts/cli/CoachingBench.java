package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.Trainer;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Json;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.curriculum.PrivateSampling;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.datasets.DatasetFiles;
import io.chainbeasts.datasets.PrivateDataset;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Evaluator;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import picocli.CommandLine.Option;

/**
 * The coaching targets of issue 11 measured end to end, as a player would: every seed_core is hatched and trained
 * {@code windows} windows on the public curriculum (its public twin) and, with a coaching dataset, as a private beast
 * of the same seed_core; then seeded tournaments ({@link Tournament}, the same battles as {@code chainbeasts
 * tournament}) of twin vs greedy, coached vs greedy, coached vs twin and twin vs the next seed_core's twin.
 * Stores are real ({@link Trainer}, the path {@code train} takes), in a temporary folder that is deleted afterwards.
 */
final class CoachingBench {
    private CoachingBench() {}

    /** What one run trains and measures. */
    record Config(List<Long> seedCores, int windows, TrainingConstants training, int battles, long tournamentSeed,
                  Coaching coaching, int threads) {}

    /**
     * The recording plan of one seed_core's coached beast, given that seed_core's public twin: a SPEC may be {@code twin}
     * (that twin) or {@code counter:twin} (a coach that studies it), so the coach can prepare against the very rival it
     * is measured against.
     */
    record Coaching(String coach, String vs, int battles, String boardsFrom, int maxDistance, int decisiveCopies, boolean onlyDisagreements) {
        static final String TWIN = "twin";
        /** {@code --coaching boards}: the boards of --boards-from's battles without actions (the kernel's teacher labels them). */
        static final String BOARDS = "boards";

        DemonstrationRecorder.Plan plan(PolicySpec twin) {
            PolicySpec player = boardsFrom == null ? null : resolve("--boards-from", boardsFrom, twin);
            PolicySpec c = coach.equals(BOARDS) ? null : resolve("--coaching", coach, twin);
            return new DemonstrationRecorder.Plan(c, resolve("--coach-vs", vs, twin), battles, 0, player, maxDistance, decisiveCopies,
                    onlyDisagreements);
        }

        boolean namesTwin() {
            return resolvesTwin(coach) || resolvesTwin(vs) || (boardsFrom != null && resolvesTwin(boardsFrom));
        }

        private static boolean resolvesTwin(String text) {
            return text.equals(TWIN) || text.equals(PolicySpec.COUNTER + TWIN);
        }

        String describe() {
            return plan(PolicySpec.beast(TWIN, null, 0, io.chainbeasts.engine.Hatchery.hatch(0))).describe();
        }

        /** Checks every SPEC that does not name the twin, before any training. */
        void check() {
            plan(PolicySpec.parse("greedy", "greedy"));
        }

        private static PolicySpec resolve(String option, String text, PolicySpec twin) {
            if (text.equals(TWIN)) return twin;
            if (text.equals(PolicySpec.COUNTER + TWIN)) return PolicySpec.counter(twin);
            return PolicySpec.parse(option, text);
        }
    }

    /** One pairing's result, from the first fighter's side. */
    record Wdl(int wins, int draws, int losses) {
        static Wdl of(Tournament.Result r) {
            Tournament.Pairing p = r.pairings().get(0);
            return new Wdl(p.wins(), p.draws(), p.losses());
        }

        String ratio() {
            return losses == 0 ? "inf" : String.format(Locale.ROOT, "%.2fx", (double) wins / losses);
        }

        @Override
        public String toString() {
            return wins + "/" + draws + "/" + losses + " (" + ratio() + ")";
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("wins", wins);
            m.put("draws", draws);
            m.put("losses", losses);
            return m;
        }
    }

    /** The owner secret of the bench's coached beasts: fixed, so a run is reproducible. */
    static byte[] secret(long seedCore) {
        return Keccak256.hash(("coaching-bench " + Long.toHexString(seedCore)).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    static Map<String, Object> run(Config c, PrintStream out) throws IOException {
        SeasonConstants season = SeasonConstants.DEFAULT;
        RealBattlePool pool = RealBattlePool.defaultPool(season);
        Path tmp = Files.createTempDirectory("coaching-bench");
        try {
            Map<String, PrivateDataset> datasets = new java.util.HashMap<>();
            List<Map<String, Object>> rows = new ArrayList<>();
            List<Evaluator.Case> heldOut = Evaluator.heldOut(season);
            List<BeastState> twins = new ArrayList<>();
            out.printf(Locale.ROOT, "%-8s %-22s %-22s %-22s %-22s%n", "seed", "twin vs greedy", "coached vs greedy", "coached vs twin",
                    "twin vs next twin");
            for (long seedCore : c.seedCores()) {
                BeastState twin = train(tmp.resolve("twin-" + Long.toHexString(seedCore)), seedCore, c, pool, null, season);
                twins.add(twin);
            }
            for (int i = 0; i < c.seedCores().size(); i++) {
                long seedCore = c.seedCores().get(i);
                BeastState twin = twins.get(i);
                PolicySpec twinSpec = PolicySpec.beast("twin", null, c.windows(), twin);
                PolicySpec greedy = PolicySpec.parse("greedy", "greedy");
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("seedCore", "0x" + Long.toHexString(seedCore));
                Wdl vsGreedy = fight(twinSpec, greedy, c, season);
                row.put("twinVsGreedy", vsGreedy.json());
                Evaluator.Report held = Evaluator.evaluate(twin, heldOut, season);
                row.put("twinHeldOutPermille", Map.of("move", held.movePermille(), "attack", held.powerPermille(),
                        "block", held.blockPermille(), "blockNear", held.blockNearPermille()));
                Wdl coachedVsGreedy = null, coachedVsTwin = null;
                if (c.coaching() != null) {
                    // a plan that names the twin is recorded per seed_core; any other once
                    String key = c.coaching().namesTwin() ? "0x" + Long.toHexString(seedCore) : "";
                    PrivateDataset dataset = dataset(c.coaching().plan(twinSpec), key, datasets, tmp, season, out);
                    BeastState coached = train(tmp.resolve("coached-" + Long.toHexString(seedCore)), seedCore, c, pool, dataset, season);
                    PolicySpec coachedSpec = PolicySpec.beast("coached", null, c.windows(), coached);
                    coachedVsGreedy = fight(coachedSpec, greedy, c, season);
                    coachedVsTwin = fight(coachedSpec, twinSpec, c, season);
                    row.put("coachedVsGreedy", coachedVsGreedy.json());
                    row.put("coachedVsTwin", coachedVsTwin.json());
                }
                Wdl vsNext = null;
                if (c.seedCores().size() > 1) {
                    BeastState next = twins.get((i + 1) % twins.size());
                    vsNext = fight(twinSpec, PolicySpec.beast("next", null, c.windows(), next), c, season);
                    row.put("twinVsNextTwin", vsNext.json());
                }
                rows.add(row);
                out.printf(Locale.ROOT, "0x%-6s %-22s %-22s %-22s %-22s move %.1f%% attack %.1f%%%n", Long.toHexString(seedCore), vsGreedy,
                        coachedVsGreedy == null ? "-" : coachedVsGreedy, coachedVsTwin == null ? "-" : coachedVsTwin,
                        vsNext == null ? "-" : vsNext, held.movePermille() / 10.0, held.powerPermille() / 10.0);
                out.flush();
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("windows", c.windows());
            json.put("battles", c.battles());
            json.put("tournamentSeed", c.tournamentSeed());
            json.put("lrShiftByEpoch", java.util.Arrays.toString(c.training().lrShiftByEpoch()));
            json.put("powerEpoch", c.training().powerEpoch());
            json.put("blockEpoch", c.training().blockEpoch());
            json.put("coaching", c.coaching() == null ? null : c.coaching().describe());
            json.put("rows", rows);
            return json;
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** The packed dataset {@code plan} records (once per distinct plan), read back as training reads it. */
    private static PrivateDataset dataset(DemonstrationRecorder.Plan plan, String twinKey, Map<String, PrivateDataset> done, Path tmp,
                                          SeasonConstants season, PrintStream out) throws IOException {
        String key = plan.describe() + " " + twinKey;
        PrivateDataset known = done.get(key);
        if (known != null) return known;
        long t0 = System.nanoTime();
        DemonstrationRecorder.Recording rec = DemonstrationRecorder.record(plan, season);
        Path csv = tmp.resolve("coach-" + done.size() + ".csv");
        Path zst = tmp.resolve("coach-" + done.size() + ".zst");
        Files.write(csv, rec.csv());
        DatasetFiles.pack(csv, zst, false, season);
        PrivateDataset d = DatasetFiles.check(zst, null, season);
        out.printf(Locale.ROOT, "  dataset%s: %s: %d rows (%s), the recorded side %d/%d/%d, %.1f s%n", twinKey.isEmpty() ? "" : " of " + twinKey,
                plan.describe(), rec.rows(), d.demonstrationCounts(), rec.wins(), rec.draws(), rec.losses(), (System.nanoTime() - t0) / 1e9);
        done.put(key, d);
        return d;
    }

    private static BeastState train(Path dir, long seedCore, Config c, RealBattlePool pool, PrivateDataset dataset, SeasonConstants season) {
        byte[] secret = secret(seedCore);
        byte[] cDataset = dataset == null ? new byte[32] : dataset.commitment();
        byte[] secretCommitment = dataset == null ? new byte[32] : Keccak256.hash(secret);
        BeastStore store = Trainer.hatch(dir, new BeastStore.Identity(seedCore, 31337, new byte[20],
                new BigInteger(Long.toUnsignedString(seedCore)), cDataset, secretCommitment));
        Trainer t = new Trainer(store, season, c.training(), pool, dataset, dataset == null ? 0 : PrivateSampling.fold(secret));
        t.train(c.windows(), new Trainer.Listener() {});
        return store.getState(store.head().stateHash());
    }

    private static Wdl fight(PolicySpec a, PolicySpec b, Config c, SeasonConstants season) {
        return Wdl.of(Tournament.run(List.of(a, b), c.battles(), c.tournamentSeed(), c.threads(), season, k -> {}));
    }

    /**
     * {@code bench --coaching}: runs {@code c}, prints the table and writes the JSON to {@code out} when the user named it,
     * else to coaching-bench.json beside bench's default file.
     */
    static int command(Config c, Path out, boolean named, boolean force) throws IOException {
        Path json = named ? out : out.toAbsolutePath().resolveSibling("coaching-bench.json");
        Output.checkTarget("--out", json, force);
        Map<String, Object> doc = run(c, System.out);
        Output.create("--out", json, (Json.pretty(doc) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), force);
        System.out.println("wrote " + json);
        return 0;
    }

    /** The coach that {@code --coaching} names when only the public twins are wanted. */
    static final String NO_COACH = "none";
    static final List<Long> SEED_CORES = List.of(0x11L, 0x22L, 0x33L);

    /** {@code bench --coaching SPEC} and its settings (a picocli mixin of {@code bench}). */
    static final class Options {
        @Option(names = "--coaching", paramLabel = "SPEC", description = "instead of the throughput tables, measure the coaching targets "
                + "(issue 11): train each --seed-cores beast --windows windows as a public twin and, coached by SPEC's recorded "
                + "demonstrations (greedy, search, teacher, a beast, counter:SPEC; boards: --boards-from's boards without actions; none: "
                + "twins only), as a private beast; tournaments of twin vs greedy, "
                + "coached vs greedy, coached vs twin and twin vs the next seed_core's twin; the JSON goes to coaching-bench.json beside --out")
        String coach;

        @Option(names = "--seed-cores", split = ",", paramLabel = "HEX", description = "with --coaching: the seed_cores (default 0x11,0x22,0x33)")
        List<String> seedCores;

        @Option(names = "--windows", paramLabel = "N", description = "windows each beast trains: with --coaching 1..4096 (default 128), with --node-scale 1..64 (default 16)")
        Integer windows;

        @Option(names = "--battles", paramLabel = "N", description = "with --coaching: battles per pairing, 2..100000 (default 1000)")
        Integer battles;

        @Option(names = "--tournament-seed", paramLabel = "S", description = "with --coaching: the tournaments' seed (default 1, as `tournament`)")
        String tournamentSeed;

        @Option(names = "--coach-battles", paramLabel = "N", description = "with --coaching: battles the coach's demonstrations are recorded "
                + "from, as `dataset record --battles` (default 400)")
        Integer coachBattles;

        @Option(names = "--coach-vs", paramLabel = "SPEC", description = "with --coaching: the coach's opponent in the recorded battles "
                + "(default greedy); twin: each seed_core's public twin (and --coaching counter:twin studies it)")
        String coachVs;

        @Option(names = "--lr-shifts", split = ",", paramLabel = "S", description = "with --coaching: train under these 16 lrShiftByEpoch "
                + "entries instead of the default schedule (a sweep; the default is TrainingConstants.DEFAULT)")
        List<Integer> lrShifts;

        @picocli.CommandLine.Mixin
        CoachDataOptions data;

        boolean given() {
            return coach != null || seedCores != null || windows != null || battles != null || tournamentSeed != null || coachBattles != null
                    || coachVs != null
                    || lrShifts != null || data.boardsFrom != null || data.maxDistance != 0 || data.decisiveCopies != 1 || data.onlyDisagreements;
        }

        /** The run these options describe; every bad value is one {@link UserError} naming its option. */
        Config config() {
            if (coach == null) throw new UserError("--seed-cores, --windows, --battles, --tournament-seed, --coach-battles, --coach-vs, --lr-shifts, "
                    + "--boards-from, --max-distance and --decisive-copies need --coaching SPEC");
            List<Long> cores = new ArrayList<>();
            if (seedCores == null) cores.addAll(SEED_CORES);
            else for (String c : seedCores) cores.add(Seeds.parse("--seed-cores", c));
            int w = windows == null ? 128 : windows;
            if (w < 1 || w > 4096) throw new UserError("--windows " + w + " is outside 1..4096");
            int n = battles == null ? 1000 : battles;
            if (n < 2 || n > 100_000) throw new UserError("--battles " + n + " is outside 2..100000");
            long seed = tournamentSeed == null ? 1 : Seeds.parse("--tournament-seed", tournamentSeed);
            TrainingConstants d = TrainingConstants.DEFAULT;
            TrainingConstants tc = d;
            if (lrShifts != null) {
                if (lrShifts.size() != TrainingConstants.SCHEDULE_LENGTH) {
                    throw new UserError("--lr-shifts needs " + TrainingConstants.SCHEDULE_LENGTH + " entries, got " + lrShifts.size());
                }
                int[] lr = lrShifts.stream().mapToInt(Integer::intValue).toArray();
                try {
                    tc = new TrainingConstants(d.stepsPerEpoch(), lr, d.powerEpoch(), d.blockEpoch(), d.baseStepCost(), d.growthSlotCost());
                } catch (IllegalArgumentException e) {
                    throw new UserError("--lr-shifts: " + e.getMessage());
                }
            }
            Coaching plan = null;
            if (!coach.equals(NO_COACH)) {
                plan = new Coaching(coach, coachVs == null ? "greedy" : coachVs, coachBattles == null ? 400 : coachBattles, data.boardsFrom,
                        data.maxDistance, data.decisiveCopies, data.onlyDisagreements);
                plan.check();
            } else if (coachBattles != null || coachVs != null || data.boardsFrom != null || data.maxDistance != 0 || data.decisiveCopies != 1) {
                throw new UserError("--coaching none trains no coached beast; --coach-battles, --coach-vs, --boards-from, --max-distance and "
                        + "--decisive-copies shape its dataset");
            }
            return new Config(List.copyOf(cores), w, tc, n, seed, plan, Math.max(1, Runtime.getRuntime().availableProcessors()));
        }
    }
}
