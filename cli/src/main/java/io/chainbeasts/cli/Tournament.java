package io.chainbeasts.cli;

import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleSimulator;
import io.chainbeasts.combat.Outcome;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.core.SplitMix64;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * A seeded round robin (SPEC.md "Tournaments"): every pair of entrants {@code (i, j)}, {@code i < j},
 * fights {@code n} battles; battle {@code k} of every pairing has the seed {@link #battleSeed}
 * (so all pairings fight on the same arenas), entrant {@code i} is side A when {@code k} is even.
 * Battles run in parallel, but each result lands in its fixed slot, so the outcome (and its hash)
 * does not depend on the thread count or timing.
 */
final class Tournament {
    private Tournament() {}

    /** "TOUR": the high 32 bits of every tournament battle seed's pre-image (see {@link #battleSeed}). */
    static final long DOMAIN = 0x544F555200000000L;

    /**
     * Battle {@code k}'s seed: {@code splitMix64(DOMAIN | u32(splitMix64(seed ^ DOMAIN) + k))}. splitMix64
     * is a bijection, and its pre-image here always has the high word "TOUR", so these seeds never equal the
     * evaluator's ({@code splitMix64("BATT" ^ i)}) or the example dataset's ({@code splitMix64("EXAMPLE" + i)});
     * the real-battle pool's 64 raw seeds are checked against this domain by a test.
     */
    static long battleSeed(long tournamentSeed, int k) {
        long base = SplitMix64.hash(tournamentSeed ^ DOMAIN);
        return SplitMix64.hash(DOMAIN | ((base + k) & 0xFFFF_FFFFL));
    }

    /** One pairing's results from the first entrant's side; {@code battlesHash} = keccak of its battle hashes in order. */
    record Pairing(int first, int second, int battles, int wins, int draws, int losses, byte[] battlesHash) {}

    /** One entrant's totals over all its pairings, with its Elo rating. */
    record Standing(int entrant, int battles, int wins, int draws, int losses, long elo) {
        long scorePermille() {
            return battles == 0 ? 0 : (2000L * wins + 1000L * draws) / (2L * battles);
        }
    }

    record Result(long seed, int battlesPerPairing, List<PolicySpec> entrants, List<Pairing> pairings, List<Standing> standings) {}

    /** Runs the round robin on {@code threads} threads; {@code progress} hears each finished battle's count (any thread). */
    static Result run(List<PolicySpec> entrants, int n, long seed, int threads, SeasonConstants season, IntConsumer progress) {
        int e = entrants.size();
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < e; i++) for (int j = i + 1; j < e; j++) pairs.add(new int[] {i, j});
        int total = pairs.size() * n;
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        int[] score = new int[total];     // per battle, from the pairing's first entrant: 1 win, 0 draw, -1 loss
        byte[][] hashes = new byte[total][];
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, total).parallel().forEach(t -> {
                int[] p = pairs.get(t / n);
                int k = t % n;
                long battleSeed = battleSeed(seed, k);
                boolean firstIsA = (k & 1) == 0;
                BattleSetup setup = BattleSetup.fromSeed(battleSeed, season);
                PolicySpec first = entrants.get(p[0]);
                PolicySpec second = entrants.get(p[1]);
                BattleLog log = firstIsA
                        ? BattleSimulator.run(setup, first.create(battleSeed, 0), second.create(battleSeed, 1))
                        : BattleSimulator.run(setup, second.create(battleSeed, 0), first.create(battleSeed, 1));
                int w = log.outcome().winner();
                score[t] = w == Outcome.DRAW ? 0 : (w == Outcome.A_WINS) == firstIsA ? 1 : -1;
                hashes[t] = log.hash();
                progress.accept(done.incrementAndGet());
            })).get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("tournament interrupted", ex);
        } catch (ExecutionException ex) {
            if (ex.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(ex.getCause());
        } finally {
            pool.shutdown();
        }

        List<Pairing> pairings = new ArrayList<>();
        for (int q = 0; q < pairs.size(); q++) {
            int wins = 0, draws = 0, losses = 0;
            byte[] all = new byte[32 * n];
            for (int k = 0; k < n; k++) {
                int s = score[q * n + k];
                if (s > 0) wins++;
                else if (s == 0) draws++;
                else losses++;
                System.arraycopy(hashes[q * n + k], 0, all, 32 * k, 32);
            }
            pairings.add(new Pairing(pairs.get(q)[0], pairs.get(q)[1], n, wins, draws, losses, Keccak256.hash(all)));
        }
        return new Result(seed, n, List.copyOf(entrants), pairings, standings(e, pairings));
    }

    /** Totals per entrant and Elo ratings, best rating first (ties: the order the entrants were given). */
    static List<Standing> standings(int e, List<Pairing> pairings) {
        int[] battles = new int[e], wins = new int[e], draws = new int[e], losses = new int[e];
        double[][] played = new double[e][e];
        double[][] scored = new double[e][e];
        for (Pairing p : pairings) {
            battles[p.first()] += p.battles();
            battles[p.second()] += p.battles();
            wins[p.first()] += p.wins();
            losses[p.second()] += p.wins();
            losses[p.first()] += p.losses();
            wins[p.second()] += p.losses();
            draws[p.first()] += p.draws();
            draws[p.second()] += p.draws();
            played[p.first()][p.second()] = played[p.second()][p.first()] = p.battles();
            scored[p.first()][p.second()] = p.wins() + 0.5 * p.draws();
            scored[p.second()][p.first()] = p.losses() + 0.5 * p.draws();
        }
        double[] elo = Elo.ratings(played, scored);
        List<Standing> out = new ArrayList<>();
        for (int i = 0; i < e; i++) out.add(new Standing(i, battles[i], wins[i], draws[i], losses[i], Math.round(elo[i])));
        out.sort((a, b) -> a.elo() != b.elo() ? Long.compare(b.elo(), a.elo()) : Integer.compare(a.entrant(), b.entrant()));
        return out;
    }

    /** The W/D/L table per pairing and per entrant, as printed (no timings: the same seed prints the same bytes). */
    static String table(Result r) {
        StringBuilder sb = new StringBuilder();
        int width = 8;
        for (PolicySpec p : r.entrants()) width = Math.max(width, p.label().length());
        String pairFmt = "  %-" + width + "s vs %-" + width + "s %7d %7d %7d %7.1f%%%n";
        sb.append(String.format(java.util.Locale.ROOT, "tournament seed %s: %d entrants, %d battles per pairing, sides alternating%n",
                Long.toUnsignedString(r.seed()), r.entrants().size(), r.battlesPerPairing()));
        sb.append("pairings (wins, draws, losses of the first entrant):\n");
        sb.append(String.format(java.util.Locale.ROOT, "  %-" + (2 * width + 4) + "s %7s %7s %7s %8s%n", "pairing", "wins", "draws", "losses", "score"));
        for (Pairing p : r.pairings()) {
            sb.append(String.format(java.util.Locale.ROOT, pairFmt, r.entrants().get(p.first()).label(), r.entrants().get(p.second()).label(),
                    p.wins(), p.draws(), p.losses(), percent(2L * p.wins() + p.draws(), 2L * p.battles())));
        }
        sb.append("standings (Elo: maximum-likelihood fit, mean 1500):\n");
        sb.append(String.format(java.util.Locale.ROOT, "  %-4s %-" + width + "s %7s %7s %7s %7s %8s %6s%n", "rank", "entrant",
                "battles", "wins", "draws", "losses", "score", "elo"));
        int rank = 1;
        for (Standing s : r.standings()) {
            sb.append(String.format(java.util.Locale.ROOT, "  %-4d %-" + width + "s %7d %7d %7d %7d %7.1f%% %6d%n", rank++,
                    r.entrants().get(s.entrant()).label(), s.battles(), s.wins(), s.draws(), s.losses(),
                    percent(2L * s.wins() + s.draws(), 2L * s.battles()), s.elo()));
        }
        return sb.toString();
    }

    private static double percent(long num, long den) {
        return den == 0 ? 0 : 100.0 * num / den;
    }

    static Map<String, Object> toJson(Result r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("format", "chainbeasts-tournament");
        o.put("version", 1);
        o.put("seed", Long.toUnsignedString(r.seed()));
        o.put("battlesPerPairing", r.battlesPerPairing());
        o.put("battleSeeds", "battle k of every pairing: splitMix64(0x544f555200000000 | u32(splitMix64(seed ^ 0x544f555200000000) + k));"
                + " the first entrant is side A when k is even");
        List<Object> entrants = new ArrayList<>();
        for (PolicySpec p : r.entrants()) entrants.add(p.toJson());
        o.put("entrants", entrants);
        List<Object> pairings = new ArrayList<>();
        for (Pairing p : r.pairings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("entrant", r.entrants().get(p.first()).label());
            m.put("opponent", r.entrants().get(p.second()).label());
            m.put("battles", p.battles());
            m.put("wins", p.wins());
            m.put("draws", p.draws());
            m.put("losses", p.losses());
            m.put("battlesHash", "0x" + Hex.of(p.battlesHash()));
            pairings.add(m);
        }
        o.put("pairings", pairings);
        List<Object> standings = new ArrayList<>();
        int rank = 1;
        for (Standing s : r.standings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rank", rank++);
            m.put("entrant", r.entrants().get(s.entrant()).label());
            m.put("battles", s.battles());
            m.put("wins", s.wins());
            m.put("draws", s.draws());
            m.put("losses", s.losses());
            m.put("scorePermille", s.scorePermille());
            m.put("elo", s.elo());
            standings.add(m);
        }
        o.put("standings", standings);
        return o;
    }
}
