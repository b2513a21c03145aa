package io.chainbeasts.engine.opencl;

import io.chainbeasts.combat.Action;
import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.BattleState;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.Outcome;
import io.chainbeasts.combat.PathFinder;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.combat.SideReport;
import io.chainbeasts.combat.TurnInput;
import io.chainbeasts.combat.TurnResolver;
import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.core.Fixed;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.core.SplitMix64;
import io.chainbeasts.curriculum.BoardDraw;
import io.chainbeasts.curriculum.Label;
import io.chainbeasts.curriculum.Labels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random inputs evaluated in bulk kernels (selftest.cl) and compared with the Java reference:
 * 2^20 each for the fixed-point ops, SplitMix64, Keccak-256, labels (BFS + A* step, power, block) and
 * one combat turn; 3 x 2^15 = 98,304 seeds for arena generation, the costliest primitive (whole
 * generations with their connectivity search, on three seasons up to 32x32). A mismatch names the
 * input (seed, case index).
 */
class PrimitivesBulkTest {
    static final int N = 1 << 20;
    static final int CHUNK = 1 << 16;
    private static ClProgram program;

    static synchronized ClProgram program() {
        if (program == null) {
            OpenClBackend cl = OpenCl.backend();
            List<String> parts = new ArrayList<>(KernelSource.PARTS);
            parts.add("/io/chainbeasts/engine/opencl/selftest.cl");
            program = ClProgram.build(cl.device(), KernelSource.assemble(parts), KernelSource.BUILD_OPTIONS, OpenCl.testCache());
        }
        return program;
    }

    @AfterAll
    static void release() {
        if (program != null) program.close();
        program = null;
    }

