package io.chainbeasts.engine.opencl;

import io.chainbeasts.core.AtomicFile;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.lwjgl.opencl.CL10.*;

/**
 * Compiled OpenCL programs on disk, under {@code $CHAINBEASTS_CACHE_DIR/opencl} (default
 * {@code ~/.cache/chainbeasts/opencl}). The key is Keccak-256 of
 * {@code sourceDigest \0 buildOptions \0 deviceIdentity} (platform, device, device version, driver
 * version). Each entry is {@code <key>.bin} (the device binary from CL_PROGRAM_BINARIES) and
 * {@code <key>.meta} (one line: key, binary Keccak-256, size, source digest, options, device), both
 * written atomically. A binary whose hash does not match its meta, or that the driver refuses,
 * is deleted and rebuilt from source, never used.
 */
public final class ProgramCache {
    private final Path dir;

    public ProgramCache(Path dir) {
        this.dir = dir;
    }

    /** The default cache: {@code $CHAINBEASTS_CACHE_DIR/opencl} or {@code ~/.cache/chainbeasts/opencl}. */
    public static ProgramCache defaultCache() {
        return new ProgramCache(cacheRoot().resolve("opencl"));
    }

    public static Path cacheRoot() {
        String env = System.getenv("CHAINBEASTS_CACHE_DIR");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".cache", "chainbeasts");
    }

    public Path dir() {
        return dir;
    }

    public static String key(String sourceDigest, String options, String deviceIdentity) {
        byte[] in = (sourceDigest + "\0" + options + "\0" + deviceIdentity).getBytes(StandardCharsets.UTF_8);
        return Hex.of(Keccak256.hash(in));
    }

    /** A built program and how it was obtained. */
    public record Built(long program, boolean fromCache, long millis, String key, String note) {}

    /** One cache entry as listed by {@code chainbeasts cache list}. */
    public record Entry(String key, long bytes, String device, String options, String sourceDigest, Path binary) {}

    /**
     * Returns a built program for the device: from the cache when a valid entry exists, else compiled
     * from source and stored. Cache I/O problems never fail the build: they are reported in {@code note}.
     */
    public Built build(ClDevice dev, String source, String options) {
        long t0 = System.nanoTime();
        String sourceDigest = KernelSource.digest(source);
        String key = key(sourceDigest, options, dev.identity());
        Path bin = dir.resolve(key + ".bin");
        Path meta = dir.resolve(key + ".meta");
        String note = "";
        if (Files.exists(bin) && Files.exists(meta)) {
            try {
                byte[] binary = Files.readAllBytes(bin);
                String[] m = Files.readString(meta, StandardCharsets.UTF_8).split("\t");
                if (m.length < 2 || !m[1].equals(Hex.of(Keccak256.hash(binary)))) {
                    note = "cache entry " + key + " is corrupt (binary hash differs from its meta): rebuilt";
                    delete(key);
                } else {
                    long program = fromBinary(dev, binary, options);
                    if (program != 0) return new Built(program, true, (System.nanoTime() - t0) / 1_000_000, key, note);
                    note = "cache entry " + key + " was refused by the driver: rebuilt";
                    delete(key);
                }
            } catch (IOException e) {
                note = "cache entry " + key + " unreadable (" + e.getMessage() + "): rebuilt";
            }
        }
        long program = fromSource(dev, source, options);
        try {
            byte[] binary = binaryOf(dev, program);
            if (binary.length > 0) {
                Files.createDirectories(dir);
                AtomicFile.write(bin, binary);
                String line = String.join("\t", key, Hex.of(Keccak256.hash(binary)), Long.toString(binary.length), sourceDigest,
                        options, dev.identity().replace('\t', ' '));
                AtomicFile.write(meta, (line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            note = (note.isEmpty() ? "" : note + "; ") + "could not store the program in " + dir + ": " + e.getMessage();
        }
        return new Built(program, false, (System.nanoTime() - t0) / 1_000_000, key, note);
    }

    static long fromSource(ClDevice dev, String source, String options) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer err = stack.mallocInt(1);
            long program = clCreateProgramWithSource(dev.context, source, err);
            ClDevice.check(err.get(0), "clCreateProgramWithSource");
            int rc = clBuildProgram(program, dev.device, options, null, 0);
            if (rc != CL_SUCCESS) {
                String log = dev.buildLog(program);
                clReleaseProgram(program);
                throw new OpenClUnavailableException("the OpenCL program does not build on " + dev.deviceName + " (error " + rc + "):\n" + log);
            }
            return program;
        }
    }

    /** 0 when the driver refuses the binary. */
    static long fromBinary(ClDevice dev, byte[] binary, String options) {
        ByteBuffer buf = MemoryUtil.memAlloc(binary.length);
        try (MemoryStack stack = MemoryStack.stackPush()) {
            buf.put(binary).flip();
            IntBuffer status = stack.mallocInt(1);
            IntBuffer err = stack.mallocInt(1);
            long program = clCreateProgramWithBinary(dev.context, stack.pointers(dev.device), buf, status, err);
            if (err.get(0) != CL_SUCCESS || status.get(0) != CL_SUCCESS) return 0;
            if (clBuildProgram(program, dev.device, options, null, 0) != CL_SUCCESS) {
                clReleaseProgram(program);
                return 0;
            }
            return program;
        } finally {
            MemoryUtil.memFree(buf);
        }
    }

    static byte[] binaryOf(ClDevice dev, long program) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer sizes = stack.mallocPointer(1);
            ClDevice.check(clGetProgramInfo(program, CL_PROGRAM_BINARY_SIZES, sizes, null), "clGetProgramInfo(BINARY_SIZES)");
            int size = (int) sizes.get(0);
            if (size <= 0) return new byte[0];
            ByteBuffer buf = MemoryUtil.memAlloc(size);
            try {
                PointerBuffer ptrs = stack.mallocPointer(1).put(0, MemoryUtil.memAddress(buf));
                ClDevice.check(clGetProgramInfo(program, CL_PROGRAM_BINARIES, ptrs, null), "clGetProgramInfo(BINARIES)");
                byte[] out = new byte[size];
                buf.get(out);
                return out;
            } finally {
                MemoryUtil.memFree(buf);
            }
        }
    }

    /** The entries, sorted by key. */
    public List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".meta")) continue;
                String[] m = Files.readString(p, StandardCharsets.UTF_8).trim().split("\t");
                String key = name.substring(0, name.length() - 5);
                Path bin = dir.resolve(key + ".bin");
                long bytes = Files.exists(bin) ? Files.size(bin) : -1;
                out.add(new Entry(key, bytes, m.length > 5 ? m[5] : "?", m.length > 4 ? m[4] : "?", m.length > 3 ? m[3] : "?", bin));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the program cache " + dir, e);
        }
        return out;
    }

    /** Deletes every entry (and stray temporary files); returns how many entries there were. */
    public int clear() {
        int n = list().size();
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the program cache " + dir, e);
        }
        return n;
    }

    void delete(String key) {
        try {
            Files.deleteIfExists(dir.resolve(key + ".bin"));
            Files.deleteIfExists(dir.resolve(key + ".meta"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Human-readable listing, one line per entry. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        List<Entry> es = list();
        sb.append(String.format(Locale.ROOT, "%s: %d compiled program(s)%n", dir, es.size()));
        for (Entry e : es) {
            sb.append(String.format(Locale.ROOT, "  %s  %8d B  %s  [%s]%n", e.key().substring(0, 16), e.bytes(), e.device(), e.options()));
        }
        return sb.toString();
    }
}
