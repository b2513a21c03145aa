package io.chainbeasts.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Scans kernel-path sources (Java and OpenCL C) for what the determinism contract forbids and
 * says how to fix each finding. Comments and string literals are ignored.
 */
public final class DeterminismScan {
    private DeterminismScan() {}

    /** Modules whose main sources are on the kernel path (SPEC.md "Determinism contract"). */
    public static final List<String> KERNEL_PATH_MODULES = List.of("core", "combat", "curriculum", "engine-kernel", "checkpoint");

    record Rule(Pattern pattern, String fix) {}

    private static final List<Rule> JAVA_RULES = List.of(
            new Rule(Pattern.compile("\\b(float|double|Float|Double|BigDecimal)\\b"),
                    "no floating point on the kernel path: use io.chainbeasts.core.Fixed (Q16 integers)"),
            new Rule(Pattern.compile("\\bMath\\.random\\b|\\bnew\\s+Random\\s*\\(|\\bThreadLocalRandom\\b|\\bSecureRandom\\b"),
                    "no ambient randomness: derive it from the state with io.chainbeasts.core.SplitMix64"),
            new Rule(Pattern.compile("\\bSystem\\s*\\.\\s*(nanoTime|currentTimeMillis)\\b|\\bInstant\\s*\\.\\s*now\\b|\\bLocalDateTime\\s*\\.\\s*now\\b|\\bClock\\b"),
                    "no wall clock: time is not an input of a deterministic step; measure in the cli/bench module"),
            new Rule(Pattern.compile("(?<![A-Za-z])(HashMap|HashSet|Hashtable|ConcurrentHashMap)\\b"),
                    "unordered collection: iteration order is not specified; use arrays, TreeMap, or LinkedHashMap"),
            new Rule(Pattern.compile("\\.parallel\\s*\\(|\\bparallelStream\\s*\\("),
                    "no thread-timing-dependent evaluation order: keep kernel-path loops sequential"),
            new Rule(Pattern.compile("\\.getBytes\\s*\\(\\s*\\)|\\bnew\\s+String\\s*\\(\\s*\\w+\\s*\\)"),
                    "platform default charset: pass StandardCharsets.UTF_8 explicitly"),
            new Rule(Pattern.compile("\\bString\\s*\\.\\s*format\\s*\\(\\s*\""),
                    "platform default locale: use String.format(Locale.ROOT, ...)"),
            new Rule(Pattern.compile("\\bByteOrder\\s*\\.\\s*nativeOrder\\b"),
                    "platform endianness: canonical encodings are big-endian (CanonicalWriter)"));

    private static final List<Rule> OPENCL_RULES = List.of(
            new Rule(Pattern.compile("\\b(float|double|half)\\d*\\b"),
                    "no floating point in kernels: use the integer helpers of fixed.cl"),
            new Rule(Pattern.compile("\\b(mul24|mad24|native_\\w+|half_\\w+)\\s*\\("),
                    "implementation-defined OpenCL builtin: use full-width integer ops"));

    /** Returns one line per violation: {@code path:line: text -> fix}. */
    public static List<String> scan(Path repoRoot) {
        List<String> findings = new ArrayList<>();
        for (String module : KERNEL_PATH_MODULES) {
            Path main = repoRoot.resolve(module).resolve("src/main");
            if (!Files.isDirectory(main)) continue;
            try (Stream<Path> files = Files.walk(main)) {
                for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".java")) findings.addAll(scanFile(repoRoot, f, JAVA_RULES));
                    else if (name.endsWith(".cl")) findings.addAll(scanFile(repoRoot, f, OPENCL_RULES));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return findings;
    }

    static List<String> scanFile(Path root, Path file, List<Rule> rules) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return scanText(root.relativize(file).toString(), text, rules);
    }

    static List<String> scanText(String name, String text, List<Rule> rules) {
        List<String> findings = new ArrayList<>();
        String[] lines = stripCommentsAndStrings(text).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (Rule r : rules) {
                if (r.pattern().matcher(lines[i]).find()) {
                    findings.add(name + ":" + (i + 1) + ": " + lines[i].trim() + "  ->  " + r.fix());
                }
            }
        }
        return findings;
    }

    public static List<String> scanJavaText(String name, String text) {
        return scanText(name, text, JAVA_RULES);
    }

    public static List<String> scanOpenClText(String name, String text) {
        return scanText(name, text, OPENCL_RULES);
    }

    /** Blanks comments and string/char literals but keeps line breaks, so line numbers stay right. */
    static String stripCommentsAndStrings(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                while (i < s.length() && s.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                i += 2;
                while (i < s.length() && !(s.charAt(i) == '*' && i + 1 < s.length() && s.charAt(i + 1) == '/')) {
                    if (s.charAt(i) == '\n') out.append('\n');
                    i++;
                }
                i += 2;
            } else if (c == '"' || c == '\'') {
                char q = c;
                out.append(q);
                i++;
                while (i < s.length() && s.charAt(i) != q && s.charAt(i) != '\n') {
                    if (s.charAt(i) == '\\') i++;
                    i++;
                }
                out.append(q);
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
