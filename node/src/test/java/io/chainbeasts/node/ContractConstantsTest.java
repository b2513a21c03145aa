package io.chainbeasts.node;

import io.chainbeasts.core.Vectors;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The contracts' status codes as the Java side names them (CheckpointStatus, DisputeStatus, DisputeGamePlayer), read from the Solidity sources. */
class ContractConstantsTest {
    static Map<Integer, String> constants(String contract, String names) throws IOException {
        String sol = Files.readString(Vectors.repoRoot().resolve("contracts/src/" + contract + ".sol"));
        Map<Integer, String> out = new TreeMap<>();
        Matcher m = Pattern.compile("uint8 public constant (" + names + ") = (\\d+);").matcher(sol);
        while (m.find()) out.put(Integer.parseInt(m.group(2)), m.group(1));
        return out;
    }

    @Test
    void checkpointStatusesAreTheLedgers() throws IOException {
        Map<Integer, String> ledger = constants("CheckpointLedger", "PENDING|DISPUTED|FINALIZED|INVALIDATED");
        assertEquals(4, ledger.size(), "CheckpointLedger.sol's status constants: " + ledger);
        for (Map.Entry<Integer, String> e : ledger.entrySet()) assertEquals(e.getValue(), CheckpointStatus.of(e.getKey()).name(), "status " + e.getKey());
        assertEquals(CheckpointStatus.NONE, CheckpointStatus.of(0), "a missing record reads as status 0");
        assertEquals("CheckpointLedger reported status 5, which this version does not know",
                assertThrows(ChainError.class, () -> CheckpointStatus.of(5)).getMessage());
    }

    @Test
    void disputeStatusesAreDisputeManagers() throws IOException {
        Map<Integer, String> dm = constants("DisputeManager", "OPEN|RESOLVED_VALID|RESOLVED_INVALID|RESOLVED_INCONCLUSIVE");
        assertEquals(4, dm.size(), "DisputeManager.sol's status constants: " + dm);
        for (Map.Entry<Integer, String> e : dm.entrySet()) assertEquals(e.getValue(), DisputeStatus.of(e.getKey()).name(), "dispute status " + e.getKey());
        assertEquals(dm.size() + 1, DisputeStatus.values().length, "NONE and every status");
        assertEquals(Map.of(DisputeStatus.MAX_ROUNDS, "MAX_ROUNDS"), constants("DisputeManager", "MAX_ROUNDS"));
    }

    @Test
    void gameStagesAreDisputeGames() throws IOException {
        Map<Integer, String> game = constants("DisputeGame", "AWAIT_DIGESTS|AWAIT_STEP|AWAIT_PROOF|RESOLVED_VALID|RESOLVED_INVALID");
        assertEquals(5, game.size(), "DisputeGame.sol's stage constants: " + game);
        for (Map.Entry<Integer, String> e : game.entrySet()) assertEquals(e.getValue(), DisputeGamePlayer.STAGE[e.getKey()], "stage " + e.getKey());
        assertEquals(Map.of(1, "AWAIT_DIGESTS", 2, "AWAIT_STEP", 3, "AWAIT_PROOF", 4, "RESOLVED_VALID", 5, "RESOLVED_INVALID"),
                Map.of(DisputeGamePlayer.AWAIT_DIGESTS, "AWAIT_DIGESTS", DisputeGamePlayer.AWAIT_STEP, "AWAIT_STEP", DisputeGamePlayer.AWAIT_PROOF,
                        "AWAIT_PROOF", DisputeGamePlayer.RESOLVED_VALID, "RESOLVED_VALID", DisputeGamePlayer.RESOLVED_INVALID, "RESOLVED_INVALID"));
        assertEquals(game.size() + 1, DisputeGamePlayer.STAGE.length, "STAGE names NONE and every stage");
    }

    @Test
    void forcedErrorOutcomesAreForcedErrors() throws IOException {
        Map<Integer, String> fe = constants("ForcedErrors", "UNREVEALED|CAUGHT|MISSED|DEFAULTED|STOOD");
        assertEquals(5, fe.size(), "ForcedErrors.sol's outcome constants: " + fe);
        for (Map.Entry<Integer, String> e : fe.entrySet()) assertEquals(e.getValue(), ForcedErrorKeeper.OUTCOME[e.getKey()], "outcome " + e.getKey());
        assertEquals(fe.size(), ForcedErrorKeeper.OUTCOME.length, "OUTCOME names every outcome");
    }
}
