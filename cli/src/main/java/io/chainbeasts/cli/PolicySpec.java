package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.StoreException;
import io.chainbeasts.combat.Policies;
import io.chainbeasts.combat.Policy;
import io.chainbeasts.core.Hex;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.NetPolicy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one parser of a fighter SPEC on the command line (battle, tournament, eval, coach): a baseline
 * policy by name ({@code greedy}, {@code random}, {@code search}) or a beast directory, at its head
 * ({@code DIR}) or after window W ({@code DIR@W}, W windows done; {@code DIR@0} is the hatch state).
 * A beast fights through its net ({@link NetPolicy}) over the state its store holds for that window.
 * A spec is resolved once (the beast's state is read and checked then); {@link #create} makes a fresh
 * policy for each battle, because baselines may hold per-battle state (the random policy's PRNG).
 */
final class PolicySpec {
    static final String NAMES = String.join(", ", Policies.NAMES);
    /** What a SPEC option accepts, for the options' help (a constant: picocli's annotations need one). */
    static final String HELP = "greedy, random, search, teacher, counter:SPEC (the best reply to SPEC's move), a beast directory (its head) "
            + "or DIR@W (after window W)";

    private final String text;
    private final String kind;
    private final Path dir;
    private final long window;
    private final BeastState state;
    /** For {@code counter:SPEC}: the rival the coach studies. */
    private final PolicySpec rival;

    private PolicySpec(String text, String kind, Path dir, long window, BeastState state) {
        this(text, kind, dir, window, state, null);
    }

    private PolicySpec(String text, String kind, Path dir, long window, BeastState state, PolicySpec rival) {
        this.text = text;
        this.kind = kind;
        this.dir = dir;
        this.window = window;
        this.state = state;
        this.rival = rival;
    }

    /** The prefix of a {@link CounterPolicy}: {@code counter:SPEC} plays the best reply to SPEC's decisions. */
    static final String COUNTER = "counter:";

    /** {@code counter:} the given rival, under the label {@code counter:<rival's label>}. */
    static PolicySpec counter(PolicySpec rival) {
        return new PolicySpec(COUNTER + rival.label(), "counter", null, -1, null, rival);
    }

    /** Resolves {@code text}; any problem is one {@link UserError} line that starts with {@code option}. */
    static PolicySpec parse(String option, String text) {
        if (text == null || text.isEmpty()) throw new UserError(option + ": empty; expected " + NAMES + ", counter:SPEC or a beast directory");
        if (Arrays.asList(Policies.NAMES).contains(text)) return new PolicySpec(text, text, null, -1, null);
        if (text.startsWith(COUNTER)) {
            String of = text.substring(COUNTER.length());
            if (of.startsWith(COUNTER)) throw new UserError(option + ": '" + text + "': counter: takes a policy or a beast, not another counter:");
            return new PolicySpec(text, "counter", null, -1, null, parse(option, of));
        }
        return beast(option, text);
    }

    /** A beast already loaded (the demo's), under the name {@code label}. */
    static PolicySpec beast(String label, Path dir, long window, BeastState state) {
        return new PolicySpec(label, "beast", dir, window, state);
    }

    private static PolicySpec beast(String option, String text) {
        Path dir = Path.of(text);
        Long window = null;
        int at = text.lastIndexOf('@');
        if (at > 0 && !Files.isDirectory(dir)) {
            String w = text.substring(at + 1);
            dir = Path.of(text.substring(0, at));
            try {
                window = Long.parseLong(w);
                if (window < 0) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                throw new UserError(option + ": '" + w + "' in '" + text + "' is not a window number (DIR@W, W = 0, 1, ...)");
            }
        }
        if (!Files.exists(dir)) {
            throw new UserError(option + ": '" + text + "' is neither a policy (" + NAMES + ", counter:SPEC) nor an existing beast directory");
        }
        if (!Files.isDirectory(dir)) throw new UserError(option + ": " + dir + " is a file, not a beast directory");
        if (!Files.exists(dir.resolve("beast.json"))) throw new UserError(option + ": " + dir + " is not a beast directory (no beast.json)");
        try {
            BeastStore store = BeastStore.open(dir);
            long head = store.head().windows();
            long w = window == null ? head : window;
            if (w > head) {
                throw new UserError(option + ": beast " + dir + " has trained " + head + " windows; window " + w + " is not reached yet");
            }
            byte[] hash = w == head ? store.head().stateHash() : w == 0 ? store.window(0).preStateHash() : store.window(w - 1).postStateHash();
            return new PolicySpec(text, "beast", dir, w, store.getState(hash));
        } catch (StoreException e) {
            throw new UserError(option + ": " + e.getMessage());
        }
    }

    /** A fresh policy for one battle; {@code side} 0 = A, 1 = B (the random baseline seeds from both). */
    Policy create(long battleSeed, int side) {
        if (rival != null) return new CounterPolicy(rival.create(battleSeed, 1 - side), text);
        return state != null ? new NetPolicy(state, text) : Policies.byName(kind, battleSeed, side);
    }

    /** The name the tables and replays show: the spec as typed. */
    String label() {
        return text;
    }

    boolean isBeast() {
        return state != null;
    }

    /** The beast's state at the chosen window; only for a beast. */
    BeastState state() {
        if (state == null) throw new UserError("'" + text + "' is a policy, not a beast");
        return state;
    }

    long window() {
        return window;
    }

    /** What was resolved, for JSON: the kind and, for a beast, its directory, window, seed_core and state hash. */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", text);
        m.put("kind", kind);
        if (state != null) {
            m.put("dir", dir.toString());
            m.put("window", window);
            m.put("seedCore", "0x" + Long.toHexString(state.seedCore));
            m.put("stateHash", "0x" + Hex.of(state.hash()));
        }
        return m;
    }
}
