package io.chainbeasts.cli;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Json;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.core.SplitMix64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** battle and tournament with beasts (PolicySpec), the round robin's determinism, its JSON, Elo, seeds and bad input. */
class TournamentCliTest {
    @TempDir
    static Path shared;
    static Path beast;

    @BeforeAll
    static void trainABeast() {
        beast = shared.resolve("beast");
        assertEquals(0, CliTest.run("hatch", "--seed-core", "0x7a", "--out", beast.toString()).code());
        CliTest.Result r = CliTest.run("train", "--beast", beast.toString(), "--windows", "3", "--quiet");
        assertEquals(0, r.code(), r.err());
    }

    static CliTest.Result ok(String... args) {
        CliTest.Result r = CliTest.run(args);
        assertEquals(0, r.code(), String.join(" ", args) + " -> " + r.err());
        return r;
    }

    static void badInput(String expectedStart, String... args) {
        CliTest.Result r = CliTest.run(args);
        assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.out() + r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n") || err.contains("Exception"), "one line, no trace: " + err);
        assertTrue(err.startsWith("chainbeasts: " + expectedStart), String.join(" ", args) + " -> " + err);
    }

    @Test
    void sameSeedSameBytesWhateverTheThreadCount(@TempDir Path dir) throws Exception {
        String[] entrants = {"--entrant", "greedy", "--entrant", "random", "--entrant", "search", "--entrant", beast.toString(), "--entrant", beast + "@1"};
        CliTest.Result a = ok(concat(new String[] {"tournament", "--battles", "24", "--seed", "5", "--threads", "2", "--json",
            dir.resolve("a.json").toString()}, entrants));
        CliTest.Result b = ok(concat(new String[] {"tournament", "--battles", "24", "--seed", "5", "--threads", "1", "--json",
            dir.resolve("b.json").toString()}, entrants));
        assertEquals(a.out(), b.out());
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.json")), Files.readAllBytes(dir.resolve("b.json")));
        CliTest.Result c = ok(concat(new String[] {"tournament", "--battles", "24", "--seed", "6", "--json", dir.resolve("c.json").toString()}, entrants));
        assertNotEquals(pairing(dir.resolve("a.json"), 0).get("battlesHash"), pairing(dir.resolve("c.json"), 0).get("battlesHash"),
                "another tournament seed fights other battles");
        assertTrue(a.out().contains("standings"), a.out());
    }

    private static Map<String, Object> pairing(Path json, int i) throws Exception {
        return Json.obj(Json.arr(Json.obj(Json.parse(Files.readString(json)), "t").get("pairings"), "pairings").get(i), "pairing");
    }

    @Test
    void jsonHoldsConsistentTablesAndElo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.json");
        CliTest.Result r = ok("tournament", "--battles", "30", "--seed", "0x11", "--json", f.toString(),
                "--entrant", "greedy", "--entrant", "random", "--entrant", beast.toString());
        Map<String, Object> o = Json.obj(Json.parse(Files.readString(f)), "tournament");
        assertEquals("chainbeasts-tournament", Json.str(o, "format"));
        assertEquals("17", Json.str(o, "seed"));
        assertEquals(30, Json.num(o, "battlesPerPairing"));
        List<Object> entrants = Json.arr(o.get("entrants"), "entrants");
        assertEquals(3, entrants.size());
        Map<String, Object> b = Json.obj(entrants.get(2), "beast");
        assertEquals("beast", Json.str(b, "kind"));
        assertEquals(3, Json.num(b, "window"));
        assertEquals("0x7a", Json.str(b, "seedCore"));