    static long special(SplitMix64 r) {
        long[] sp = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 65536, -65536, 32768, -32768,
                (long) Integer.MAX_VALUE + 1, (long) Integer.MIN_VALUE - 1, 1L << 47, -(1L << 47)};
        long k = r.next();
        switch ((int) ((k >>> 60) & 7)) {
            case 0: return sp[(int) Fixed.remUnsigned(k, sp.length)];
            case 1: return (int) k;              // any int
            case 2: return (short) k;            // small
            case 3: return k >> (int) (k & 63);  // any magnitude
            default: return r.next();
        }
    }

    @Test
    void fixedPointOps() {
        ClProgram p = program();
        SplitMix64 r = new SplitMix64(0x46495845440000L);
        int mismatches = 0;
        String first = null;
        for (int base = 0; base < N; base += CHUNK) {
            int n = CHUNK;
            int[] a = new int[n], b = new int[n], s = new int[n];
            long[] x = new long[n];
            for (int i = 0; i < n; i++) {
                a[i] = (int) special(r);
                b[i] = (int) special(r);
                x[i] = special(r);
                s[i] = (int) (r.next() & 63);
            }
            long[] out = new long[16 * n];
            runLongs(p, "t_fixed", n, out, ints(a), ints(b), longs(x), ints(s));
            for (int i = 0; i < n; i++) {
                int ai = a[i], bi = b[i], si = s[i];
                long xi = x[i];
                long[] want = {
                    Fixed.sat32(xi), Fixed.clamp(ai, Math.min(bi, (int) xi), Math.max(bi, (int) xi)), Fixed.satAdd(ai, bi),
                    Fixed.satSub(ai, bi), Fixed.wrapAdd(ai, bi), Fixed.wrapAdd64(xi, (long) ai * 65537L), Fixed.wrapMul64(xi, bi),
                    Fixed.roundShift(xi, si), Fixed.floorShift(xi, si), Fixed.mul(ai, bi), Fixed.narrow(xi), Fixed.div(ai, bi),
                    Fixed.rem(ai, bi), Fixed.remUnsigned(xi, bi), Fixed.clamp64(xi, Math.min(ai, bi), Math.max(ai, bi)), xi << si};
                for (int k = 0; k < 16; k++) {
                    if (want[k] != out[16 * i + k]) {
                        mismatches++;
                        if (first == null) first = "op " + k + " a=" + ai + " b=" + bi + " x=" + xi + " s=" + si + ": java " + want[k] + " opencl " + out[16 * i + k];
                    }
                }
            }
        }
        if (mismatches > 0) fail(mismatches + " fixed-point mismatches; first: " + first);
        System.out.println("[bulk] fixed: " + N + " inputs x 16 ops, 0 mismatches");
    }

    @Test
    void splitMix64() {
        ClProgram p = program();
        SplitMix64 r = new SplitMix64(0x53504C49544DL);
        for (int base = 0; base < N; base += CHUNK) {
            int n = CHUNK;
            long[] seeds = new long[n];
            int[] bounds = new int[n];
            for (int i = 0; i < n; i++) {
                seeds[i] = special(r);
                bounds[i] = 1 + (int) Fixed.remUnsigned(r.next(), (i & 1) == 0 ? 100 : Integer.MAX_VALUE);
            }
            long[] out = new long[6 * n];
            runLongs(p, "t_splitmix", n, out, longs(seeds), ints(bounds));
            for (int i = 0; i < n; i++) {
                SplitMix64 g = new SplitMix64(seeds[i]);
                long[] want = {g.next(), g.next(), g.next(), SplitMix64.hash(seeds[i]), g.nextInt(bounds[i]), SplitMix64.mix(seeds[i])};
                for (int k = 0; k < 6; k++) {
                    if (want[k] != out[6 * i + k]) fail("splitmix seed " + seeds[i] + " output " + k + ": java " + want[k] + " opencl " + out[6 * i + k]);
                }
            }
        }
        System.out.println("[bulk] splitmix64: " + N + " seeds x 6 outputs, 0 mismatches");
    }

    @Test
    void keccak256() {
        ClProgram p = program();
        SplitMix64 r = new SplitMix64(0x4B454343414BL);
        for (int base = 0; base < N; base += CHUNK) {
            int n = CHUNK;
            int[] lengths = new int[n];
            int[] offsets = new int[n];
            int total = 0;
            for (int i = 0; i < n; i++) {
                int kind = (int) (r.next() & 7);
                lengths[i] = kind == 0 ? 135 + (int) (r.next() & 3) : (int) Fixed.remUnsigned(r.next(), kind == 1 ? 600 : 140);
                offsets[i] = total;
                total += lengths[i];
            }
            byte[] data = new byte[total];
            for (int i = 0; i < total; i += 8) {
                long v = r.next();
                for (int k = 0; k < 8 && i + k < total; k++) data[i + k] = (byte) (v >>> (8 * k));
            }
            ByteBuffer d = ClProgram.alloc(total);
            d.put(data).flip();
            ClProgram.Mem md = p.input(d), mo = p.input(ints(offsets)), ml = p.input(ints(lengths)), out = p.output(32L * n);
            ByteBuffer o = ClProgram.alloc(32L * n);
            try {
                p.run("t_keccak", n, md, mo, ml, out, n);
                p.read(out, o);
                for (int i = 0; i < n; i++) {
                    byte[] want = new Keccak256().update(data, offsets[i], lengths[i]).digest();
                    byte[] got = new byte[32];
                    o.get(32 * i, got);
                    if (!java.util.Arrays.equals(want, got)) {
                        fail("keccak case " + (base + i) + " length " + lengths[i] + ": java " + Hex.of(want) + " opencl " + Hex.of(got));
                    }
                }
            } finally {
                ClProgram.release(md, mo, ml, out);
                ClProgram.free(d);
                ClProgram.free(o);
            }
        }
        System.out.println("[bulk] keccak256: " + N + " messages (0..599 B), 0 mismatches");
    }

    /** Random valid boards: 2,048 generated arenas (plus a small and a wide season), varied fighters. */
    static List<Board> boards(SplitMix64 r, SeasonConstants season, int n, boolean allowExhausted) {
        List<Arena> arenas = new ArrayList<>();
        for (int i = 0; i < 2048; i++) arenas.add(Arena.generate(r.next(), season).arena());
        List<Board> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Arena a = arenas.get((int) Fixed.remUnsigned(r.next(), arenas.size()));
            int[] cells = BoardDraw.cells(r, a);
            if ((i & 3) == 0) { // near: adjacent or within two
                int w = a.width();
                int sx = cells[0] % w, sy = cells[0] / w;
                int dx = (int) Fixed.remUnsigned(r.next(), 5) - 2, dy = (int) Fixed.remUnsigned(r.next(), 5) - 2;
                if ((dx != 0 || dy != 0) && a.passable(sx + dx, sy + dy)) cells[1] = (sy + dy) * w + sx + dx;
            }
            Fighter f1 = BoardDraw.fighter(r, cells[0], a, season);
            Fighter f2 = BoardDraw.fighter(r, cells[1], a, season);
            if (allowExhausted) {
                if ((r.next() & 7) == 0) f1 = f1.withStamina(0);
                if ((r.next() & 7) == 0) f2 = f2.withStamina(0);
                if ((r.next() & 7) == 0) f1 = f1.withLastAction(4);
                if ((r.next() & 3) == 0) f2 = f2.withDefense((int) (r.next() & 0xFF));
            }
            out.add(new Board(a, f1, f2));
        }
        return out;
    }

    static ByteBuffer bank(List<Board> boards, int[] offsets) {
        int total = 0;
        List<byte[]> enc = new ArrayList<>();
        for (int i = 0; i < boards.size(); i++) {
            byte[] e = boards.get(i).toBytes();
            enc.add(e);
            offsets[i] = total;
            total += e.length;
        }
        ByteBuffer b = ClProgram.alloc(total);
        for (byte[] e : enc) b.put(e);
        return b.flip();
    }

    static ByteBuffer seasonBytes(SeasonConstants s) {
        CanonicalWriter w = new CanonicalWriter();
        s.encode(w);
        byte[] e = w.toByteArray();
        ByteBuffer b = ClProgram.alloc(e.length);
        return b.put(e).flip();
    }

    static final SeasonConstants[] SEASONS = {
        SeasonConstants.DEFAULT,
        new SeasonConstants(5, 4, 60, 40, 30, 5, 2, 3, 3, 40, 200, 100, 12, 64, 3, 20, 16, 1, 8, 2, 5),
        new SeasonConstants(32, 32, 80, 30, 200, 20, 1, 2, 10, 16, 64, 512, 15, 8, 2, 100, 4, 3, 100, 1, 1),
    };

    @Test
    void labels() {
        ClProgram p = program();
        SplitMix64 r = new SplitMix64(0x4C4142454C53L);
        int done = 0;
        for (int chunk = 0; done < N; chunk++) {
            SeasonConstants season = SEASONS[chunk % SEASONS.length];
            int n = CHUNK;
            List<Board> boards = boards(r, season, n, true);
            int[] offsets = new int[n];
            ByteBuffer bank = bank(boards, offsets), sb = seasonBytes(season);
            ClProgram.Mem ms = p.input(sb), mb = p.input(bank), mo = p.input(ints(offsets)), out = p.output(16L * n);
            ByteBuffer o = ClProgram.alloc(16L * n);
            try {
                p.run("t_labels", n, ms, mb, mo, out, n);
                p.read(out, o);
                for (int i = 0; i < n; i++) {
                    Board b = boards.get(i);
                    Label l = Labels.of(b, season);
                    int d = PathFinder.distance(b.arena(), b.self().x(), b.self().y(), b.enemy().x(), b.enemy().y());
                    int[] want = {l.move(), l.power(), l.block(), d};
                    for (int k = 0; k < 4; k++) {
                        if (want[k] != o.getInt(16 * i + 4 * k)) {
                            fail("labels: board " + Hex.of(b.toBytes()) + " field " + k + ": java " + want[k] + " opencl " + o.getInt(16 * i + 4 * k));
                        }
                    }
                }
            } finally {
                ClProgram.release(ms, mb, mo, out);
                ClProgram.free(bank);
                ClProgram.free(sb);
                ClProgram.free(o);
            }
            done += n;
        }
        System.out.println("[bulk] labels: " + done + " boards (3 seasons, up to 32x32), 0 mismatches");
    }

    @Test
    void combatTurn() {
        ClProgram p = program();
        SplitMix64 r = new SplitMix64(0x5455524E53L);
        int done = 0;
        for (int chunk = 0; done < N; chunk++) {
            SeasonConstants season = SEASONS[chunk % SEASONS.length];
            int n = CHUNK;
            List<Board> boards = boards(r, season, n, true);
            int[] offsets = new int[n];
            int[] turns = new int[n];
            int[] inputs = new int[15 * n];
            TurnInput[] tis = new TurnInput[n];
            for (int i = 0; i < n; i++) {
                turns[i] = (int) Fixed.remUnsigned(r.next(), season.maxTurns());
                int[] oa = new int[6], ob = new int[6];
                for (int k = 0; k < 6; k++) {
                    oa[k] = (r.next() & 15) == 0 ? (int) special(r) : (int) Fixed.remUnsigned(r.next(), 41) - 20;
                    ob[k] = (r.next() & 15) == 0 ? (int) special(r) : (int) Fixed.remUnsigned(r.next(), 41) - 20;
                }
                long bits = r.next();
                tis[i] = new TurnInput(oa, ob, (bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0);
                System.arraycopy(oa, 0, inputs, 15 * i, 6);
                System.arraycopy(ob, 0, inputs, 15 * i + 6, 6);
                inputs[15 * i + 12] = (int) (bits & 1);
                inputs[15 * i + 13] = (int) ((bits >>> 1) & 1);
                inputs[15 * i + 14] = (int) ((bits >>> 2) & 1);
            }
            ByteBuffer bank = bank(boards, offsets), sb = seasonBytes(season);
            ClProgram.Mem ms = p.input(sb), mb = p.input(bank), mo = p.input(ints(offsets)), mt = p.input(ints(turns)),
                    mi = p.input(ints(inputs)), out = p.output(4L * 29 * n);
            ByteBuffer o = ClProgram.alloc(4L * 29 * n);
            try {
                p.run("t_turn", n, ms, mb, mo, mt, mi, out, n);
                p.read(out, o);
                for (int i = 0; i < n; i++) {
                    Board b = boards.get(i);
                    BattleState pre = new BattleState(turns[i], b.self(), b.enemy());
                    TurnResolver.TurnResult res = TurnResolver.resolve(season, b.arena(), pre, tis[i]);
                    int[] want = new int[29];
                    BattleState post = res.post();
                    want[0] = post.turn();
                    for (int f = 0; f < 2; f++) {
                        Fighter q = post.fighter(f);
                        int[] v = {q.x(), q.y(), q.hp(), q.stamina(), q.attack(), q.defense(), q.tempDef(), q.lastAction()};
                        System.arraycopy(v, 0, want, 1 + 8 * f, 8);
                        SideReport rep = res.side(f);
                        Action act = rep.action();
                        int[] rv = {act.kind(), act.dir(), act.power(), rep.moveOutcome(), rep.hit() ? 1 : 0, rep.damage()};
                        System.arraycopy(rv, 0, want, 17 + 6 * f, 6);
                    }
                    want[28] = Outcome.of(post, season).winner();
                    for (int k = 0; k < 29; k++) {
                        if (want[k] != o.getInt(4 * (29 * i + k))) {
                            fail("combat turn: board " + Hex.of(b.toBytes()) + " turn " + turns[i] + " field " + k + ": java " + want[k]
                                    + " opencl " + o.getInt(4 * (29 * i + k)));
                        }
                    }
                }
            } finally {
                ClProgram.release(ms, mb, mo, mt, mi, out);
                ClProgram.free(bank);
                ClProgram.free(sb);
                ClProgram.free(o);
            }
            done += n;
        }
        System.out.println("[bulk] combat turn: " + done + " turns (3 seasons), 0 mismatches");
    }

    @Test
    void arenaGeneration() {
        ClProgram p = program();
        SplitMix64 r = new SplitMix64(0x4152454E41L);
        int total = 0;
        for (SeasonConstants season : SEASONS) {
            int n = 1 << 15;
            long[] seeds = new long[n];
            for (int i = 0; i < n; i++) seeds[i] = r.next();
            int cells = season.cells();
            ByteBuffer sb = seasonBytes(season);
            ClProgram.Mem ms = p.input(sb), mseeds = p.input(longs(seeds)), out = p.output((long) n * (cells + 4));
            ByteBuffer o = ClProgram.alloc((long) n * (cells + 4));
            try {
                p.run("t_arena", n, ms, mseeds, out, n);
                p.read(out, o);
                for (int i = 0; i < n; i++) {
                    Arena.Generated g = Arena.generate(seeds[i], season);
                    byte[] tiles = g.arena().tiles();
                    int base = i * (cells + 4);
                    for (int c = 0; c < cells; c++) {
                        if (tiles[c] != o.get(base + c)) fail("arena seed " + seeds[i] + " cell " + c + " differs");
                    }
                    int sa = (o.get(base + cells) & 0xFF) | ((o.get(base + cells + 1) & 0xFF) << 8);
                    int sbb = (o.get(base + cells + 2) & 0xFF) | ((o.get(base + cells + 3) & 0xFF) << 8);
                    if (sa != g.ay() * season.arenaWidth() + g.ax() || sbb != g.by() * season.arenaWidth() + g.bx()) {
                        fail("arena seed " + seeds[i] + " spawns differ");
                    }
                }
            } finally {
                ClProgram.release(ms, mseeds, out);
                ClProgram.free(sb);
                ClProgram.free(o);
            }
            total += n;
        }
        System.out.println("[bulk] arena generation: " + total + " seeds (3 seasons), 0 mismatches");
    }

    static ByteBuffer ints(int[] v) {
        ByteBuffer b = ClProgram.alloc(4L * v.length);
        for (int i = 0; i < v.length; i++) b.putInt(4 * i, v[i]);
        return b;
    }

    static ByteBuffer longs(long[] v) {
        ByteBuffer b = ClProgram.alloc(8L * v.length);
        for (int i = 0; i < v.length; i++) b.putLong(8 * i, v[i]);
        return b;
    }

    /** Runs a kernel whose inputs are the given buffers and whose last two args are (out, n); frees the inputs. */
    static void runLongs(ClProgram p, String kernel, int n, long[] out, ByteBuffer... ins) {
        List<ClProgram.Mem> mems = new ArrayList<>();
        ByteBuffer o = ClProgram.alloc(8L * out.length);
        try {
            for (ByteBuffer b : ins) mems.add(p.input(b));
            ClProgram.Mem mo = p.output(8L * out.length);
            mems.add(mo);
            Object[] args = new Object[mems.size() + 1];
            for (int i = 0; i < mems.size(); i++) args[i] = mems.get(i);
            args[mems.size()] = n;
            p.run(kernel, n, args);
            p.read(mo, o);
            for (int i = 0; i < out.length; i++) out[i] = o.getLong(8 * i);
        } finally {
            for (ClProgram.Mem m : mems) ClProgram.release(m);
            for (ByteBuffer b : ins) ClProgram.free(b);
            ClProgram.free(o);
        }
    }
}
