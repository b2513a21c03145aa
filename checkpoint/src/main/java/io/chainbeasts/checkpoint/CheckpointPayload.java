package io.chainbeasts.checkpoint;

import io.chainbeasts.core.CanonicalReader;
import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

import static io.chainbeasts.checkpoint.PayloadLayout.*;

/**
 * One checkpoint payload (layout version 1, see {@link PayloadLayout}): what a trainer commits on
 * chain after each window. Unsigned on-chain types are held in Java types wide enough or as bit
 * patterns: {@code chainId} and {@code energyBurn} are uint64 bit patterns in a {@code long}
 * (use {@link Long#toUnsignedString}); {@code windowIndex} and {@code globalStep} are uint32 values
 * in a {@code long} (0..2^32-1); {@code activeMask} is a uint32 bit pattern in an {@code int}.
 *
 * <p>The constructor validates every field (a one-line {@link IllegalArgumentException} naming
 * the field); {@link #decode} validates the bytes (a one-line {@link DecodeException} naming the
 * field and its byte offset).
 */
public record CheckpointPayload(
        int version,
        long chainId,
        byte[] ledger,
        BigInteger beastId,
        long windowIndex,
        byte[] prevCheckpointHash,
        long globalStep,
        long energyBurn,
        int activeMask,
        int lrShift,
        byte[] h128,
        byte[] lineageHash,
        boolean lossDrop) {

    private static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    private static final long UINT32_MAX = 0xFFFF_FFFFL;
    private static final byte[] ZERO32 = new byte[32];

    public CheckpointPayload {
        if (version != VERSION) bad("version", VERSION_OFFSET, "must be " + VERSION + ", got " + version);
        Objects.requireNonNull(ledger, "ledger");
        if (ledger.length != LEDGER_SIZE) bad("ledger", LEDGER_OFFSET, "must be 20 bytes, got " + ledger.length);
        Objects.requireNonNull(beastId, "beastId");
        if (beastId.signum() < 0 || beastId.compareTo(UINT256_MAX) > 0) {
            bad("beastId", BEAST_ID_OFFSET, "must be a uint256, got " + beastId);
        }
        if (windowIndex < 0 || windowIndex > UINT32_MAX) bad("windowIndex", WINDOW_INDEX_OFFSET, "must be a uint32, got " + windowIndex);
        check32(prevCheckpointHash, "prevCheckpointHash", PREV_HASH_OFFSET);
        checkPrevBinding(windowIndex, prevCheckpointHash);
        if (globalStep < 0 || globalStep > UINT32_MAX) bad("globalStep", GLOBAL_STEP_OFFSET, "must be a uint32 (wrap with globalStepOf), got " + globalStep);
        if (lrShift < 0 || lrShift > MAX_LR_SHIFT) bad("lrShift", LR_SHIFT_OFFSET, "must be 0.." + MAX_LR_SHIFT + ", got " + lrShift);
        check32(h128, "h128", H128_OFFSET);
        check32(lineageHash, "lineageHash", LINEAGE_HASH_OFFSET);
        ledger = ledger.clone();
        prevCheckpointHash = prevCheckpointHash.clone();
        h128 = h128.clone();
        lineageHash = lineageHash.clone();
    }

    /** The uint32 globalStep field for a total micro-step count: the low 32 bits (it wraps at 2^32). */
    public static long globalStepOf(long totalMicroSteps) {
        return totalMicroSteps & UINT32_MAX;
    }

    private static void check32(byte[] v, String field, int offset) {
        Objects.requireNonNull(v, field);
        if (v.length != 32) bad(field, offset, "must be 32 bytes, got " + v.length);
    }

    private static void checkPrevBinding(long windowIndex, byte[] prev) {
        boolean zero = Arrays.equals(prev, ZERO32);
        if (windowIndex == 0 && !zero) bad("prevCheckpointHash", PREV_HASH_OFFSET, "must be bytes32(0) for window 0");
        if (windowIndex != 0 && zero) bad("prevCheckpointHash", PREV_HASH_OFFSET, "must not be bytes32(0) for window " + windowIndex);
    }

    private static void bad(String field, int offset, String what) {
        throw new IllegalArgumentException("checkpoint payload: field '" + field + "' at byte " + offset + " " + what);
    }

    /** The 179 payload bytes. */
    public byte[] encode() {
        CanonicalWriter w = new CanonicalWriter(LENGTH);
        w.u8(version).i64(chainId).bytes(ledger).bytes32(uint256(beastId)).i32((int) windowIndex)
                .bytes32(prevCheckpointHash).i32((int) globalStep).i64(energyBurn).i32(activeMask).u8(lrShift)
                .bytes32(h128).bytes32(lineageHash).u8(lossDrop ? 1 : 0);
        if (w.length() != LENGTH) throw new IllegalStateException("payload encoded to " + w.length() + " bytes, layout says " + LENGTH);
        return w.toByteArray();
    }

    /** The checkpoint hash: Keccak-256 of {@link #encode()}. */
    public byte[] hash() {
        return Keccak256.hash(encode());
    }

    /**
     * Decodes and validates payload bytes. Rejects (one line, naming field and byte offset): a
     * length other than 179, a version other than 1, lrShift above 31, lossDrop above 1, and a
     * prevCheckpointHash that is non-zero for window 0 or zero for a later window.
     */
    public static CheckpointPayload decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "payload bytes");
        if (bytes.length != LENGTH) {
            throw new DecodeException("checkpoint payload: field 'length' must be " + LENGTH + " bytes, got " + bytes.length);
        }
        CanonicalReader r = new CanonicalReader(bytes);
        int version = r.u8("version");
        if (version != VERSION) throw decodeError("version", VERSION_OFFSET, "must be " + VERSION + ", got " + version);
        long chainId = r.i64("chainId");
        byte[] ledger = r.bytes(LEDGER_SIZE, "ledger");
        BigInteger beastId = new BigInteger(1, r.bytes(BEAST_ID_SIZE, "beastId"));
        long windowIndex = r.i32("windowIndex") & UINT32_MAX;
        byte[] prev = r.bytes(PREV_HASH_SIZE, "prevCheckpointHash");
        long globalStep = r.i32("globalStep") & UINT32_MAX;
        long energyBurn = r.i64("energyBurn");
        int activeMask = r.i32("activeMask");
        int lrShift = r.u8("lrShift");
        if (lrShift > MAX_LR_SHIFT) throw decodeError("lrShift", LR_SHIFT_OFFSET, "must be 0.." + MAX_LR_SHIFT + ", got " + lrShift);
        byte[] h128 = r.bytes(H128_SIZE, "h128");
        byte[] lineage = r.bytes(LINEAGE_HASH_SIZE, "lineageHash");
        int lossDrop = r.u8("lossDrop");
        if (lossDrop > 1) throw decodeError("lossDrop", LOSS_DROP_OFFSET, "must be 0 or 1, got " + lossDrop);
        r.end("checkpoint payload");
        try {
            return new CheckpointPayload(version, chainId, ledger, beastId, windowIndex, prev, globalStep, energyBurn,
                    activeMask, lrShift, h128, lineage, lossDrop == 1);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(e.getMessage());
        }
    }

    private static DecodeException decodeError(String field, int offset, String what) {
        return new DecodeException("checkpoint payload: field '" + field + "' at byte " + offset + " " + what);
    }

    /** Big-endian 32 bytes of a uint256. */
    static byte[] uint256(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    /** The payload of the next window: same binding, window + 1, previous hash = this payload's hash. */
    public CheckpointPayload next(long newGlobalStep, long newEnergyBurn, int newActiveMask, int newLrShift,
                                  byte[] newH128, byte[] newLineageHash, boolean newLossDrop) {
        return new CheckpointPayload(version, chainId, ledger, beastId, windowIndex + 1, hash(), newGlobalStep,
                newEnergyBurn, newActiveMask, newLrShift, newH128, newLineageHash, newLossDrop);
    }

    @Override
    public byte[] ledger() {
        return ledger.clone();
    }

    @Override
    public byte[] prevCheckpointHash() {
        return prevCheckpointHash.clone();
    }

    @Override
    public byte[] h128() {
        return h128.clone();
    }

    @Override
    public byte[] lineageHash() {
        return lineageHash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CheckpointPayload p && Arrays.equals(encode(), p.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "CheckpointPayload{version=" + version + ", chainId=" + Long.toUnsignedString(chainId)
                + ", ledger=0x" + Hex.of(ledger) + ", beastId=" + beastId + ", windowIndex=" + windowIndex
                + ", prevCheckpointHash=0x" + Hex.of(prevCheckpointHash) + ", globalStep=" + globalStep
                + ", energyBurn=" + Long.toUnsignedString(energyBurn) + ", activeMask=0x" + Integer.toHexString(activeMask)
                + ", lrShift=" + lrShift + ", h128=0x" + Hex.of(h128) + ", lineageHash=0x" + Hex.of(lineageHash)
                + ", lossDrop=" + lossDrop + "}";
    }
}
