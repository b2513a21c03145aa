package io.chainbeasts.cli;

import io.chainbeasts.cli.bench.NodeBench;
import io.chainbeasts.cli.bench.NodeScale;
import io.chainbeasts.engine.opencl.Backends;
import io.chainbeasts.node.DisputeGamePlayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bench --node-scale}'s scenario at a CI size, the same code: public beasts on anvil, checkpoints submitted
 * block after block while a node started empty (its own JVM, -Xmx256m, no stores) follows with a dispute budget.
 * Every window is printed and kept exactly once with the verdict it must have, every planted cheat (a nudge at a
 * random micro-step of a random window, then training went on) is FAILURE at its window and disputed exactly once;
 * a fresh node replaying the whole chain in one pass on OpenCL (batched across beasts) reaches the same verdicts;
 * and every dispute ends RESOLVED_INVALID: one owner answers with its own step digests (the node names the step where
 * they depart and proves it with the on-chain one-step verifier), the other stays silent (the node claims the timeout), and the
 * node's ledger then holds only the live chains. No timing is asserted (the
 * bench measures); the seed is printed, and {@code -Dchainbeasts.nodescale.seed=N} replays a run.
 */
class NodeScaleTest {
    @Test
    void aNodeStartedEmptyJudgesEveryWindowOnceAndDisputesEveryCheatToTheEnd(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("chainbeasts.nodescale.seed", System.currentTimeMillis() % 100_000);
        System.out.println("[node scale] seed " + seed + " (replay with -Dchainbeasts.nodescale.seed=" + seed + ")");
        NodeScale.Plan plan = new NodeScale.Plan(8, 3, 2, seed, 4, 700);
        try (NodeScale s = NodeScale.setUp(plan, dir, l -> System.out.println("[node scale] " + l))) {
            NodeBench.Followed f = NodeBench.follow(s, dir.resolve("follow"), "java", 240_000, System.out);
            System.out.println("[node scale] " + f.run());
            NodeScale.Check c = s.check(f.lines(), f.data(), true);
            assertTrue(c.ok(), "seed " + seed + ":\n" + String.join("\n", c.problems()));
            assertEquals(plan.total(), c.printedOnce());
            assertTrue(f.run().peakRssKb() > 0 || !java.nio.file.Files.exists(Path.of("/proc/self/status")), "peak RSS sampled");

            // a fresh node judges the whole chain in one pass on OpenCL (the cheats disputed, not yet proven): the follower's verdicts
            String why = Backends.probe();
            if (why == null) {
                NodeBench.Run cl = NodeBench.catchUp(s, dir.resolve("opencl"), "opencl");
                System.out.println("[node scale] " + cl);
                assertEquals(plan.total() - notReplayed(s), cl.windows(), "every window a replay can judge was replayed once");
                assertTrue(NodeBench.sameVerdicts(f.data(), dir.resolve("opencl")), "the node's verdicts on OpenCL are those on Java");
            } else {
                System.out.println("[node scale] OpenCL catch-up skipped: no OpenCL platform (" + why + ")");
            }

            // the follower, restarted, plays its disputes to the end: the first cheater answers, the second stays silent
            List<String> end = NodeBench.endgame(s, f.data(), List.of(s.cheats.values().iterator().next()), 240_000, System.out);
            assertTrue(end.stream().anyMatch(l -> NodeBench.isMove(l, "proveStep ") && l.contains("outcome RESOLVED_INVALID")), String.join("\n", end));
            NodeScale.Disputes d = s.disputes();
            assertTrue(d.problems().isEmpty(), "seed " + seed + ":\n" + String.join("\n", d.problems()));
            d.filedPerCheckpoint().forEach((h, n) -> assertEquals(1, n, "disputes filed on 0x" + h));
            d.stage().forEach((h, st) -> assertEquals(DisputeGamePlayer.RESOLVED_INVALID, st, "game on 0x" + h));
            List<String> twice = s.movesSentTwice();
            assertTrue(twice.isEmpty(), "seed " + seed + ":\n" + String.join("\n", twice));
            NodeScale.Check after = s.check(List.of(), f.data(), false);
            assertTrue(after.ok(), "the proven cheats left the live chains and the ledger:\n" + String.join("\n", after.problems()));
            io.chainbeasts.core.RequiredTools.require(why == null, "no OpenCL platform (" + why + "); the node's Java verdicts were checked");
        }
    }

    /** Windows after a cheat: NOT_JUDGED, never replayed. */
    private static long notReplayed(NodeScale s) {
        long n = 0;
        for (NodeScale.Cheat c : s.cheats.values()) n += s.plan.windows() - 1 - c.window();
        return n;
    }
}
