package io.chainbeasts.checkpoint;

import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.core.SplitMix64;
import io.chainbeasts.curriculum.InMemoryDataset;
import io.chainbeasts.curriculum.PrivateSampling;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.WindowContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Beasts for the store tests: a public and a private identity, trainers, and byte snapshots of a directory. */
public final class StoreFixtures {
    private StoreFixtures() {}

    public static final SeasonConstants SEASON = SeasonConstants.DEFAULT;
    public static final TrainingConstants TC = TrainingConstants.DEFAULT;
    public static final byte[] LEDGER = new byte[20];
    public static final byte[] SECRET = new byte[32];

    static {
        for (int i = 0; i < 20; i++) LEDGER[i] = (byte) (0xA0 + i);
        for (int i = 0; i < 32; i++) SECRET[i] = (byte) (0x40 + i);
    }

    private static RealBattlePool pool;
    private static InMemoryDataset dataset;

    public static synchronized RealBattlePool pool() {
        if (pool == null) pool = RealBattlePool.defaultPool(SEASON);
        return pool;
    }

    /** 48 boards from the generator (seed domain "STORETST"), the private beast's coaching data. */
    public static synchronized InMemoryDataset dataset() {
        if (dataset == null) dataset = new InMemoryDataset(boards(0x53544F5245545354L, 48));
        return dataset;
    }

    public static List<Board> boards(long domain, int n) {
        List<Board> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SplitMix64 r = new SplitMix64(SplitMix64.hash(domain ^ i));
            Arena.Generated g = Arena.generate(r.next(), SEASON);
            Fighter self = Fighter.spawn(g.ax(), g.ay(), 10 + r.nextInt(6), r.nextInt(33), SEASON);
            Fighter enemy = Fighter.spawn(g.bx(), g.by(), 10 + r.nextInt(6), r.nextInt(33), SEASON);
            out.add(new Board(g.arena(), self, enemy));
        }
        return out;
    }

    public static BeastStore.Identity publicId(long seed) {
        return new BeastStore.Identity(seed, 31337, LEDGER, BigInteger.valueOf(seed & 0xFFFF), WindowContext.ZERO32, new byte[32]);
    }

    public static BeastStore.Identity privateId(long seed) {
        return new BeastStore.Identity(seed, 31337, LEDGER, BigInteger.valueOf(seed & 0xFFFF), dataset().commitment(), Keccak256.hash(SECRET));
    }

    public static Trainer trainer(BeastStore store) {
        boolean priv = store.identity().isPrivate();
        return new Trainer(store, SEASON, TC, pool(), priv ? dataset() : null, priv ? PrivateSampling.fold(SECRET) : 0);
    }

    /** Hatches (if needed) and trains until {@code windows} windows are done. */
    public static BeastStore trainTo(Path dir, BeastStore.Identity id, long windows) {
        return trainTo(dir, id, windows, 1);
    }

    /** As {@link #trainTo(Path, BeastStore.Identity, long)}, {@code durableEvery} windows per durable commit (one segment each). */
    public static BeastStore trainTo(Path dir, BeastStore.Identity id, long windows, int durableEvery) {
        BeastStore store = Files.exists(dir.resolve("beast.json")) ? BeastStore.open(dir) : Trainer.hatch(dir, id);
        store.durableEvery(durableEvery);
        long done = store.head().windows();
        if (done < windows) trainer(store).train((int) (windows - done), new Trainer.Listener() { });
        return store;
    }

    /** Every regular file under {@code dir} (relative path -> bytes), LOCK excluded. */
    public static TreeMap<String, byte[]> snapshot(Path dir) {
        TreeMap<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!Files.isRegularFile(p) || p.getFileName().toString().equals("LOCK")) continue;
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static void copyTree(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(q);
                else Files.copy(p, q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> all = new ArrayList<>();
            s.forEach(all::add);
            for (int i = all.size() - 1; i >= 0; i--) Files.deleteIfExists(all.get(i));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
