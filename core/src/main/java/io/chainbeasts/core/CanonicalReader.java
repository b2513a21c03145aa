package io.chainbeasts.core;

/**
 * Reads a canonical big-endian encoding field by field. Every read names the field, so a short
 * or malformed input fails with a message like {@code "truncated at byte 12 reading 'hp'"}.
 */
public final class CanonicalReader {
    private final byte[] buf;
    private int pos;

    public CanonicalReader(byte[] buf) {
        this.buf = buf;
    }

    private void need(int n, String field) {
        if (pos + n > buf.length) {
            throw new DecodeException("truncated at byte " + pos + " reading '" + field + "' (" + n
                    + " bytes needed, " + (buf.length - pos) + " left)");
        }
    }

    public int u8(String field) {
        need(1, field);
        return buf[pos++] & 0xFF;
    }

    public boolean bool(String field) {
        int v = u8(field);
        if (v > 1) throw new DecodeException("field '" + field + "' at byte " + (pos - 1) + " must be 0 or 1, got " + v);
        return v == 1;
    }

    public int u16(String field) {
        need(2, field);
        int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    public int i32(String field) {
        need(4, field);
        int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    public long i64(String field) {
        need(8, field);
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (buf[pos + i] & 0xFFL);
        pos += 8;
        return v;
    }

    public byte[] bytes(int n, String field) {
        need(n, field);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return buf.length - pos;
    }

    /** Fails if bytes are left over: canonical encodings have exactly one length. */
    public void end(String what) {
        if (pos != buf.length) {
            throw new DecodeException(what + ": " + (buf.length - pos) + " trailing bytes after byte " + pos);
        }
    }
}
