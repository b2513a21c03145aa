package io.chainbeasts.checkpoint;

import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.core.SplitMix64;
import io.chainbeasts.core.Vectors;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates {@code spec/vectors/checkpoint/payload.json}, deterministically (SplitMix64 seeds).
 * Run {@code main} to rewrite the file; {@link PayloadVectorsTest} fails if the committed file and
 * this generator disagree. All integers are decimal strings (uint64/uint256 do not fit JSON's
 * signed 64-bit numbers); byte fields are 0x-prefixed lower-case hex.
 */
public final class PayloadVectorGenerator {
    private PayloadVectorGenerator() {}

    public static final String FILE = "checkpoint/payload.json";
    static final long U64_MAX = -1L;
    static final BigInteger U256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    public static void main(String[] args) throws IOException {
        Path out = Vectors.path(FILE);
        Files.createDirectories(out.getParent());
        Files.writeString(out, generate(), StandardCharsets.UTF_8);
        System.out.println("wrote " + out);
    }

    static byte[] fill(int n, int b) {
        byte[] x = new byte[n];
        Arrays.fill(x, (byte) b);
        return x;
    }

    static byte[] rnd(SplitMix64 r, int n) {
        byte[] x = new byte[n];
        for (int i = 0; i < n; i++) x[i] = (byte) r.next();
        return x;
    }

    static byte[] k(String s) {
        return Keccak256.hash(s.getBytes(StandardCharsets.UTF_8));
    }

    static CheckpointPayload p(long chainId, byte[] ledger, BigInteger beast, long window, byte[] prev, long step,
                               long burn, int mask, int lr, byte[] h128, byte[] lineage, boolean drop) {
        return new CheckpointPayload(1, chainId, ledger, beast, window, prev, step, burn, mask, lr, h128, lineage, drop);
    }

    static final byte[] ANVIL_LEDGER = Hex.parse("0x5fbdb2315678afecb367f032d93f642f64180aa3");

