package io.chainbeasts.contracts;

import io.chainbeasts.contracts.generated.CheckpointLedger;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.core.Vectors;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The Solidity side reads spec/vectors/checkpoint/payload.json: same hashes from typed fields, same parse, same rejections. */
class PayloadVectorsOnChainTest extends ChainTestBase {
    static final Map<String, String> ERROR_FOR_TOKEN = Map.of("length", "BadPayloadLength", "version", "BadVersion",
            "lrShift", "BadLrShift", "lossDrop", "BadLossDrop", "prevCheckpointHash", "BadPrevCheckpointHash");

    Map<String, Object> vectors() throws Exception {
        return Json.obj(Json.parse(Files.readString(Vectors.path("checkpoint/payload.json"), StandardCharsets.UTF_8)), "payload.json");
    }

    static CheckpointLedger.Payload struct(Map<String, Object> f) {
        return new CheckpointLedger.Payload(new BigInteger(Json.str(f, "version")), new BigInteger(Json.str(f, "chainId")),
                Json.str(f, "ledger"), new BigInteger(Json.str(f, "beastId")), new BigInteger(Json.str(f, "windowIndex")),
                Hex.parse(Json.str(f, "prevCheckpointHash")), new BigInteger(Json.str(f, "globalStep")),
                new BigInteger(Json.str(f, "energyBurn")), new BigInteger(Json.str(f, "activeMask")), new BigInteger(Json.str(f, "lrShift")),
                Hex.parse(Json.str(f, "h128")), Hex.parse(Json.str(f, "lineageHash")), new BigInteger(Json.str(f, "lossDrop")));
    }

    @Test
    void solidityHashOfTypedFieldsEqualsEveryGoldenHash() throws Exception {
        List<Object> valid = Json.arr(vectors().get("valid"), "valid");
        assertTrue(valid.size() >= 20);
        for (Object o : valid) {
            Map<String, Object> v = Json.obj(o, "case");
            Map<String, Object> f = Json.obj(v.get("fields"), "fields");
            String name = Json.str(v, "name");
            assertEquals(Json.str(v, "hash"), "0x" + Hex.of(d.ledger.hashFields(struct(f)).send()), name + ": keccak256(abi.encodePacked(fields))");
            assertEquals(Json.str(v, "payload"), "0x" + Hex.of(d.ledger.encodeFields(struct(f)).send()), name + ": abi.encodePacked bytes");
            CheckpointLedger.Payload parsed = d.ledger.parsePayload(Hex.parse(Json.str(v, "payload"))).send();
            CheckpointLedger.Payload expected = struct(f);
            assertEquals(expected.chainId, parsed.chainId, name);
            assertEquals(expected.ledger.toLowerCase(), parsed.ledger.toLowerCase(), name);
            assertEquals(expected.beastId, parsed.beastId, name);
            assertEquals(expected.windowIndex, parsed.windowIndex, name);
            assertArrayEquals(expected.prevCheckpointHash, parsed.prevCheckpointHash, name);
            assertEquals(expected.globalStep, parsed.globalStep, name);
            assertEquals(expected.energyBurn, parsed.energyBurn, name);
            assertEquals(expected.activeMask, parsed.activeMask, name);
            assertEquals(expected.lrShift, parsed.lrShift, name);
            assertArrayEquals(expected.h128, parsed.h128, name);
            assertArrayEquals(expected.lineageHash, parsed.lineageHash, name);
            assertEquals(expected.lossDrop, parsed.lossDrop, name);
        }
    }

    @Test
    void solidityRejectsEveryMalformedPayloadWithTheMatchingError() throws Exception {
        List<Object> bad = Json.arr(vectors().get("malformed"), "malformed");
        assertTrue(bad.size() >= 8);
        for (Object o : bad) {
            Map<String, Object> v = Json.obj(o, "case");
            String expected = ERROR_FOR_TOKEN.get(Json.str(v, "error"));
            assertNotNull(expected, "no Solidity error for token " + v.get("error"));
            byte[] payload = Hex.parse(Json.str(v, "payload"));
            ContractRevertException e = assertThrows(ContractRevertException.class,
                    () -> c.call(gov.getAddress(), d.ledger, d.ledger.parsePayload(payload)), Json.str(v, "name"));
            assertEquals(expected, e.error(), Json.str(v, "name") + ": " + e.getMessage());
        }
    }
}
