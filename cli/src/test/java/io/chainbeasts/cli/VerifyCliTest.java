package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifyCliTest {
    @Test
    void honestBeastVerifiesAndATamperedOneIsNamed(@TempDir Path dir) throws Exception {
        Path beast = dir.resolve("v");
        assertEquals(0, CliTest.run("hatch", "--seed-core", "0x44", "--out", beast.toString()).code());
        assertEquals(0, CliTest.run("train", "--beast", beast.toString(), "--windows", "3", "--quiet").code());
        CliTest.Result ok = CliTest.run("verify", beast.toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("VERIFIED"), ok.out());

        // A trainer that lies about the ENERGY it burned in window 1: change the payload's energyBurn
        // byte and re-checksum the record, so only the replay can catch it.
        BeastStore store = BeastStore.open(beast);
        Path rec = store.windowPath(1); // a loose record file is read before the segment holding the window
        String text = io.chainbeasts.core.Json.write(store.window(1).toJson());
        String payloadHex = io.chainbeasts.core.Hex.of(store.window(1).payload());
        byte[] p = store.window(1).payload();
        p[108] ^= 1; // last byte of energyBurn (offset 101, 8 bytes)
        java.util.Map<String, Object> m = io.chainbeasts.core.Json.obj(io.chainbeasts.core.Json.parse(text), "record");
        m.put("payload", io.chainbeasts.core.Hex.of(p));
        m.put("checkpointHash", io.chainbeasts.core.Hex.of(io.chainbeasts.core.Keccak256.hash(p)));
        m.remove("checksum");
        String body = io.chainbeasts.core.Json.write(m);
        m.put("checksum", io.chainbeasts.core.Hex.of(io.chainbeasts.core.Keccak256.hash(body.getBytes(StandardCharsets.UTF_8))));
        Files.writeString(rec, io.chainbeasts.core.Json.write(m) + "\n", StandardCharsets.UTF_8);
        assertTrue(!payloadHex.equals(io.chainbeasts.core.Hex.of(p)));

        CliTest.Result bad = CliTest.run("verify", beast.toString());
        assertEquals(1, bad.code(), bad.out());
        assertTrue(bad.out().contains("window 1") || bad.out().contains("window    1") || bad.out().contains("window  1"), bad.out());
        assertTrue(bad.out().toLowerCase().contains("energyburn"), bad.out());
        assertEquals(2, CliTest.run("verify", dir.resolve("nothing").toString()).code());
    }
}
