package io.chainbeasts.contracts;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.AtomicFile;
import io.chainbeasts.core.Json;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.SampleSource;
import io.chainbeasts.curriculum.TrainingConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Gas of the one-step proof on anvil (prague): every micro-step of two windows (all three heads, a growth step) sent as
 * a real step() transaction; per sample source the mean and maximum of the whole transaction, and the part of it that
 * is the state's calldata (EIP-7623 floor and standard cost of the calldata bytes). Every step must stay under the
 * 2^24 per-transaction cap; the private steps of a coached private beast's two windows likewise (a 512-record dataset:
 * depth-9 paths). Prints a table and writes target/step-verifier-gas.json (the table in spec/contracts.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepVerifierGasTest {
    static final long TX_CAP = 1L << 24;
    StepVerifierChain chain;

    @BeforeAll
    void up() throws Exception {
        chain = new StepVerifierChain();
    }

    @AfterAll
    void down() {
        chain.close();
    }

    /** Calldata cost: standard (4 per zero byte, 16 per other) and the EIP-7623 floor (10 per zero, 40 per other). */
    static long[] calldataCost(String hexData) {
        String h = hexData.startsWith("0x") ? hexData.substring(2) : hexData;
        long zero = 0, nonZero = 0;
        for (int i = 0; i < h.length(); i += 2) {
            if (h.charAt(i) == '0' && h.charAt(i + 1) == '0') zero++;
            else nonZero++;
        }
        return new long[] {4 * zero + 16 * nonZero, 10 * zero + 40 * nonZero};
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyStepFitsTheTransactionCapAndTheTableIsWritten() throws Exception {
        RealBattlePool pool = RealBattlePool.defaultPool(SeasonConstants.DEFAULT);
        List<StepTrace.Step> steps = new ArrayList<>(StepTrace.run(0x6A5L, 3, StepVerifierDifferentialTest.FAST_EPOCHS, SeasonConstants.DEFAULT,
                pool, new int[] {255, 255, 4}));
        steps.subList(0, 128).clear(); // windows 1 and 2: the attack head, then all three heads and the growth step
        // the private steps of a coached private beast's windows 1 and 2 (a record and its path, the demonstration or the teacher)
        List<io.chainbeasts.combat.Board> boards = new ArrayList<>();
        for (int i = 0; i < 512; i++) boards.add(pool.get(i));
        List<StepTrace.Step> priv = StepTrace.run(0x6A6L, 3, StepVerifierDifferentialTest.FAST_EPOCHS, SeasonConstants.DEFAULT, pool,
                new int[] {255, 255, 4}, io.chainbeasts.engine.PrivateDatasets.coached(boards, SeasonConstants.DEFAULT),
                StepVerifierDifferentialTest.SECRET);
        for (StepTrace.Step s : priv.subList(128, priv.size())) if (s.source() == SampleSource.PRIVATE) steps.add(s);
        long[][] stats = new long[4][4]; // per source: count, sum, max, max calldata floor
        long worst = 0;
        String worstWhere = "";
        int over = 0;
        long[][] partStats = new long[4][10]; // per source: sum and max of {call, draw, policy calls, label, train}
        for (StepTrace.Step s : steps) {
            String data = org.web3j.abi.FunctionEncoder.encode(StepVerifierChain.stepFunction("step", s,
                    List.of(new org.web3j.abi.TypeReference<org.web3j.abi.datatypes.generated.Bytes32>() {},
                            new org.web3j.abi.TypeReference<org.web3j.abi.datatypes.generated.Bytes32>() {})));
            TransactionReceipt r = chain.client.send(chain.client.account(1), chain.verifier, data, "StepVerifier.step");
            long gas = r.getGasUsed().longValueExact();
            long[] cd = calldataCost(data);
            long[] st = stats[s.source()];
            st[0]++;
            st[1] += gas;
            st[2] = Math.max(st[2], gas);
            st[3] = Math.max(st[3], 21_000 + cd[1]);
            if (gas > worst) {
                worst = gas;
                worstWhere = SampleSource.name(s.source()) + " window " + s.window() + " step " + s.k();
            }
            long[] parts = chain.partsGas(s);
            long[] ps = partStats[s.source()];
            for (int i = 0; i < 5; i++) {
                ps[2 * i] += parts[i];
                ps[2 * i + 1] = Math.max(ps[2 * i + 1], parts[i]);
            }
            over += gas >= TX_CAP ? 1 : 0;
        }
        assertEquals(0, over, over + " steps over 2^24 gas (worst " + worstWhere + ": " + worst + ")");
        Map<String, Object> json = new LinkedHashMap<>();
        StringBuilder table = new StringBuilder("| source | steps | mean gas | max gas | calldata floor (max) |\n|---|---|---|---|---|\n");
        for (int src = 0; src < 4; src++) {
            long[] st = stats[src];
            assertTrue(st[0] > 0, "no " + SampleSource.name(src) + " step measured");
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("steps", st[0]);
            e.put("meanGas", st[1] / st[0]);
            e.put("maxGas", st[2]);
            e.put("calldataFloorMax", st[3]);
            json.put(SampleSource.name(src), e);
            table.append(String.format(java.util.Locale.ROOT, "| %s | %d | %,d | %,d | %,d |%n", SampleSource.name(src), st[0], st[1] / st[0], st[2], st[3]));
        }
        StringBuilder parts = new StringBuilder("| source | eth_call (with calldata) | draw | of which net policy calls | label | train |\n|---|---|---|---|---|---|\n");
        for (int src = 0; src < 4; src++) {
            long n = stats[src][0];
            long[] ps = partStats[src];
            parts.append("| ").append(SampleSource.name(src));
            Map<String, Object> e = new LinkedHashMap<>();
            String[] names = {"call", "draw", "policyCalls", "label", "train"};
            for (int i = 0; i < 5; i++) {
                parts.append(String.format(java.util.Locale.ROOT, " | %,d / %,d", ps[2 * i] / n, ps[2 * i + 1]));
                e.put(names[i] + "Mean", ps[2 * i] / n);
                e.put(names[i] + "Max", ps[2 * i + 1]);
            }
            parts.append(" |\n");
            ((Map<String, Object>) json.get(SampleSource.name(src))).put("parts", e);
        }
        System.out.println("parts (mean / max, call tracer):\n" + parts);
        json.put("worst", worstWhere + ": " + worst);
        Map<String, Object> deploy = new LinkedHashMap<>();
        chain.deployGas.forEach((k, v) -> deploy.put(k, v.longValueExact()));
        json.put("deployGas", deploy);
        System.out.println("StepVerifier.step gas per transaction (anvil prague, solc 0.8.37 cancun, optimizer 200):\n" + table
                + "worst: " + worstWhere + " " + worst + "; deploy " + chain.deployGas);
        AtomicFile.write(Path.of("target", "step-verifier-gas.json"), Json.pretty(json).getBytes(StandardCharsets.UTF_8));
    }
}
