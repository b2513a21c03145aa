package io.chainbeasts.client.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loading screen's lines, the chain settings (no private key ever stored), chain times in local time. */
class LoadingAndSettingsTest {
    @Test
    void backendLineSaysWhichAndWhy() {
        assertEquals("Training runs on Java (Settings: auto; OpenCL unavailable: no OpenCL platform)", LoadingModel.backendLine("auto", "no OpenCL platform"));
        assertEquals("Training runs on OpenCL (Settings: auto; a device opened)", LoadingModel.backendLine("auto", null));
        assertEquals("Training runs on Java (Settings: java); OpenCL is available too", LoadingModel.backendLine("java", null));
        assertTrue(LoadingModel.backendLine("opencl", "no device").startsWith("Training cannot start on OpenCL"));
        assertTrue(LoadingModel.backendFails("opencl", "no device"));
        assertFalse(LoadingModel.backendFails("auto", "no device"));
    }

    @Test
    void chainLineWithoutAndWithABadChainFile(@TempDir Path tmp) throws Exception {
        Settings s = new Settings(tmp);
        assertEquals("No chain configured (Settings: chain file); everything stays local", LoadingModel.chainLine(s));
        s.chainFile(tmp.resolve("chain.json").toString());
        ClientError e = assertThrows(ClientError.class, () -> LoadingModel.chainLine(s));
        assertTrue(e.getMessage().startsWith("Chain file: " + tmp.resolve("chain.json") + " does not exist"), e.getMessage());
        Files.writeString(tmp.resolve("chain.json"), "{not json");
        ClientError bad = assertThrows(ClientError.class, () -> LoadingModel.chainLine(s));
        assertFalse(bad.getMessage().contains("\n"), bad.getMessage());
        assertTrue(bad.getMessage().contains("chain.json"), bad.getMessage());
        // a chain that is not running: one sentence naming the endpoint, no stack trace
        Files.writeString(tmp.resolve("chain.json"), "{\"chainId\": 31337, \"rpc\": \"http://127.0.0.1:1\", \"contracts\": {}}");
        ClientError down = assertThrows(ClientError.class, () -> LoadingModel.chainLine(s));
        assertTrue(down.getMessage().startsWith("chain: cannot reach the chain of " + tmp.resolve("chain.json") + " at http://127.0.0.1:1"), down.getMessage());
        assertFalse(down.getMessage().contains("\n"), down.getMessage());
        // a signing key is asked for before anything is sent
        s.key("");
        ClientError noKey = assertThrows(ClientError.class, () -> ChainModel.open(ChainModel.Target.of(s), true).close());
        if (System.getenv("CHAINBEASTS_KEY") == null) assertTrue(noKey.getMessage().startsWith("Signing key: "), noKey.getMessage());
    }

    @Test
    void chainSettingsRoundTripAndNeverHoldAPrivateKey() {
        SeriesAndSettingsTest.MapStore store = new SeriesAndSettingsTest.MapStore();
        Settings s = Settings.load(store);
        assertNull(s.chainFile());
        assertEquals("", s.key());
        s.chainFile(".chainbeasts/chain.json");
        s.rpc("http://127.0.0.1:8545");
        s.key("anvil:1");
        s.vaultFile("/tmp/v.vault");
        s.save(store);
        Settings t = Settings.load(store);
        assertEquals(Path.of(".chainbeasts/chain.json"), t.chainFile());
        assertEquals("http://127.0.0.1:8545", t.rpc());
        assertEquals("anvil:1", t.key());
        assertEquals(Path.of("/tmp/v.vault"), t.vaultFile());
        ClientError hex = assertThrows(ClientError.class, () -> t.key("0x" + "ab".repeat(32)));
        assertTrue(hex.getMessage().contains("CHAINBEASTS_KEY"), hex.getMessage());
        assertThrows(ClientError.class, () -> t.rpc("localhost:8545"));
        store.put("key", "ab".repeat(32)); // a hand-edited store: ignored, not used
        assertEquals("", Settings.load(store).key());
        t.chainFile(" ");
        assertNull(t.chainFile());
    }

    @Test
    void chainTimesAreLocalAndRelativeToTheChainClock() {
        assertEquals("2026-12-06 04:30:00 UTC (in 30 min)", ChainTimes.at(1_796_531_400L, 1_796_529_600L, ZoneId.of("UTC")));
        assertEquals("2026-12-06 05:30:00 CET (in 30 min)", ChainTimes.at(1_796_531_400L, 1_796_529_600L, ZoneId.of("CET")));
        assertEquals("now", ChainTimes.relative(0));
        assertEquals("45 s ago", ChainTimes.relative(-45));
        assertEquals("in 2 h 5 min", ChainTimes.relative(2 * 3600 + 300));
    }
}
