package io.chainbeasts.core;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the golden vector files under {@code spec/vectors/} at the repository root, from any
 * module's working directory. Shared with other modules' tests through core's test-jar.
 */
public final class Vectors {
    private Vectors() {}

    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isDirectory(p.resolve("spec/vectors")) && Files.exists(p.resolve("pom.xml"))) return p;
            p = p.getParent();
        }
        throw new IllegalStateException("cannot find spec/vectors above " + Path.of("").toAbsolutePath());
    }

    public static Path path(String relative) {
        return repoRoot().resolve("spec/vectors").resolve(relative);
    }
}
