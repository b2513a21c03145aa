package io.chainbeasts.contracts;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.curriculum.TrainingConstants;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.chainbeasts.core.Vectors;

import java.math.BigInteger;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * (Shares one deployment: the defaults are checked before the governance test changes them.) A fresh
 * deployment holds the documented defaults, written here and in SPEC.md independently of the Java
 * records (which derive the deployed values, so comparing with them would compare the code with itself);
 * the Java side reads them back into equal records; a governed change is seen.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OnChainSeasonTest extends ChainTestBase {
    /** The protocol keys' defaults, as spec/contracts.md and the deployer's comments state them. */
    static final Map<String, BigInteger> PROTOCOL_DEFAULTS = Map.ofEntries(
            Map.entry("energyPrice", new BigInteger("1000000000000000")), // 0.001 ENERGY per unit of energyBurn
            Map.entry("bondMultiplier", BigInteger.valueOf(2)),
            Map.entry("challengeWindow", BigInteger.valueOf(3600)),
            Map.entry("datasetRevealWindow", BigInteger.valueOf(1800)),
            Map.entry("commitWindow", BigInteger.valueOf(1800)),
            Map.entry("revealWindow", BigInteger.valueOf(1800)),
            Map.entry("unbondingDelay", BigInteger.valueOf(14400)),
            Map.entry("minStake", new BigInteger("100000000000000000000")), // 100 ENERGY
            Map.entry("quorumBps", BigInteger.valueOf(2000)),
            Map.entry("supermajorityBps", BigInteger.valueOf(6600)),
            Map.entry("validatorRewardBps", BigInteger.valueOf(3000)),
            Map.entry("slashAmount", new BigInteger("10000000000000000000")), // 10 ENERGY
            Map.entry("slashBurnBps", BigInteger.valueOf(5000)),
            // 128 steps x 500 (SPEC.md: baseStepCost 1,000 is 500 per step with the 4 live slots of a hatchling)
            Map.entry("minWindowEnergy", BigInteger.valueOf(64_000)),
            Map.entry("ownerClock", BigInteger.valueOf(6 * 3600))); // the dispute game's owner clock: 6 hours

    /** TrainingConstants' defaults (the training schedule and ENERGY rule of SPEC.md), written out. */
    static Map<String, BigInteger> trainingDefaults() {
        Map<String, BigInteger> m = new LinkedHashMap<>();
        m.put("stepsPerEpoch", BigInteger.valueOf(1024));
        int[] lr = {5, 5, 5, 6, 6, 6, 7, 7, 7, 7, 8, 8, 8, 9, 9, 10};
        for (int i = 0; i < lr.length; i++) m.put("lrShiftByEpoch[" + i + "]", BigInteger.valueOf(lr[i]));
        m.put("powerEpoch", BigInteger.valueOf(1));
        m.put("blockEpoch", BigInteger.valueOf(2));
        m.put("baseStepCost", BigInteger.valueOf(1000));
        m.put("growthSlotCost", BigInteger.valueOf(64_000));
        return m;
    }

    /** The SeasonConstants defaults from SPEC.md's table ("| a, b | 1, 2 | meaning |"), one entry per field. */
    static Map<String, BigInteger> specSeasonDefaults() throws Exception {
        Map<String, BigInteger> m = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(Vectors.repoRoot().resolve("SPEC.md"));
        int i = 0;
        while (!lines.get(i).startsWith("| field | default | meaning |")) i++;
        for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("\\|");
            String[] names = cells[1].split(",");
            String[] values = cells[2].split(",");
            assertEquals(names.length, values.length, lines.get(i));
            for (int k = 0; k < names.length; k++) m.put(names[k].trim(), new BigInteger(values[k].trim()));
        }
        return m;
    }

    /** The 17 u16 of spec/vectors/combat/season.json's encodingHex, the frozen default season, in field order. */
    static List<BigInteger> seasonVector() throws Exception {
        String hex = (String) io.chainbeasts.core.Json.obj(io.chainbeasts.core.Json.parse(
                Files.readString(Vectors.path("combat/season.json"))), "season.json").get("encodingHex");
        List<BigInteger> out = new java.util.ArrayList<>();
        for (int i = 0; i < hex.length(); i += 4) out.add(new BigInteger(hex.substring(i, i + 4), 16));
        return out;
    }

    @Test
    @Order(1)
    void deployedDefaultsAreTheDocumentedValues() throws Exception {
        Map<String, BigInteger> onChain = OnChainSeason.read(d);
        assertEquals(OnChainSeason.allKeys().size(), onChain.size());
        Map<String, BigInteger> expected = new LinkedHashMap<>(PROTOCOL_DEFAULTS);
        Map<String, BigInteger> season = specSeasonDefaults();
        assertEquals(OnChainSeason.seasonKeys(), List.copyOf(season.keySet()), "SPEC.md's table lists every SeasonConstants field in order");
        assertEquals(seasonVector(), List.copyOf(season.values()), "SPEC.md's table and spec/vectors/combat/season.json agree");
        expected.putAll(season);
        expected.putAll(trainingDefaults());
        assertEquals(new java.util.TreeSet<>(OnChainSeason.allKeys()), new java.util.TreeSet<>(expected.keySet()));
        // a missing key would read 0 on chain; a value derived wrongly in Java would differ from the written one
        expected.forEach((k, v) -> assertEquals(v, onChain.get(k), k));
        // and the Java side reads them back into its defaults
        assertEquals(SeasonConstants.DEFAULT, OnChainSeason.seasonConstants(onChain));
        assertEquals(TrainingConstants.DEFAULT, OnChainSeason.trainingConstants(onChain));
    }

    @Test
    @Order(2)
    void aGovernedChangeIsWhatTheJavaSideReads() throws Exception {
        c.tx(gov, d.season, d.season.propose(Deployment.key("blockCap"), BigInteger.valueOf(80)));
        BigInteger id = d.season.proposalCount().send().subtract(BigInteger.ONE);
        c.increaseTime(3601);
        c.tx(gov, d.season, d.season.applyProposal(id));
        SeasonConstants s = OnChainSeason.seasonConstants(OnChainSeason.read(d));
        assertEquals(80, s.blockCap());
        assertNotEquals(SeasonConstants.DEFAULT, s);
        // an out-of-range value on chain is refused by the Java record, naming the key
        c.tx(gov, d.season, d.season.propose(Deployment.key("lrShiftByEpoch[3]"), BigInteger.valueOf(40)));
        c.increaseTime(3601);
        c.tx(gov, d.season, d.season.applyProposal(id.add(BigInteger.ONE)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnChainSeason.trainingConstants(OnChainSeason.read(d)));
        assertTrue(e.getMessage().contains("lrShiftByEpoch[3]"), e.getMessage());
    }
}
