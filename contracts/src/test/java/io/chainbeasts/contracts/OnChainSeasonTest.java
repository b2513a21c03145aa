package io.chainbeasts.contracts;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.curriculum.TrainingConstants;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigInteger;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** (Shares one deployment: the defaults are checked before the governance test changes them.) The Java side reads the governed constants from SeasonRegistry: defaults equal the Java defaults; a governed change is seen. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OnChainSeasonTest extends ChainTestBase {
    @Test
    @Order(1)
    void deployedDefaultsEqualTheJavaDefaults() {
        Map<String, BigInteger> onChain = OnChainSeason.read(d);
        assertEquals(OnChainSeason.allKeys().size(), onChain.size());
        // every Java-mapped key is set on chain to the Java default (a missing key would read 0)
        Map<String, BigInteger> java = OnChainSeason.javaKeys(SeasonConstants.DEFAULT, TrainingConstants.DEFAULT);
        assertEquals(17 + 21, java.size());
        java.forEach((k, v) -> assertEquals(v, onChain.get(k), k));
        assertEquals(SeasonConstants.DEFAULT, OnChainSeason.seasonConstants(onChain));
        assertEquals(TrainingConstants.DEFAULT, OnChainSeason.trainingConstants(onChain));
        for (String k : OnChainSeason.PROTOCOL_KEYS) assertEquals(Deployment.defaultSeason().get(k), onChain.get(k), k);
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
