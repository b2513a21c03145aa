package io.chainbeasts.checkpoint;

import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the store keeps of one window: its index, the state hashes before and after, the exact
 * context bytes it read, the checkpoint payload bytes and hash, and training metrics (integers:
 * per-head loss sums in Q16, accuracy counts). Everything a validator needs to replay the window
 * from the pre-state, and to check the payload against it.
 */
public record WindowRecord(long index, byte[] preStateHash, byte[] postStateHash, byte[] context, byte[] payload,
                           byte[] checkpointHash, Map<String, Object> metrics) {

    public CheckpointPayload decodedPayload() {
        return CheckpointPayload.decode(payload);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("window", index);
        m.put("preStateHash", Hex.of(preStateHash));
        m.put("postStateHash", Hex.of(postStateHash));
        m.put("context", Hex.of(context));
        m.put("payload", Hex.of(payload));
        m.put("checkpointHash", Hex.of(checkpointHash));
        m.put("metrics", metrics);
        return m;
    }

    static WindowRecord fromJson(Path file, Map<String, Object> m) {
        try {
            return new WindowRecord(Json.num(m, "window"), Hex.parse(Json.str(m, "preStateHash")), Hex.parse(Json.str(m, "postStateHash")),
                    Hex.parse(Json.str(m, "context")), Hex.parse(Json.str(m, "payload")), Hex.parse(Json.str(m, "checkpointHash")),
                    Json.obj(m.get("metrics"), "metrics"));
        } catch (IllegalArgumentException e) {
            throw new StoreException(file + ": " + e.getMessage());
        }
    }

    /** The first field that differs from another record, for error messages. */
    String diff(WindowRecord o) {
        if (index != o.index) return "window";
        if (!Arrays.equals(preStateHash, o.preStateHash)) return "preStateHash";
        if (!Arrays.equals(postStateHash, o.postStateHash)) return "postStateHash";
        if (!Arrays.equals(context, o.context)) return "context";
        if (!Arrays.equals(payload, o.payload)) return "payload";
        if (!Arrays.equals(checkpointHash, o.checkpointHash)) return "checkpointHash";
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
}