    static List<Object[]> validCases() {
        List<Object[]> cases = new ArrayList<>();
        byte[] z = new byte[32];
        byte[] h = k("state-after-window");
        byte[] lin = k("lineage");
        cases.add(new Object[] {"minimal window 0", p(1, new byte[20], BigInteger.ZERO, 0, z, 128, 0, 0, 0, z, z, false)});
        cases.add(new Object[] {"anvil chain, typical window 0", p(31337, ANVIL_LEDGER, BigInteger.ONE, 0, z, 128, 1000, 0x0000FFFF, 4, h, lin, false)});
        cases.add(new Object[] {"max uint64 chainId", p(U64_MAX, ANVIL_LEDGER, BigInteger.TWO, 0, z, 128, 5, 1, 3, h, lin, false)});
        cases.add(new Object[] {"max uint64 energyBurn", p(31337, ANVIL_LEDGER, BigInteger.ONE, 1, k("prev-1"), 256, U64_MAX, 3, 5, h, lin, false)});
        cases.add(new Object[] {"energyBurn sign bit (2^63)", p(31337, ANVIL_LEDGER, BigInteger.ONE, 2, k("prev-2"), 384, Long.MIN_VALUE, 3, 5, h, lin, true)});
        cases.add(new Object[] {"all-ones activeMask", p(31337, ANVIL_LEDGER, BigInteger.TEN, 7, k("prev-7"), 1024, 77, -1, 6, h, lin, false)});
        cases.add(new Object[] {"activeMask sign bit only", p(31337, ANVIL_LEDGER, BigInteger.TEN, 8, k("prev-8"), 1152, 77, 0x80000000, 6, h, lin, false)});
        long total = (1L << 32) + 64;
        cases.add(new Object[] {"wrapping globalStep (2^32 + 64 total steps -> 64)",
            p(31337, ANVIL_LEDGER, BigInteger.ONE, total / 128, k("prev-wrap"), CheckpointPayload.globalStepOf(total), 12, 0xFF, 4, h, lin, false)});
        cases.add(new Object[] {"globalStep 2^32-1 (last before wrap)", p(31337, ANVIL_LEDGER, BigInteger.ONE, 33554431, k("prev-max-step"), 0xFFFFFFFFL, 12, 0xFF, 4, h, lin, false)});
        cases.add(new Object[] {"max uint256 beastId", p(31337, ANVIL_LEDGER, U256_MAX, 0, z, 128, 9, 0xF0F0F0F0, 2, h, lin, false)});
        cases.add(new Object[] {"beastId 2^255 (top bit)", p(31337, ANVIL_LEDGER, BigInteger.ONE.shiftLeft(255), 0, z, 128, 9, 1, 2, h, lin, false)});
        cases.add(new Object[] {"max uint32 windowIndex", p(31337, ANVIL_LEDGER, BigInteger.ONE, 0xFFFFFFFFL, k("prev-max-window"), 0x7FFFFF80L, 1, 1, 1, h, lin, false)});
        cases.add(new Object[] {"lrShift 31 (max)", p(31337, ANVIL_LEDGER, BigInteger.ONE, 3, k("prev-3"), 512, 40, 0x3F, 31, h, lin, false)});
        cases.add(new Object[] {"lrShift 0", p(31337, ANVIL_LEDGER, BigInteger.ONE, 3, k("prev-3"), 512, 40, 0x3F, 0, h, lin, false)});
        cases.add(new Object[] {"lossDrop 1", p(31337, ANVIL_LEDGER, BigInteger.ONE, 4, k("prev-4"), 640, 40, 0x3F, 7, h, lin, true)});
        cases.add(new Object[] {"all-ones bytes fields", p(U64_MAX, fill(20, 0xFF), U256_MAX, 0xFFFFFFFFL, fill(32, 0xFF), 0xFFFFFFFFL, U64_MAX, -1, 31, fill(32, 0xFF), fill(32, 0xFF), true)});
        // A linked chain of 5 windows: each prevCheckpointHash is the previous case's hash.
        CheckpointPayload c = p(31337, ANVIL_LEDGER, BigInteger.valueOf(42), 0, z, 128, 100, 0xFF, 4, k("chain-h-0"), k("chain-l-0"), false);
        cases.add(new Object[] {"chain window 0", c});
        for (int w = 1; w < 5; w++) {
            c = c.next(128L * (w + 1), 100 + w, 0xFF >>> (w % 3), 4 + w, k("chain-h-" + w), k("chain-l-" + w), w % 2 == 0);
            cases.add(new Object[] {"chain window " + w, c});
        }
        SplitMix64 r = new SplitMix64(0xC0FFEE);
        for (int i = 0; i < 6; i++) {
            long window = r.next() & 0xFFFFFFFFL;
            byte[] prev = window == 0 ? z : rnd(r, 32);
            cases.add(new Object[] {"random #" + i, p(r.next(), rnd(r, 20), new BigInteger(1, rnd(r, 32)), window, prev,
                    r.next() & 0xFFFFFFFFL, r.next(), (int) r.next(), r.nextInt(32), rnd(r, 32), rnd(r, 32), (r.next() & 1) == 1)});
        }
        return cases;
    }

