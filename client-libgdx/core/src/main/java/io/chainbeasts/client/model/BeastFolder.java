package io.chainbeasts.client.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The beasts folder: every sub-folder holding a beast store (a {@code beast.json}), sorted by name. */
public final class BeastFolder {
    private BeastFolder() {}

    /** The file every beast store has ({@code BeastStore.beastFile()}). */
    static final String BEAST_FILE = "beast.json";

    public static List<Path> list(Path folder) {
        List<Path> out = new ArrayList<>();
        if (folder == null || !Files.isDirectory(folder)) return out;
        try (Stream<Path> s = Files.list(folder)) {
            s.filter(p -> Files.isRegularFile(p.resolve(BEAST_FILE))).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new ClientError(folder + ": cannot list the beasts folder (" + e.getMessage() + ")");
        }
        return out;
    }

    /** Every contender the battle pickers offer: the baselines first, then the folder's beasts. */
    public static List<Contender> contenders(Path folder) {
        List<Contender> out = new ArrayList<>();
        for (String n : io.chainbeasts.combat.Policies.NAMES) out.add(Contender.baseline(n));
        for (Path p : list(folder)) out.add(Contender.beast(p));
        return out;
    }

    static String checkName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) throw new ClientError("Name: type a name for the beast's folder");
        if (!n.matches("[A-Za-z0-9._-]{1,64}") || n.startsWith(".")) {
            throw new ClientError("Name: '" + n + "' may use only letters, digits, '.', '_' and '-' (up to 64, not starting with '.')");
        }
        return n;
    }
}
