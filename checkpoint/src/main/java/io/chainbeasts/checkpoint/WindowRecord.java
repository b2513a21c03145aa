package io.chainbeasts.checkpoint;

import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.engine.Window;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the store keeps of one window: its index, the state hashes before and after, the exact
 * context bytes it read, the checkpoint payload bytes and hash, optionally the step digests D_1..D_128
 * ({@link StepDigest} v2, 128 x 32 bytes, D_1 first) it claims, and training metrics (integers:
 * per-head loss sums in Q16, accuracy counts). Everything a validator needs to replay the window
 * from the pre-state and to check the payload against it. Training no longer computes the digests (a
 * dispute asks for them and they are replayed on demand), so a fresh record claims none (empty); a record that
 * does claim them is checked digest by digest against the replay by the verifier.
 *
 * <p>File form ({@code windows/NNNNNNNN.json}, a {@link ChecksummedJson}): fields {@code window,
 * preStateHash, postStateHash, context, payload, checkpointHash, stepDigests, metrics, checksum};
 * byte fields are lower-case hex without 0x.
 */
public record WindowRecord(long index, byte[] preStateHash, byte[] postStateHash, byte[] context, byte[] payload,
                           byte[] checkpointHash, byte[] stepDigests, Map<String, Object> metrics) {

    public static final int STEP_DIGESTS_SIZE = Window.STEPS * StepDigest.SIZE;

    public WindowRecord {
        if (index < 0) throw new IllegalArgumentException("field 'window' = " + index + " is negative");
        need32(preStateHash, "preStateHash");
        need32(postStateHash, "postStateHash");
        need32(checkpointHash, "checkpointHash");
        if (stepDigests.length != STEP_DIGESTS_SIZE && stepDigests.length != 0) {
            throw new IllegalArgumentException("field 'stepDigests' has " + stepDigests.length + " bytes, expected " + STEP_DIGESTS_SIZE + " or none");
        }
        preStateHash = preStateHash.clone();
        postStateHash = postStateHash.clone();
        context = context.clone();
        payload = payload.clone();
        checkpointHash = checkpointHash.clone();
        stepDigests = stepDigests.clone();
        metrics = new LinkedHashMap<>(metrics);
    }

    private static void need32(byte[] b, String field) {
        if (b.length != 32) throw new IllegalArgumentException("field '" + field + "' has " + b.length + " bytes, expected 32");
    }

    public CheckpointPayload decodedPayload() {
        return CheckpointPayload.decode(payload);
    }

    /** Whether this record claims the window's step digests. */
    public boolean claimsStepDigests() {
        return stepDigests.length != 0;
    }

    /** The digest D_{step+1} claimed after micro-step {@code step} (0..127) of this window (a record that claims them). */
    public byte[] stepDigest(int step) {
        return Arrays.copyOfRange(stepDigests, step * StepDigest.SIZE, (step + 1) * StepDigest.SIZE);
    }

    /** The metric as a long; a one-line error naming it if absent or not an integer. */
    public long metric(String name) {
        return Json.num(metrics, name);
    }

    @Override
    public byte[] preStateHash() {
        return preStateHash.clone();
    }

    @Override
    public byte[] postStateHash() {
        return postStateHash.clone();
    }

    @Override
    public byte[] context() {
        return context.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public byte[] checkpointHash() {
        return checkpointHash.clone();
    }

    @Override
    public byte[] stepDigests() {
        return stepDigests.clone();
    }

    @Override
    public Map<String, Object> metrics() {
        return new LinkedHashMap<>(metrics);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("window", index);
        m.put("preStateHash", Hex.of(preStateHash));
        m.put("postStateHash", Hex.of(postStateHash));
        m.put("context", Hex.of(context));
        m.put("payload", Hex.of(payload));
        m.put("checkpointHash", Hex.of(checkpointHash));
        m.put("stepDigests", Hex.of(stepDigests));
        m.put("metrics", metrics);
        return m;
    }

    /**
     * Parses and checks a record read from {@code source} (a file, or a segment's entry): every field present and well-formed, the
     * payload decodes, and {@code checkpointHash == keccak256(payload)}. One-line errors naming the
     * file and the field.
     */
    static WindowRecord fromJson(String file, Map<String, Object> m) {
        WindowRecord r;
        try {
            r = new WindowRecord(Json.num(m, "window"), hex(m, "preStateHash"), hex(m, "postStateHash"), hex(m, "context"),
                    hex(m, "payload"), hex(m, "checkpointHash"), hex(m, "stepDigests"), Json.obj(m.get("metrics"), "metrics"));
        } catch (IllegalArgumentException e) {
            throw new StoreException(file + ": " + e.getMessage());
        }
        try {
            r.decodedPayload();
        } catch (DecodeException | IllegalArgumentException e) {
            throw new StoreException(file + ": field 'payload': " + e.getMessage());
        }
        if (!Arrays.equals(Keccak256.hash(r.payload), r.checkpointHash)) {
            throw new StoreException(file + ": field 'checkpointHash' 0x" + Hex.of(r.checkpointHash)
                    + " is not keccak256(payload) 0x" + Hex.of(Keccak256.hash(r.payload)));
        }
        return r;
    }

    private static byte[] hex(Map<String, Object> m, String field) {
        String v = Json.str(m, field);
        try {
            return Hex.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + field + "': " + e.getMessage());
        }
    }

    /** The first field that differs from another record, for error messages. */
    public String diff(WindowRecord o) {
        if (index != o.index) return "window";
        if (!Arrays.equals(preStateHash, o.preStateHash)) return "preStateHash";
        if (!Arrays.equals(postStateHash, o.postStateHash)) return "postStateHash";
        if (!Arrays.equals(context, o.context)) return "context";
        if (!Arrays.equals(payload, o.payload)) return "payload";
        if (!Arrays.equals(checkpointHash, o.checkpointHash)) return "checkpointHash";
        if (!Arrays.equals(stepDigests, o.stepDigests)) return "stepDigests";
        if (!Json.write(metrics).equals(Json.write(o.metrics))) return "metrics";
        return "nothing";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowRecord r && diff(r).equals("nothing");
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(checkpointHash);
    }

    @Override
    public String toString() {
        return "WindowRecord[window " + index + ", checkpoint 0x" + Hex.of(checkpointHash) + "]";
    }
}
