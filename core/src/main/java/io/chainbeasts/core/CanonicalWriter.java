package io.chainbeasts.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Builds the canonical byte encoding of anything that gets hashed: fixed-width, big-endian,
 * no padding, no lengths unless a layout says so (the same bytes as Solidity's
 * {@code abi.encodePacked} of the corresponding uintN/intN/bytesN values).
 */
public final class CanonicalWriter {
    /** Big-endian int stores into a byte array (one JIT intrinsic per int, not four byte stores). */
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf;
    private int len;

    public CanonicalWriter() {
        this(64);
    }

    public CanonicalWriter(int capacity) {
        buf = new byte[Math.max(capacity, 8)];
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    public CanonicalWriter u8(int v) {
        assert v >= 0 && v <= 0xFF : "u8 out of range: " + v;
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    public CanonicalWriter bool(boolean v) {
        return u8(v ? 1 : 0);
    }

    public CanonicalWriter u16(int v) {
        assert v >= 0 && v <= 0xFFFF : "u16 out of range: " + v;
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    /** A signed or unsigned 32-bit value: the low 32 bits, big-endian. */
    public CanonicalWriter i32(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    /** Every value of {@code v} as {@link #i32}, in order (a beast state's 13,000 weights). */
    public CanonicalWriter i32s(int[] v) {
        ensure(4 * v.length);
        for (int x : v) {
            INT_BE.set(buf, len, x);
            len += 4;
        }
        return this;
    }

    /** A signed or unsigned 64-bit value, big-endian. */
    public CanonicalWriter i64(long v) {
        ensure(8);
        for (int s = 56; s >= 0; s -= 8) buf[len++] = (byte) (v >>> s);
        return this;
    }

    public CanonicalWriter bytes(byte[] v) {
        ensure(v.length);
        System.arraycopy(v, 0, buf, len, v.length);
        len += v.length;
        return this;
    }

    /** Exactly 32 bytes (a hash); anything else is a programming error. */
    public CanonicalWriter bytes32(byte[] v) {
        if (v.length != 32) throw new IllegalArgumentException("bytes32 needs 32 bytes, got " + v.length);
        return bytes(v);
    }

    public int length() {
        return len;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    /** Keccak-256 of the bytes written so far. */
    public byte[] keccak() {
        return new Keccak256().update(buf, 0, len).digest();
    }
}
