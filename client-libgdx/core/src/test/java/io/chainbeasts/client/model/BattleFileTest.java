package io.chainbeasts.client.model;

import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BattleFileTest {
    @Test
    void exportThenOpenGivesTheSameBattle(@TempDir Path tmp) {
        BattleFile.Battle b = ReplayModelTest.battle(123);
        Path f = tmp.resolve("b.json");
        BattleFile.export(b, f);
        BattleFile.Battle back = BattleFile.open(f);
        assertArrayEquals(b.log().toBytes(), back.log().toBytes());
        assertEquals("greedy", back.policyA());
        Map<String, Object> o = Json.obj(Json.parse(new String(BattleFile.bytes(b), StandardCharsets.UTF_8)), "battle");
        assertEquals(List.of("seed", "policyA", "policyB", "a", "b", "outcome", "turns", "battleHash", "log"), List.copyOf(o.keySet()));
        assertEquals("123", o.get("seed"));
    }

    @Test
    void neverOverwrites(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("mine.json");
        Files.writeString(f, "a player's file");
        ClientError e = assertThrows(ClientError.class, () -> BattleFile.export(ReplayModelTest.battle(1), f));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals("a player's file", Files.readString(f));
    }

    @Test
    void aTamperedLogIsRefusedInOneSentence(@TempDir Path tmp) throws Exception {
        BattleFile.Battle b = ReplayModelTest.battle(77);
        Map<String, Object> o = BattleFile.toJson(b);
        byte[] log = b.log().toBytes();
        log[log.length - 30] ^= 1; // inside the last turn's recorded result
        o.put("log", "0x" + Hex.of(log));
        Path f = tmp.resolve("t.json");
        Files.writeString(f, Json.pretty(o));
        ClientError e = assertThrows(ClientError.class, () -> BattleFile.open(f));
        String s = ClientError.sentence(e);
        assertTrue(s.startsWith(f.toString()), s);
        assertFalse(s.contains("\n"), s);
        Files.writeString(f, "{not json");
        assertThrows(ClientError.class, () -> BattleFile.open(f));
        assertThrows(ClientError.class, () -> BattleFile.open(tmp.resolve("missing.json")));
    }
}
