package io.chainbeasts.cli;

import io.chainbeasts.core.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module graph is what the code says: each module's main imports, its pom's dependencies and
 * ARCHITECTURE.md's drawing agree, and only {@code cli} has a {@code main}. Lives in {@code cli}, the
 * module the reactor builds last, and reads the source tree, not the jars.
 */
class ModuleGraphTest {
    /** Known exceptions, each to be removed with its cause (none today). */
    static final Set<String> PENDING = Set.of();

    @TempDir
    Path tmp;

    @Test
    void importsPomsAndTheDrawingAgreeAndOnlyCliHasAMain() throws IOException {
        ModuleGraph g = new ModuleGraph(Vectors.repoRoot());
        assertEquals(14, g.modules.size(), "modules: " + g.modules);
        List<String> problems = new ArrayList<>(g.problems());
        for (String p : PENDING) assertTrue(problems.remove(p), "a pending exception no longer holds; remove it from PENDING: " + p + "\nproblems:\n  " + String.join("\n  ", problems));
        assertTrue(problems.isEmpty(), "the module graph disagrees with itself:\n  " + String.join("\n  ", problems)
                + "\nwhat the code imports:\n  " + String.join("\n  ", g.drawing().values()));
    }

    @Test
    void theKernelPathDependsOnNothingOffIt() throws IOException {
        ModuleGraph g = new ModuleGraph(Vectors.repoRoot());
        Set<String> kernelPath = Set.of("core", "combat", "curriculum", "engine-kernel", "checkpoint");
        for (String m : kernelPath) {
            for (String d : g.imports.get(m).keySet()) assertTrue(kernelPath.contains(d), m + " imports " + d + ", which is off the kernel path");
        }
    }

    // ---- the checker itself can fail -------------------------------------------------------------

    /** A two-module tree: {@code b} imports {@code a}; {@code bPom} and {@code drawing} say what they are told. */
    private ModuleGraph tree(boolean bDeclaresA, String drawing, String extraInA) throws IOException {
        Files.writeString(tmp.resolve("pom.xml"), "<project><modules><module>a</module><module>b</module></modules></project>");
        write("a/pom.xml", "<project><dependencies><dependency><groupId>org.x</groupId><artifactId>y</artifactId></dependency></dependencies></project>");
        write("b/pom.xml", "<project><dependencies>"
                + (bDeclaresA ? "<dependency><groupId>io.chainbeasts</groupId><artifactId>a</artifactId></dependency>" : "")
                + "<dependency><groupId>io.chainbeasts</groupId><artifactId>a</artifactId><type>test-jar</type><scope>test</scope></dependency>"
                + "</dependencies></project>");
        write("a/src/main/java/io/chainbeasts/a/A.java", "package io.chainbeasts.a;\n// a line comment does not hide what follows\npublic class A {" + extraInA + "}\n");
        write("b/src/main/java/io/chainbeasts/b/B.java", "package io.chainbeasts.b;\nimport io.chainbeasts.a.A;\n"
                + "/** {@link io.chainbeasts.c.C} in a comment is not a reference */\nclass B { A a; }\n");
        write("ARCHITECTURE.md", "# x\n\n## Module graph\n\n```\n" + drawing + "\n```\n");
        return new ModuleGraph(tmp);
    }

    private void write(String rel, String text) throws IOException {
        Path p = tmp.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void anAgreeingTreePasses() throws IOException {
        assertEquals(List.of(), tree(true, "a\nb ──► a   (uses a)", "").problems());
    }

    @Test
    void anUndeclaredImportIsNamed() throws IOException {
        assertEquals(List.of("b: imports a (b/src/main/java/io/chainbeasts/b/B.java: io.chainbeasts.a.A) but its pom does not declare a"),
                tree(false, "a\nb ──► a", "").problems());
    }

    @Test
    void anUndrawnOrOverdrawnEdgeIsNamed() throws IOException {
        assertEquals(List.of("b: imports a (b/src/main/java/io/chainbeasts/b/B.java: io.chainbeasts.a.A) but ARCHITECTURE.md does not draw b ──► a"),
                tree(true, "a\nb", "").problems());
        assertEquals(List.of("ARCHITECTURE.md draws a ──► b but a's main code imports nothing from b"),
                tree(true, "a ──► b\nb ──► a", "").problems());
    }

    @Test
    void aMainOrExitInALibraryIsNamed() throws IOException {
        List<String> p = tree(true, "a\nb ──► a", " public static void main(String[] x) { System.exit(2); } ").problems();
        assertEquals(List.of("a: a/src/main/java/io/chainbeasts/a/A.java has a main method; command-line front ends belong in cli",
                "a: a/src/main/java/io/chainbeasts/a/A.java calls System.exit; only cli decides exit codes"), p);
    }
}
