package io.chainbeasts.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BoundedFilesTest {
    @TempDir
    Path tmp;

    @Test
    void readsUpToTheLimitAndRefusesOneByteMore() throws IOException {
        Path f = tmp.resolve("f");
        Files.write(f, new byte[100]);
        assertArrayEquals(new byte[100], BoundedFiles.readBytes(f, 100));
        IOException e = assertThrows(IOException.class, () -> BoundedFiles.readBytes(f, 99));
        assertEquals(f + " is over the limit of 99 bytes", e.getMessage());
    }

    @Test
    void textIsStrictUtf8() throws IOException {
        Path f = tmp.resolve("t");
        Files.writeString(f, "héllo");
        assertEquals("héllo", BoundedFiles.readUtf8(f, 64));
        Files.write(f, new byte[] {'a', (byte) 0xC3});
        assertThrows(MalformedInputException.class, () -> BoundedFiles.readUtf8(f, 64));
    }
}