        Map<String, long[]> totals = new HashMap<>(); // battles, wins, draws, losses per entrant, from the pairings
        List<Object> pairings = Json.arr(o.get("pairings"), "pairings");
        assertEquals(3, pairings.size());
        for (Object p : pairings) {
            Map<String, Object> m = Json.obj(p, "pairing");
            long w = Json.num(m, "wins"), d = Json.num(m, "draws"), l = Json.num(m, "losses");
            assertEquals(30, w + d + l, m.toString());
            assertTrue(Json.str(m, "battlesHash").matches("0x[0-9a-f]{64}"));
            add(totals, Json.str(m, "entrant"), w, d, l);
            add(totals, Json.str(m, "opponent"), l, d, w);
            assertTrue(r.out().contains(String.format("%7d %7d %7d", w, d, l)), "the printed table holds " + m + ":\n" + r.out());
        }
        List<Object> standings = Json.arr(o.get("standings"), "standings");
        long eloSum = 0;
        long lastElo = Long.MAX_VALUE;
        for (int i = 0; i < standings.size(); i++) {
            Map<String, Object> s = Json.obj(standings.get(i), "standing");
            assertEquals(i + 1, Json.num(s, "rank"));
            long[] t = totals.get(Json.str(s, "entrant"));
            assertArrayEquals(t, new long[] {Json.num(s, "battles"), Json.num(s, "wins"), Json.num(s, "draws"), Json.num(s, "losses")});
            assertEquals((2 * t[1] + t[2]) * 1000 / (2 * t[0]), Json.num(s, "scorePermille"));
            long elo = Json.num(s, "elo");
            assertTrue(elo <= lastElo, "ranked by Elo");
            lastElo = elo;
            eloSum += elo;
        }
        assertTrue(Math.abs(eloSum - 3 * 1500) <= 2, "ratings average 1500: " + eloSum);
        assertEquals("greedy", Json.str(Json.obj(standings.get(0), "first"), "entrant"), "greedy beats random and a 3-window beast");
    }

    private static void add(Map<String, long[]> totals, String who, long w, long d, long l) {
        long[] t = totals.computeIfAbsent(who, k -> new long[4]);
        t[0] += w + d + l;
        t[1] += w;
        t[2] += d;
        t[3] += l;
    }

    @Test
    void eloIsTheMaximumLikelihoodFit() {
        // Two entrants: the fit is exact, P = s / n with the virtual draw: 400 log10(150.5 / 50.5) apart.
        double[] two = Elo.ratings(new double[][] {{0, 200}, {200, 0}}, new double[][] {{0, 150}, {50, 0}});
        assertEquals(400 * Math.log10(150.5 / 50.5), two[0] - two[1], 1e-6);
        assertEquals(1500, (two[0] + two[1]) / 2, 1e-6);
        // Equal results, equal ratings; a never-beaten entrant stays finite.
        double[] even = Elo.ratings(new double[][] {{0, 10, 10}, {10, 0, 10}, {10, 10, 0}}, new double[][] {{0, 5, 5}, {5, 0, 5}, {5, 5, 0}});
        for (double v : even) assertEquals(1500, v, 1e-6);
        double[] shut = Elo.ratings(new double[][] {{0, 100}, {100, 0}}, new double[][] {{0, 0}, {100, 0}});
        assertTrue(Double.isFinite(shut[1]) && shut[1] > shut[0] + 700, "100-0 is a large but finite gap: " + (shut[1] - shut[0]));
        // Three entrants: the fit's expected scores equal the observed ones (the likelihood equations).
        double[][] n = {{0, 100, 100}, {100, 0, 100}, {100, 100, 0}};
        double[][] s = {{0, 70, 90}, {30, 0, 60}, {10, 40, 0}};
        double[] r = Elo.ratings(n, s);
        for (int i = 0; i < 3; i++) {
            double observed = 0, expected = 0;
            for (int j = 0; j < 3; j++) {
                if (i == j) continue;
                observed += s[i][j] + 0.5;
                expected += (n[i][j] + 1) / (1 + Math.pow(10, (r[j] - r[i]) / 400));
            }
            assertEquals(observed, expected, 1e-6, "entrant " + i);
        }
        assertTrue(r[0] > r[1] && r[1] > r[2]);
    }

    @Test
    void tournamentSeedsAreDisjointFromTrainingAndEvaluationSeeds() {
        // Every battle seed is splitMix64 of a pre-image whose high word is "TOUR" (splitMix64 is a bijection) ...
        for (long seed : new long[] {0, 1, -1, 0x544F555200000000L}) {
            for (int k = 0; k < 2000; k++) assertEquals(Tournament.DOMAIN >>> 32, unhash(Tournament.battleSeed(seed, k)) >>> 32);
        }
        // ... while the evaluator's (splitMix64("BATT" ^ i)) and the example dataset's (splitMix64("EXAMPLE" + i)) pre-images have
        // other high words, and the real-battle pool's raw seeds 0x5245414C + i (i < 64) have pre-images outside "TOUR".
        assertNotEquals(Tournament.DOMAIN >>> 32, 0x4241545400000000L >>> 32);
        assertNotEquals(Tournament.DOMAIN >>> 32, io.chainbeasts.datasets.BattleSampleGenerator.EXAMPLE_DOMAIN >>> 32);
        for (long i = 0; i < 64; i++) assertNotEquals(Tournament.DOMAIN >>> 32, unhash(0x5245414CL + i) >>> 32);
        SeasonConstants season = SeasonConstants.DEFAULT; // ... which are still the default pool's seeds
        assertArrayEquals(RealBattlePool.defaultPool(season).commitment(), RealBattlePool.fromSeededBattles(0x5245414CL, 64, season).commitment());
        // and a tournament's battles are distinct from each other.
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int k = 0; k < 5000; k++) assertTrue(seen.add(Tournament.battleSeed(42, k)));
    }

    /** The inverse of {@link SplitMix64#hash}. */
    static long unhash(long v) {
        long z = unxorshift(v, 31);
        z *= inverse(0x94D049BB133111EBL);
        z = unxorshift(z, 27);
        z *= inverse(0xBF58476D1CE4E5B9L);
        z = unxorshift(z, 30);
        long x = z - SplitMix64.GAMMA;
        assertEquals(v, SplitMix64.hash(x), "inverse");
        return x;
    }

    private static long unxorshift(long y, int s) {
        long x = y;
        for (int i = 0; i < 64 / s + 1; i++) x = y ^ (x >>> s);
        return x;
    }

    private static long inverse(long odd) {
        long x = odd;
        for (int i = 0; i < 6; i++) x *= 2 - odd * x;
        return x;
    }

    @Test
    void beastsFightInBattlesAndJsonIsNeverOverwrittenWithoutForce(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("b.json");
        CliTest.Result search = ok("battle", "--a", "search", "--b", beast.toString(), "--seed", "9", "--quiet");
        assertEquals(search.out(), ok("battle", "--a", "search", "--b", beast.toString(), "--seed", "9", "--quiet").out());
        CliTest.Result a = ok("battle", "--a", beast.toString(), "--b", beast + "@0", "--seed", "9", "--json", f.toString());
        CliTest.Result again = ok("battle", "--a", beast.toString(), "--b", beast + "@0", "--seed", "9");
        assertEquals(a.out(), again.out());
        assertTrue(a.out().contains("A=" + beast + " "), a.out());
        byte[] first = Files.readAllBytes(f);
        Map<String, Object> o = Json.obj(Json.parse(new String(first, java.nio.charset.StandardCharsets.UTF_8)), "battle");
        assertEquals(0, Json.num(Json.obj(o.get("b"), "b"), "window"));
        assertEquals(3, Json.num(Json.obj(o.get("a"), "a"), "window"));
        assertTrue(a.out().contains(Json.str(o, "battleHash")));

        badInput("--json: " + f + " already exists", "battle", "--a", "greedy", "--b", "greedy", "--seed", "1", "--json", f.toString());
        assertArrayEquals(first, Files.readAllBytes(f), "untouched");
        ok("battle", "--policy-a", "greedy", "--policy-b", "random", "--seed", "1", "--json", f.toString(), "--force", "--quiet");
        assertEquals("greedy", Json.str(Json.obj(Json.parse(Files.readString(f)), "replaced"), "policyA"));

        Path t = dir.resolve("t.json");
        Files.writeString(t, "mine");
        badInput("--json: " + t + " already exists", "tournament", "--entrant", "greedy", "--entrant", "random", "--battles", "2", "--json", t.toString());
        assertEquals("mine", Files.readString(t));

        Path ej = dir.resolve("e.json");
        CliTest.Result e = ok("eval", "--beast", beast + "@2", "--battles", "4", "--json", ej.toString());
        assertTrue(e.out().startsWith("beast after 2 windows"), e.out());
        assertEquals(2 * 128, Json.num(Json.obj(Json.parse(Files.readString(ej)), "eval"), "globalStep"));
        badInput("--json: " + ej + " already exists", "eval", "--beast", beast.toString(), "--battles", "0", "--json", ej.toString());
        ok("eval", "--beast", beast.toString(), "--battles", "0", "--json", ej.toString(), "--force");
        assertEquals(3 * 128, Json.num(Json.obj(Json.parse(Files.readString(ej)), "eval"), "globalStep"));
    }

    @Test
    void badSpecsNameTheArgument(@TempDir Path dir) throws Exception {
        Path notBeast = Files.createDirectories(dir.resolve("plain"));
        Path file = Files.writeString(dir.resolve("file"), "x");
        badInput("--a: 'smart' is neither a policy", "battle", "--seed", "1", "--a", "smart");
        badInput("--b: " + notBeast + " is not a beast directory", "battle", "--seed", "1", "--b", notBeast.toString());
        badInput("--a: " + file + " is a file", "battle", "--seed", "1", "--a", file.toString());
        badInput("--a: beast " + beast + " has trained 3 windows; window 4 is not reached", "battle", "--seed", "1", "--a", beast + "@4");
        badInput("--b: 'x' in '" + beast + "@x' is not a window number", "battle", "--seed", "1", "--b", beast + "@x");
        badInput("--entrant: 'smart' is neither", "tournament", "--entrant", "greedy", "--entrant", "smart");
        badInput("--entrant: a tournament needs at least two", "tournament", "--entrant", "greedy");
        badInput("--entrant: 'greedy' is given twice", "tournament", "--entrant", "greedy", "--entrant", "greedy");
        badInput("--battles: 0 is outside", "tournament", "--entrant", "greedy", "--entrant", "random", "--battles", "0");
        badInput("--beast: 'greedy' is a baseline policy", "eval", "--beast", "greedy");

        Path damaged = dir.resolve("damaged");
        ok("hatch", "--seed-core", "9", "--out", damaged.toString());
        Files.writeString(damaged.resolve("HEAD"), "garbage");
        badInput("--entrant: " + damaged.resolve("HEAD"), "tournament", "--entrant", "greedy", "--entrant", damaged.toString());
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
