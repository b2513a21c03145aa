package io.chainbeasts.cli;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The module graph three ways, read from a source tree: what each module's main code references
 * (imports and fully qualified names of {@code io.chainbeasts} classes), what its pom declares as
 * compile dependencies, and what ARCHITECTURE.md draws. {@link #problems()} lists every disagreement,
 * and every library module (any but {@value #FRONT_END} and the desktop client's launcher module, {@value #CLIENT_LAUNCHER}) whose main code has a {@code main} method or
 * calls {@code System.exit}, one line each naming the module and the file or import.
 */
final class ModuleGraph {
    static final String GROUP = "io.chainbeasts";
    /** The one module where command-line front ends and benches live. */
    static final String FRONT_END = "cli";
    /** libGDX's layout: the desktop module is the client's launcher (its composition root), with a main of its own. */
    static final String CLIENT_LAUNCHER = "client-desktop";

    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    /** A reference: lower-case package segments, then a class name (or {@code *} of a wildcard import). */
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.chainbeasts((?:\\.[a-z][a-z0-9_]*)+)\\.(?:[A-Z]\\w*|\\*)");
    private static final Pattern MAIN = Pattern.compile("\\bstatic\\s+void\\s+main\\s*\\(");
    private static final Pattern EXIT = Pattern.compile("\\bSystem\\.exit\\s*\\(");
    private static final Pattern COMMENTS = Pattern.compile("(?m)/\\*(?s:.*?)\\*/|^\\s*//[^\\n]*");
    /** A graph line in ARCHITECTURE.md: {@code module ──► dep, dep   (note)}. */
    private static final Pattern EDGE = Pattern.compile("^([a-z][a-z0-9-]*)\\s*(?:──►\\s*([a-z0-9-]+(?:\\s*,\\s*[a-z0-9-]+)*))?\\s*(?:\\(.*\\))?\\s*$");

    final Path root;
    final List<String> modules;
    /** module → its directory under the root (an aggregator's children are named by their artifactId). */
    private final Map<String, Path> dirs = new java.util.LinkedHashMap<>();
    /** module → the packages its main sources declare. */
    final Map<String, Set<String>> packages = new TreeMap<>();
    /** module → referenced module → one example of a reference (file: class). */
    final Map<String, Map<String, String>> imports = new TreeMap<>();
    /** module → declared compile dependencies on other modules. */
    final Map<String, Set<String>> declared = new TreeMap<>();
    /** module → the modules ARCHITECTURE.md draws it depending on (absent: not drawn). */
    final Map<String, Set<String>> drawn = new TreeMap<>();
    final List<String> problems = new ArrayList<>();

    ModuleGraph(Path root) throws IOException {
        this.root = root;
        for (String m : moduleNames(parse(root.resolve("pom.xml")).getDocumentElement())) {
            Element pom = parse(root.resolve(m).resolve("pom.xml")).getDocumentElement();
            List<String> children = moduleNames(pom);
            if (children.isEmpty()) {
                dirs.put(m, root.resolve(m));
            } else {
                for (String c : children) {
                    Path dir = root.resolve(m).resolve(c);
                    dirs.put(text(parse(dir.resolve("pom.xml")).getDocumentElement(), "artifactId"), dir);
                }
            }
        }
        this.modules = List.copyOf(dirs.keySet());
        for (String m : modules) packages.put(m, declaredPackages(m));
        for (String m : modules) {
            declared.put(m, declaredDependencies(m));
            imports.put(m, references(m));
        }
        readDrawing();
        compare();
    }

    List<String> problems() {
        return problems;
    }

    private Set<String> declaredPackages(String module) throws IOException {
        Set<String> out = new TreeSet<>();
        for (Path f : javaFiles(module)) {
            Matcher m = PACKAGE.matcher(Files.readString(f, StandardCharsets.UTF_8));
            if (m.find()) out.add(m.group(1));
        }
        return out;
    }

    /** The module owning {@code pkg}: the one declaring the longest package that is {@code pkg} or encloses it. */
    private String owner(String pkg) {
        String best = null;
        int bestLen = -1;
        for (Map.Entry<String, Set<String>> e : packages.entrySet()) {
            for (String p : e.getValue()) {
                if ((pkg.equals(p) || pkg.startsWith(p + ".")) && p.length() > bestLen) {
                    best = e.getKey();
                    bestLen = p.length();
                }
            }
        }
        return best;
    }

    private Map<String, String> references(String module) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Path f : javaFiles(module)) {
            String text = COMMENTS.matcher(Files.readString(f, StandardCharsets.UTF_8)).replaceAll("");
            String rel = root.relativize(f).toString();
            Matcher r = REFERENCE.matcher(text);
            while (r.find()) {
                String pkg = GROUP + r.group(1);
                String to = owner(pkg);
                if (to == null) {
                    problems.add(module + ": " + rel + " references " + r.group() + ", a package no module declares");
                } else if (!to.equals(module)) {
                    out.putIfAbsent(to, rel + ": " + r.group());
                }
            }
            if (!module.equals(FRONT_END) && !module.equals(CLIENT_LAUNCHER)) {
                if (MAIN.matcher(text).find()) {
                    problems.add(module + ": " + rel + " has a main method; command-line front ends belong in " + FRONT_END);
                }
                if (EXIT.matcher(text).find()) {
                    problems.add(module + ": " + rel + " calls System.exit; only " + FRONT_END + " decides exit codes");
                }
            }
        }
        return out;
    }

    private Set<String> declaredDependencies(String module) {
        Set<String> out = new TreeSet<>();
        Element project = parse(dirs.get(module).resolve("pom.xml")).getDocumentElement();
        for (Element deps : childElements(project, "dependencies")) {
            for (Element d : childElements(deps, "dependency")) {
                String group = text(d, "groupId");
                if (!GROUP.equals(group) && !"${project.groupId}".equals(group)) continue;
                String type = text(d, "type");
                String scope = text(d, "scope");
                if (type != null && !type.equals("jar")) continue; // test-jars are test code
                if (scope != null && !scope.equals("compile")) continue;
                out.add(text(d, "artifactId"));
            }
        }
        return out;
    }

    /** Reads the fenced block under the "## Module graph" heading of ARCHITECTURE.md. */
    private void readDrawing() throws IOException {
        List<String> lines = Files.readAllLines(root.resolve("ARCHITECTURE.md"), StandardCharsets.UTF_8);
        int i = 0;
        while (i < lines.size() && !lines.get(i).trim().equals("## Module graph")) i++;
        while (i < lines.size() && !lines.get(i).startsWith("```")) i++;
        if (i >= lines.size()) {
            problems.add("ARCHITECTURE.md: no fenced block under a '## Module graph' heading");
            return;
        }
        for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) continue;
            Matcher m = EDGE.matcher(line);
            if (!m.matches()) {
                problems.add("ARCHITECTURE.md:" + (i + 1) + ": not 'module ──► dep, dep (note)': " + line);
                continue;
            }
            Set<String> to = new TreeSet<>();
            if (m.group(2) != null) for (String d : m.group(2).split(",")) to.add(d.trim());
            if (drawn.put(m.group(1), to) != null) problems.add("ARCHITECTURE.md:" + (i + 1) + ": " + m.group(1) + " is drawn twice");
        }
    }

    private void compare() {
        for (String m : modules) {
            Set<String> dec = declared.get(m);
            Map<String, String> imp = imports.get(m);
            for (Map.Entry<String, String> e : imp.entrySet()) {
                if (!dec.contains(e.getKey())) {
                    problems.add(m + ": imports " + e.getKey() + " (" + e.getValue() + ") but its pom does not declare " + e.getKey());
                }
            }
            for (String d : dec) {
                if (!imp.containsKey(d)) problems.add(m + ": its pom declares " + d + " but its main code imports nothing from it");
            }
            Set<String> dr = drawn.get(m);
            if (dr == null) {
                problems.add("ARCHITECTURE.md: module " + m + " is not in the module graph");
                continue;
            }
            for (String d : imp.keySet()) {
                if (!dr.contains(d)) problems.add(m + ": imports " + d + " (" + imp.get(d) + ") but ARCHITECTURE.md does not draw " + m + " ──► " + d);
            }
            for (String d : dr) {
                if (!imp.containsKey(d)) problems.add("ARCHITECTURE.md draws " + m + " ──► " + d + " but " + m + "'s main code imports nothing from " + d);
            }
        }
        for (String m : drawn.keySet()) {
            if (!modules.contains(m)) problems.add("ARCHITECTURE.md draws " + m + ", which is not a module of the build");
        }
    }

    private List<Path> javaFiles(String module) throws IOException {
        Path src = dirs.get(module).resolve("src/main/java");
        if (!Files.isDirectory(src)) return List.of();
        try (Stream<Path> s = Files.walk(src)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** The {@code <module>} entries of a pom (none for a plain module). */
    private static List<String> moduleNames(Element project) {
        return childElements(project, "modules").stream()
                .flatMap(m -> childElements(m, "module").stream()).map(e -> e.getTextContent().trim()).toList();
    }

    private static Document parse(Path pom) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(pom.toFile());
        } catch (Exception e) {
            throw new IllegalStateException(pom + ": cannot parse: " + e.getMessage(), e);
        }
    }

    private static List<Element> childElements(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList kids = parent.getChildNodes();
        for (int i = 0; i < kids.getLength(); i++) {
            Node n = kids.item(i);
            if (n instanceof Element e && e.getTagName().equals(name)) out.add(e);
        }
        return out;
    }

    private static String text(Element parent, String name) {
        List<Element> e = childElements(parent, name);
        return e.isEmpty() ? null : e.get(0).getTextContent().trim();
    }

    /** For messages: module → its drawn line. */
    Map<String, String> drawing() {
        Map<String, String> out = new LinkedHashMap<>();
        imports.forEach((m, imp) -> out.put(m, imp.isEmpty() ? m : m + " ──► " + String.join(", ", imp.keySet())));
        return out;
    }
}
