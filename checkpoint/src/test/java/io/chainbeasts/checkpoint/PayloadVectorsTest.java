package io.chainbeasts.checkpoint;

import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.core.Vectors;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Reads spec/vectors/checkpoint/payload.json: every valid case round-trips and hashes; every malformed one is refused. */
class PayloadVectorsTest {
    static Map<String, Object> load() throws IOException {
        return Json.obj(Json.parse(Files.readString(Vectors.path(PayloadVectorGenerator.FILE), StandardCharsets.UTF_8)), "payload.json");
    }

    static CheckpointPayload fromFields(Map<String, Object> f) {
        return new CheckpointPayload(
                Integer.parseInt(Json.str(f, "version")),
                Long.parseUnsignedLong(Json.str(f, "chainId")),
                Hex.parse(Json.str(f, "ledger")),
                new BigInteger(Json.str(f, "beastId")),
                Long.parseLong(Json.str(f, "windowIndex")),
                Hex.parse(Json.str(f, "prevCheckpointHash")),
                Long.parseLong(Json.str(f, "globalStep")),
                Long.parseUnsignedLong(Json.str(f, "energyBurn")),
                Integer.parseUnsignedInt(Json.str(f, "activeMask")),
                Integer.parseInt(Json.str(f, "lrShift")),
                Hex.parse(Json.str(f, "h128")),
                Hex.parse(Json.str(f, "lineageHash")),
                Json.str(f, "lossDrop").equals("1"));
    }

    /** An independent encoder (java.nio, big-endian) of the documented layout, to cross-check CanonicalWriter use. */
    static byte[] independentEncode(Map<String, Object> f) {
        ByteBuffer b = ByteBuffer.allocate(179);
        b.put((byte) Integer.parseInt(Json.str(f, "version")));
        b.putLong(Long.parseUnsignedLong(Json.str(f, "chainId")));
        b.put(Hex.parse(Json.str(f, "ledger")));
        byte[] beast = new BigInteger(Json.str(f, "beastId")).toByteArray();
        byte[] beast32 = new byte[32];
        int n = Math.min(32, beast.length);
        System.arraycopy(beast, beast.length - n, beast32, 32 - n, n);
        b.put(beast32);
        b.putInt((int) Long.parseLong(Json.str(f, "windowIndex")));
        b.put(Hex.parse(Json.str(f, "prevCheckpointHash")));
        b.putInt((int) Long.parseLong(Json.str(f, "globalStep")));
        b.putLong(Long.parseUnsignedLong(Json.str(f, "energyBurn")));
        b.putInt(Integer.parseUnsignedInt(Json.str(f, "activeMask")));
        b.put((byte) Integer.parseInt(Json.str(f, "lrShift")));
        b.put(Hex.parse(Json.str(f, "h128")));
        b.put(Hex.parse(Json.str(f, "lineageHash")));
        b.put((byte) Integer.parseInt(Json.str(f, "lossDrop")));
        assertEquals(0, b.remaining());
        return b.array();
    }

    @Test
    void committedFileMatchesGenerator() throws IOException {
        String committed = Files.readString(Vectors.path(PayloadVectorGenerator.FILE), StandardCharsets.UTF_8);
        assertEquals(PayloadVectorGenerator.generate(), committed,
                "spec/vectors/checkpoint/payload.json is stale: run PayloadVectorGenerator.main");
    }

    @Test
    void layoutSectionMatchesDescriptor() throws IOException {
        Map<String, Object> root = load();
        assertEquals(179L, Json.num(root, "length"));
        List<Object> layout = Json.arr(root.get("layout"), "layout");
        assertEquals(PayloadLayout.FIELD_NAMES.length, layout.size());
        int expectedOffset = 0;
        for (int i = 0; i < layout.size(); i++) {
            Map<String, Object> f = Json.obj(layout.get(i), "layout[" + i + "]");
            assertEquals(PayloadLayout.FIELD_NAMES[i], Json.str(f, "field"));
            assertEquals(expectedOffset, Json.num(f, "offset"), "offset of " + PayloadLayout.FIELD_NAMES[i]);
            expectedOffset += (int) Json.num(f, "size");
        }
        assertEquals(179, expectedOffset);
    }

    @Test
    void validCasesEncodeDecodeAndHash() throws IOException {
        List<Object> valid = Json.arr(load().get("valid"), "valid");
        assertTrue(valid.size() >= 20, "at least 20 valid cases, got " + valid.size());
        for (Object o : valid) {
            Map<String, Object> v = Json.obj(o, "valid case");
            String name = Json.str(v, "name");
            Map<String, Object> f = Json.obj(v.get("fields"), name);
            byte[] payload = Hex.parse(Json.str(v, "payload"));
            byte[] hash = Hex.parse(Json.str(v, "hash"));
            CheckpointPayload p = fromFields(f);
            assertEquals(Hex.of(payload), Hex.of(p.encode()), name + ": encode");
            assertEquals(Hex.of(payload), Hex.of(independentEncode(f)), name + ": independent encoder");
            assertEquals(p, CheckpointPayload.decode(payload), name + ": decode");
            assertEquals(Hex.of(hash), Hex.of(p.hash()), name + ": hash");
            assertEquals(Hex.of(hash), Hex.of(Keccak256.hash(payload)), name + ": keccak(payload)");
        }
    }

    @Test
    void chainCasesLinkByHash() throws IOException {
        List<Object> valid = Json.arr(load().get("valid"), "valid");
        CheckpointChain chain = null;
        int linked = 0;
        for (Object o : valid) {
            Map<String, Object> v = Json.obj(o, "valid case");
            if (!Json.str(v, "name").startsWith("chain window")) continue;
            CheckpointPayload p = CheckpointPayload.decode(Hex.parse(Json.str(v, "payload")));
            if (chain == null) chain = new CheckpointChain(p.chainId(), p.ledger(), p.beastId());
            assertEquals(Json.str(v, "hash"), "0x" + Hex.of(chain.append(p)));
            linked++;
        }
        assertEquals(5, linked);
    }

    @Test
    void malformedCasesAreRejectedNamingTheField() throws IOException {
        List<Object> bad = Json.arr(load().get("malformed"), "malformed");
        assertTrue(bad.size() >= 8, "at least 8 malformed cases, got " + bad.size());
        for (Object o : bad) {
            Map<String, Object> v = Json.obj(o, "malformed case");
            String name = Json.str(v, "name");
            byte[] payload = Hex.parse(Json.str(v, "payload"));
            DecodeException e = assertThrows(DecodeException.class, () -> CheckpointPayload.decode(payload), name);
            String msg = e.getMessage();
            assertFalse(msg.contains("\n"), name + ": one-line message");
            assertTrue(msg.contains("'" + Json.str(v, "error") + "'"), name + ": message names the field: " + msg);
            if (v.containsKey("offset")) {
                assertTrue(msg.contains("at byte " + Json.num(v, "offset")), name + ": message names the offset: " + msg);
            }
        }
    }
}
