package io.chainbeasts.datasets;

import com.sun.net.httpserver.HttpServer;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.SeasonConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProducerTest {
    static final SeasonConstants S = SeasonConstants.DEFAULT;
    @TempDir
    Path tmp;
    HttpServer server;
    final Map<String, byte[]> served = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            byte[] body = served.get(ex.getRequestURI().getPath());
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(body);
                }
            }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void allProducersYieldTheSameBoards() throws Exception {
        List<Board> expected = PackedDatasetTest.exampleBoards();
        Path h5 = tmp.resolve("b.h5");
        DatasetFiles.convert(ExampleCsvTest.exampleCsv(), h5, false, S);
        Path zst = tmp.resolve("b.zst");
        DatasetFiles.pack(ExampleCsvTest.exampleCsv(), zst, false, S);
        served.put("/b.csv", Files.readAllBytes(ExampleCsvTest.exampleCsv()));
        served.put("/b.h5", Files.readAllBytes(h5));
        served.put("/b.zst", Files.readAllBytes(zst));
        List<SampleProducer> producers = List.of(FileProducer.csv(ExampleCsvTest.exampleCsv()), FileProducer.hdf5(h5),
                FileProducer.packed(zst), FileProducer.any(h5), new HttpProducer(url("/b.csv")), new HttpProducer(url("/b.h5")),
                new HttpProducer(url("/b.zst")));
        for (SampleProducer p : producers) assertEquals(expected, p.boards(S), p.name());
        assertEquals(3, requests.get());
        String wrongKind = assertThrows(DatasetException.class, () -> FileProducer.hdf5(zst).fetch()).getMessage();
        assertEquals(zst + ": expected a HDF5 file, found packed (zstd)", wrongKind);
    }

    @Test
    void httpErrorsAreOneLine() {
        String m = assertThrows(DatasetException.Fetch.class, () -> new HttpProducer(url("/missing.csv")).fetch()).getMessage();
        assertEquals("GET " + url("/missing.csv") + ": HTTP 404", m);
        served.put("/big", new byte[5000]);
        String big = assertThrows(DatasetException.Fetch.class,
                () -> new HttpProducer(url("/big"), java.time.Duration.ofSeconds(5), 4096).fetch()).getMessage();
        assertEquals("GET " + url("/big") + ": body of 5000 bytes is over the 4096-byte limit", big);
        assertThrows(DatasetException.Fetch.class, () -> new HttpProducer(URI.create("ftp://x/y")));
    }

    @Test
    void aTricklingServerIsCutOffAtTheDeadline() {
        server.createContext("/trickle", ex -> {
            ex.sendResponseHeaders(200, 1000);
            try (java.io.OutputStream o = ex.getResponseBody()) {
                for (int i = 0; i < 1000; i++) {
                    o.write('x');
                    o.flush();
                    Thread.sleep(500);
                }
            } catch (InterruptedException | java.io.IOException stopped) {
                // the client went away
            }
        });
        long t0 = System.nanoTime();
        String m = assertThrows(DatasetException.Fetch.class,
                () -> new HttpProducer(url("/trickle"), java.time.Duration.ofSeconds(2), 4096).fetch()).getMessage();
        assertEquals("GET " + url("/trickle") + ": no complete body within 2 s", m);
        assertTrue(System.nanoTime() - t0 < 60_000_000_000L, "cut off, not waited out (1000 bytes at 2/s would take 500 s)");
    }

    @Test
    void cacheServesLaterRunsWithoutTheNetworkAndRefetchesCorruptEntries() throws Exception {
        served.put("/d.csv", Files.readAllBytes(ExampleCsvTest.exampleCsv()));
        List<String> notices = new ArrayList<>();
        DiskCache cache = new DiskCache(tmp.resolve("cache"), notices::add);
        CachingProducer first = new CachingProducer(new HttpProducer(url("/d.csv")), cache);
        List<Board> boards = first.boards(S);
        assertFalse(first.lastFetchWasCacheHit());
        assertEquals(1, requests.get());

        // A later run (new producer objects) reads only the cache: the server is gone.
        URI gone = url("/d.csv");
        server.stop(0);
        server = null;
        CachingProducer second = new CachingProducer(new HttpProducer(gone), new DiskCache(tmp.resolve("cache"), notices::add));
        assertEquals(boards, second.boards(S));
        assertTrue(second.lastFetchWasCacheHit());
        assertTrue(notices.isEmpty(), notices.toString());

        // Corrupt the entry: it is detected, named, discarded and refetched (server back up).
        Path entry;
        try (var s = Files.list(tmp.resolve("cache/datasets/objects"))) {
            entry = s.filter(p -> p.toString().endsWith(".entry")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length - 3] ^= 0x01;
        Files.write(entry, bytes);
        start();
        served.put("/d.csv", Files.readAllBytes(ExampleCsvTest.exampleCsv()));
        CachingProducer third = new CachingProducer(new HttpProducer(url("/d.csv")), cache);
        assertEquals(boards, third.boards(S));
        assertFalse(third.lastFetchWasCacheHit());
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).startsWith("cache entry " + entry + " is corrupt (checksum mismatch"), notices.get(0));
        // The refetched entry is whole again and served from the cache next time.
        CachingProducer fourth = new CachingProducer(new HttpProducer(url("/d.csv")), cache);
        assertEquals(boards, fourth.boards(S));
        assertTrue(fourth.lastFetchWasCacheHit());
    }

    @Test
    void truncatedEntryAndGarbageRefAreDetected() throws Exception {
        List<String> notices = new ArrayList<>();
        DiskCache cache = new DiskCache(tmp.resolve("c"), notices::add);
        byte[] hash = cache.put("k", "hello".getBytes());
        Path entry = cache.objectPath(hash);
        byte[] b = Files.readAllBytes(entry);
        Files.write(entry, java.util.Arrays.copyOf(b, b.length - 1));
        assertTrue(cache.get("k").isEmpty());
        assertTrue(notices.get(0).contains(entry.toString()) && notices.get(0).contains("length 5 but 4 payload bytes"), notices.get(0));
        assertFalse(Files.exists(entry));
        cache.put("k", "hello".getBytes());
        Files.writeString(cache.refPath("k"), "zz\n");
        assertTrue(cache.get("k").isEmpty());
        assertTrue(notices.get(1).startsWith("cache ref " + cache.refPath("k") + " is corrupt"), notices.get(1));
        try (var s = Files.walk(tmp.resolve("c"))) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void defaultCacheDirectory() {
        assertEquals(Path.of("/x/cb"), DiskCache.defaultRoot(Map.of("CHAINBEASTS_CACHE_DIR", "/x/cb"), "/home/u"));
        assertEquals(Path.of("/home/u/.cache/chainbeasts"), DiskCache.defaultRoot(Map.of(), "/home/u"));
    }
}