    static Map<String, Object> fields(CheckpointPayload p) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("version", Integer.toString(p.version()));
        f.put("chainId", Long.toUnsignedString(p.chainId()));
        f.put("ledger", "0x" + Hex.of(p.ledger()));
        f.put("beastId", p.beastId().toString());
        f.put("windowIndex", Long.toString(p.windowIndex()));
        f.put("prevCheckpointHash", "0x" + Hex.of(p.prevCheckpointHash()));
        f.put("globalStep", Long.toString(p.globalStep()));
        f.put("energyBurn", Long.toUnsignedString(p.energyBurn()));
        f.put("activeMask", Integer.toUnsignedString(p.activeMask()));
        f.put("lrShift", Integer.toString(p.lrShift()));
        f.put("h128", "0x" + Hex.of(p.h128()));
        f.put("lineageHash", "0x" + Hex.of(p.lineageHash()));
        f.put("lossDrop", p.lossDrop() ? "1" : "0");
        return f;
    }

    record Malformed(String name, byte[] payload, String error, int offset) {}

    static List<Malformed> malformedCases() {
        byte[] good = ((CheckpointPayload) validCases().get(1)[1]).encode();
        byte[] later = ((CheckpointPayload) validCases().get(3)[1]).encode();
        List<Malformed> m = new ArrayList<>();
        m.add(new Malformed("empty", new byte[0], "length", -1));
        m.add(new Malformed("one byte short (178)", Arrays.copyOf(good, 178), "length", -1));
        m.add(new Malformed("one byte long (180)", Arrays.copyOf(good, 180), "length", -1));
        m.add(new Malformed("padded to 192 (abi.encode-style)", Arrays.copyOf(good, 192), "length", -1));
        m.add(new Malformed("version 0", patch(good, PayloadLayout.VERSION_OFFSET, 0), "version", 0));
        m.add(new Malformed("version 2", patch(good, PayloadLayout.VERSION_OFFSET, 2), "version", 0));
        m.add(new Malformed("version 255", patch(good, PayloadLayout.VERSION_OFFSET, 255), "version", 0));
        m.add(new Malformed("lrShift 32", patch(good, PayloadLayout.LR_SHIFT_OFFSET, 32), "lrShift", 113));
        m.add(new Malformed("lrShift 255", patch(good, PayloadLayout.LR_SHIFT_OFFSET, 255), "lrShift", 113));
        m.add(new Malformed("lossDrop 2", patch(good, PayloadLayout.LOSS_DROP_OFFSET, 2), "lossDrop", 178));
        m.add(new Malformed("lossDrop 255", patch(good, PayloadLayout.LOSS_DROP_OFFSET, 255), "lossDrop", 178));
        m.add(new Malformed("window 0 with a non-zero prevCheckpointHash", patch(good, PayloadLayout.PREV_HASH_OFFSET + 31, 1), "prevCheckpointHash", 65));
        byte[] zeroPrev = later.clone();
        Arrays.fill(zeroPrev, PayloadLayout.PREV_HASH_OFFSET, PayloadLayout.PREV_HASH_OFFSET + 32, (byte) 0);
        m.add(new Malformed("window 1 with a zero prevCheckpointHash", zeroPrev, "prevCheckpointHash", 65));
        return m;
    }

    static byte[] patch(byte[] b, int offset, int value) {
        byte[] c = b.clone();
        c[offset] = (byte) value;
        return c;
    }

    public static String generate() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("description", "ChainBeasts checkpoint payload v1 (spec/checkpoint-payload.md): fields -> 179 payload bytes"
                + " (abi.encodePacked, big-endian) -> checkpointHash = keccak256(payload); malformed payloads must be rejected"
                + " with an error naming 'error' (the field). Integers are decimal strings. Generated by"
                + " checkpoint/src/test/java/io/chainbeasts/checkpoint/PayloadVectorGenerator.java");
        root.put("length", (long) PayloadLayout.LENGTH);
        List<Object> layout = new ArrayList<>();
        for (int i = 0; i < PayloadLayout.FIELD_NAMES.length; i++) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("field", PayloadLayout.FIELD_NAMES[i]);
            f.put("offset", (long) PayloadLayout.FIELD_OFFSETS[i]);
            f.put("size", (long) PayloadLayout.FIELD_SIZES[i]);
            layout.add(f);
        }
        root.put("layout", layout);
        List<Object> valid = new ArrayList<>();
        for (Object[] c : validCases()) {
            CheckpointPayload p = (CheckpointPayload) c[1];
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", c[0]);
            v.put("fields", fields(p));
            v.put("payload", "0x" + Hex.of(p.encode()));
            v.put("hash", "0x" + Hex.of(p.hash()));
            valid.add(v);
        }
        root.put("valid", valid);
        List<Object> bad = new ArrayList<>();
        for (Malformed m : malformedCases()) {
            try {
                CheckpointPayload.decode(m.payload());
                throw new IllegalStateException("malformed case '" + m.name() + "' decodes");
            } catch (DecodeException expected) {
                // the generator only writes cases the codec really rejects
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", m.name());
            v.put("payload", "0x" + Hex.of(m.payload()));
            v.put("error", m.error());
            if (m.offset() >= 0) v.put("offset", (long) m.offset());
            bad.add(v);
        }
        root.put("malformed", bad);
        return Json.pretty(root);
    }
}
