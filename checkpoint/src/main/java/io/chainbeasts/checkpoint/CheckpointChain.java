package io.chainbeasts.checkpoint;

import io.chainbeasts.core.Hex;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * The hash chain of one beast's checkpoints, with the same binding rules the on-chain
 * {@code CheckpointLedger} enforces: same chain id, ledger and beast; window index = previous + 1
 * (0 first); prevCheckpointHash = the current head; globalStep strictly increasing in uint32
 * serial-number arithmetic (the wrapped difference is in 1..2^31-1, so it survives the wrap at
 * 2^32). {@link #root()} is {@code checkpoint_root}: the latest checkpoint hash, bytes32(0) before any.
 */
public final class CheckpointChain {
    private final long chainId;
    private final byte[] ledger;
    private final BigInteger beastId;
    private byte[] head = new byte[32];
    private long nextWindow;
    private long lastGlobalStep; // 0 before the first window, as on chain

    public CheckpointChain(long chainId, byte[] ledger, BigInteger beastId) {
        this.chainId = chainId;
        this.ledger = Objects.requireNonNull(ledger, "ledger").clone();
        this.beastId = Objects.requireNonNull(beastId, "beastId");
    }

    /** checkpoint_root: the latest checkpoint hash, or 32 zero bytes before the first checkpoint. */
    public byte[] root() {
        return head.clone();
    }

    /** Number of checkpoints appended so far (= the next window index). */
    public long length() {
        return nextWindow;
    }

    /** True when {@code next} is a strictly later uint32 globalStep than {@code prev} (serial arithmetic). */
    public static boolean stepAdvances(long prev, long next) {
        long d = (next - prev) & 0xFFFF_FFFFL;
        return d != 0 && d < 0x8000_0000L;
    }

    /** Checks the binding and appends; returns the new root. Throws a one-line error naming the field. */
    public byte[] append(CheckpointPayload p) {
        if (p.chainId() != chainId) reject("chainId", "is " + Long.toUnsignedString(p.chainId()) + ", chain is " + Long.toUnsignedString(chainId));
        if (!Arrays.equals(p.ledger(), ledger)) reject("ledger", "is 0x" + Hex.of(p.ledger()) + ", chain is 0x" + Hex.of(ledger));
        if (!p.beastId().equals(beastId)) reject("beastId", "is " + p.beastId() + ", chain is " + beastId);
        if (p.windowIndex() != nextWindow) reject("windowIndex", "is " + p.windowIndex() + ", expected " + nextWindow);
        if (!Arrays.equals(p.prevCheckpointHash(), head)) reject("prevCheckpointHash", "is 0x" + Hex.of(p.prevCheckpointHash()) + ", head is 0x" + Hex.of(head));
        if (!stepAdvances(lastGlobalStep, p.globalStep())) {
            reject("globalStep", p.globalStep() + " does not advance past " + lastGlobalStep);
        }
        head = p.hash();
        nextWindow++;
        lastGlobalStep = p.globalStep();
        return root();
    }

    private static void reject(String field, String what) {
        throw new IllegalArgumentException("checkpoint chain: field '" + field + "' " + what);
    }
}
