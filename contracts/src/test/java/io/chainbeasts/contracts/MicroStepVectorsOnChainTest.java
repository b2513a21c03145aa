package io.chainbeasts.contracts;

import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.engine.MicroStepVectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Solidity one-step verifier against {@code spec/vectors/engine/microsteps.json} on anvil: every valid case gives the
 * vector's post-state bytes, running values, source, board, label, losses and digests (through stepPost, and the
 * digests again through IStepVerifier.step), private cases with their records opened under R_dataset; every invalid
 * case reverts with its named custom error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MicroStepVectorsOnChainTest {
    StepVerifierChain chain;

    @BeforeAll
    void up() throws Exception {
        chain = new StepVerifierChain();
    }

    @AfterAll
    void down() {
        chain.close();
    }

    static StepTrace.Step step(MicroStepVectors.Case c, byte[] witness) {
        return new StepTrace.Step(0, 0, c.k(), c.preBytes(), c.context().toBytes(), c.lineage(), c.loss(), c.energy(), witness,
                (int) c.num("source"), 0, c.postBytes(), Hex.parse(c.hex("postLineage")), c.num("postLoss"), c.num("postEnergy"),
                Hex.parse(c.hex("board")));
    }

    /** The witness a case's step needs: a real-battle step's board and its path under R_pool; a private window's prefix and record. */
    static byte[] witness(MicroStepVectors.Case c) {
        return c.witness();
    }

    @Test
    void everyValidCaseMatchesOnChain() {
        List<MicroStepVectors.Case> cases = MicroStepVectors.cases();
        for (MicroStepVectors.Case c : cases) {
            StepTrace.Step s = step(c, witness(c));
            StepVerifierChain.Post p = chain.stepPost(s);
            int at = StepVerifierChain.firstDiff(p.state(), s.post());
            assertEquals(-1, at, c.name() + ": post state differs first at byte " + at + " (" + StepVerifierChain.stateField(Math.max(at, 0))
                    + "): solidity " + StepVerifierChain.hex(p.state(), at, 8) + " vector " + StepVerifierChain.hex(s.post(), at, 8));
            assertEquals(c.hex("postStateHash"), Hex.of(Keccak256.hash(p.state())), c.name());
            assertEquals(c.hex("board"), Hex.of(p.board()), c.name() + ": board");
            assertEquals(c.num("source"), p.source(), c.name() + ": source");
            List<Object> label = Json.arr(c.expected().get("label"), "label");
            for (int i = 0; i < 4; i++) assertEquals((long) (Long) label.get(i), p.label()[i], c.name() + ": label[" + i + "]");
            List<Object> losses = Json.arr(c.expected().get("losses"), "losses");
            for (int i = 0; i < 3; i++) assertEquals((long) (Long) losses.get(i), p.losses()[i], c.name() + ": losses[" + i + "]");
            assertEquals(c.hex("postLineage"), Hex.of(p.lineage()), c.name() + ": lineage");
            assertEquals(c.num("postLoss"), p.loss(), c.name() + ": loss");
            assertEquals(c.num("postEnergy"), p.energy(), c.name() + ": energy");
            assertEquals(c.hex("preDigest"), Hex.of(p.preDigest()), c.name() + ": D_k");
            assertEquals(c.hex("postDigest"), Hex.of(p.postDigest()), c.name() + ": D_k+1");
            byte[][] d = chain.step(s.k(), s.pre(), s.ctx(), s.lineage(), s.loss(), s.energy(), s.witness());
            assertEquals(c.hex("preDigest"), Hex.of(d[0]), c.name() + ": step() D_k");
            assertEquals(c.hex("postDigest"), Hex.of(d[1]), c.name() + ": step() D_k+1");
        }
    }

    @Test
    void everyInvalidCaseRevertsWithItsNamedError() {
        List<MicroStepVectors.Case> cases = MicroStepVectors.cases();
        for (MicroStepVectors.Invalid v : MicroStepVectors.invalid()) {
            MicroStepVectors.Case base = cases.stream().filter(c -> c.name().equals(v.base())).findFirst().orElseThrow();
            Map<String, Object> m = v.mutate();
            int k = m.containsKey("k") ? (int) Json.num(m, "k") : base.k();
            byte[] st = base.preBytes();
            if (m.containsKey("stateLength")) st = Arrays.copyOf(st, (int) Json.num(m, "stateLength"));
            if (m.containsKey("stateByte")) set(st, m.get("stateByte"), false);
            byte[] ctx = base.context().toBytes();
            if (m.containsKey("contextLength")) ctx = Arrays.copyOf(ctx, (int) Json.num(m, "contextLength"));
            if (m.containsKey("contextByte")) set(ctx, m.get("contextByte"), false);
            byte[] witness = m.containsKey("witness") ? Hex.parse(Json.str(m, "witness")) : witness(base);
            if (m.containsKey("witnessXor")) set(witness, m.get("witnessXor"), true);
            if (m.containsKey("witnessAppend")) witness = StepTrace.concat(witness, Hex.parse(Json.str(m, "witnessAppend")));
            byte[] fst = st, fctx = ctx, fw = witness;
            ContractRevertException e = assertThrows(ContractRevertException.class,
                    () -> chain.step(k, fst, fctx, base.lineage(), base.loss(), base.energy(), fw), v.name());
            assertEquals(v.error(), e.error(), v.name() + ": " + e.getMessage());
        }
    }

    static void set(byte[] b, Object spec, boolean xor) {
        List<Object> p = Json.arr(spec, "byte mutation");
        int off = ((Long) p.get(0)).intValue();
        int val = ((Long) p.get(1)).intValue();
        b[off] = (byte) (xor ? b[off] ^ val : val);
    }
}
