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

class CheckpointStatusTest {
    @Test
    void theJavaNamesAreTheLedgersConstants() throws IOException {
        String sol = Files.readString(Vectors.repoRoot().resolve("contracts/src/CheckpointLedger.sol"));
        Map<Integer, String> ledger = new TreeMap<>();
        Matcher m = Pattern.compile("uint8 public constant (PENDING|DISPUTED|FINALIZED|INVALIDATED) = (\\d+);").matcher(sol);
        while (m.find()) ledger.put(Integer.parseInt(m.group(2)), m.group(1));
        assertEquals(4, ledger.size(), "CheckpointLedger.sol's status constants: " + ledger);
        for (Map.Entry<Integer, String> e : ledger.entrySet()) {
            assertEquals(e.getValue(), CheckpointStatus.of(e.getKey()).name(), "status code " + e.getKey());
        }
        assertEquals(CheckpointStatus.NONE, CheckpointStatus.of(0), "a missing record reads as status 0");
        assertEquals("CheckpointLedger reported status 5, which this version does not know",
                assertThrows(ChainError.class, () -> CheckpointStatus.of(5)).getMessage());
    }
}
