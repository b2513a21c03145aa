package io.chainbeasts.cli;

import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Lookahead;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Json;
import io.chainbeasts.datasets.BattleRecord;
import io.chainbeasts.datasets.CsvFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coaching pipeline's shaping options ({@code dataset record --boards-from/--max-distance/--decisive-copies/
 * --only-disagreements}), the {@code counter:} coach and {@code bench --coaching}.
 */
class CoachingDataCliTest {
    static final SeasonConstants SEASON = SeasonConstants.DEFAULT;

    static List<BattleRecord> record(Path tmp, String name, String... options) throws Exception {
        Path csv = tmp.resolve(name + ".csv");
        String[] base = {"dataset", "record", "--battles", "6", "-o", csv.toString()};
        String[] args = TournamentCliTest.concat(base, options);
        TournamentCliTest.ok(args);
        return CsvFormat.readRecords(csv, SEASON);
    }

    static int distance(Board b) {
        return Math.abs(b.self().x() - b.enemy().x()) + Math.abs(b.self().y() - b.enemy().y());
    }

    static int teacherChoice(Board b) {
        return new Lookahead(SEASON.cells(), Lookahead.TEACHER_DEPTH).search(SEASON, b.arena(), b.asState(), new long[Lookahead.CANDIDATES]);
    }

    @Test
    void rowsAreShapedAsAsked(@TempDir Path tmp) throws Exception {
        List<BattleRecord> all = record(tmp, "all", "--coach", "teacher");
        List<BattleRecord> near = record(tmp, "near", "--coach", "teacher", "--max-distance", "2");
        assertTrue(near.size() < all.size(), near.size() + " of " + all.size());
        assertFalse(near.isEmpty());
        for (BattleRecord r : near) assertTrue(distance(r.board()) <= 2, "distance " + distance(r.board()));
        assertEquals(all.stream().filter(r -> distance(r.board()) <= 2).count(), near.size(), "the near rows are exactly the close boards");

        List<BattleRecord> copied = record(tmp, "copied", "--coach", "teacher", "--decisive-copies", "3");
        long decisive = (copied.size() - all.size()) / 2;
        assertTrue(decisive > 0 && copied.size() == all.size() + 2 * decisive, all.size() + " rows became " + copied.size());

        // the teacher labelling greedy's boards: every action is the teacher's choice there, the outcome is not the teacher's
        List<BattleRecord> relabelled = record(tmp, "relabelled", "--coach", "teacher", "--boards-from", "greedy");
        for (BattleRecord r : relabelled) {
            assertNotNull(r.action());
            assertEquals(BattleRecord.UNKNOWN, r.outcome());
            assertTrue(DemonstrationRecorder.agrees(r.action(), teacherChoice(r.board())), r.action() + " on turn " + r.turn());
        }
        List<BattleRecord> mistakes = record(tmp, "mistakes", "--coach", "teacher", "--boards-from", "greedy", "--only-disagreements");
        assertTrue(!mistakes.isEmpty() && mistakes.size() < relabelled.size(), mistakes.size() + " of " + relabelled.size());

        // search's demonstrations where the teacher would choose otherwise; boards alone elsewhere
        List<BattleRecord> differing = record(tmp, "differing", "--coach", "search", "--only-disagreements");
        long demos = differing.stream().filter(r -> r.action() != null).count();
        assertTrue(demos > 0 && demos < differing.size(), demos + " demonstrations of " + differing.size());
        for (BattleRecord r : differing) {
            if (r.action() != null) assertFalse(DemonstrationRecorder.agrees(r.action(), teacherChoice(r.board())));
            else assertEquals(BattleRecord.UNKNOWN, r.outcome());
        }

        TournamentCliTest.badInput("--decisive-copies 0 is outside 1..16", "dataset", "record", "--coach", "teacher", "--decisive-copies", "0",
                "-o", tmp.resolve("x.csv").toString());
        TournamentCliTest.badInput("--max-distance -1 is negative", "dataset", "record", "--coach", "teacher", "--max-distance", "-1",
                "-o", tmp.resolve("x.csv").toString());
        TournamentCliTest.badInput("--boards-from: 'smart' is neither", "dataset", "record", "--coach", "teacher", "--boards-from", "smart",
                "-o", tmp.resolve("x.csv").toString());
        assertFalse(Files.exists(tmp.resolve("x.csv")));
    }

    @Test
    void aCounterCoachBeatsTheRivalItStudies() {
        CliTest.Result r = TournamentCliTest.ok("tournament", "--entrant", "counter:greedy", "--entrant", "greedy", "--battles", "40");
        String line = r.out().lines().filter(l -> l.contains("counter:greedy") && l.contains(" vs ")).findFirst().orElseThrow();
        String[] f = line.trim().split("\\s+");
        int wins = Integer.parseInt(f[3]);
        int losses = Integer.parseInt(f[5]);
        assertTrue(wins > 2 * losses, line);
        TournamentCliTest.badInput("--entrant: 'counter:counter:greedy': counter: takes a policy or a beast", "tournament",
                "--entrant", "counter:counter:greedy", "--entrant", "greedy");
        TournamentCliTest.badInput("--entrant: 'smart' is neither", "tournament", "--entrant", "counter:smart", "--entrant", "greedy");
    }

    @Test
    @SuppressWarnings("unchecked")
    void benchCoachingTrainsTwinsAndCoachedBeastsAndWritesJson(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("coaching.json");
        CliTest.Result r = TournamentCliTest.ok("bench", "--coaching", "teacher", "--seed-cores", "0x5,0x6", "--windows", "2", "--battles", "4",
                "--coach-battles", "2", "--max-distance", "2", "--out", json.toString());
        assertTrue(r.out().contains("0x5") && r.out().contains("0x6"), r.out());
        Map<String, Object> doc = (Map<String, Object>) Json.parse(Files.readString(json));
        assertEquals(2L, ((Number) doc.get("windows")).longValue());
        assertTrue(((String) doc.get("coaching")).contains("distance <= 2"), (String) doc.get("coaching"));
        List<Object> rows = (List<Object>) doc.get("rows");
        assertEquals(2, rows.size());
        for (Object o : rows) {
            Map<String, Object> row = (Map<String, Object>) o;
            for (String k : List.of("twinVsGreedy", "coachedVsGreedy", "coachedVsTwin", "twinVsNextTwin")) {
                Map<String, Object> wdl = (Map<String, Object>) row.get(k);
                long n = ((Number) wdl.get("wins")).longValue() + ((Number) wdl.get("draws")).longValue() + ((Number) wdl.get("losses")).longValue();
                assertEquals(4, n, k);
            }
        }
        TournamentCliTest.badInput("--seed-cores, --windows", "bench", "--windows", "3");
        TournamentCliTest.badInput("--coaching none trains no coached beast", "bench", "--coaching", "none", "--coach-battles", "3");
        TournamentCliTest.badInput("--lr-shifts needs 16 entries", "bench", "--coaching", "none", "--lr-shifts", "5,6");
        TournamentCliTest.badInput("--coaching: 'smart' is neither", "bench", "--coaching", "smart");
    }
}
