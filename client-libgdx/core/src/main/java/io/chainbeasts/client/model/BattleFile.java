package io.chainbeasts.client.model;

import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.core.AtomicFile;
import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The battle JSON that {@code chainbeasts battle --json} writes (same fields, same order): seed, policyA,
 * policyB, a, b (the fighters described), outcome, turns, battleHash, log. Export never replaces an existing file; open replays the log
 * through the rules and checks the recorded hash.
 */
public final class BattleFile {
    private BattleFile() {}

    /** A battle with the names of its two sides and their descriptions (see {@link Contender#toJson}). */
    public record Battle(BattleLog log, String policyA, String policyB, Map<String, Object> fighterA, Map<String, Object> fighterB) {
        /** A battle whose sides are described by name only (the coach screen's "you"). */
        public Battle(BattleLog log, String policyA, String policyB) {
            this(log, policyA, policyB, named(policyA), named(policyB));
        }

        private static Map<String, Object> named(String name) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("kind", name);
            return m;
        }
    }

    public static Map<String, Object> toJson(Battle b) {
        BattleLog log = b.log();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("seed", Long.toUnsignedString(log.setup().seed()));
        o.put("policyA", b.policyA());
        o.put("policyB", b.policyB());
        o.put("a", b.fighterA());
        o.put("b", b.fighterB());
        o.put("outcome", log.outcome().toString());
        o.put("turns", log.turns().size());
        o.put("battleHash", "0x" + log.hashHex());
        o.put("log", "0x" + Hex.of(log.toBytes()));
        return o;
    }

    public static byte[] bytes(Battle b) {
        return Json.pretty(toJson(b)).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes {@code b} to {@code file} atomically; an existing file is never replaced. */
    public static void export(Battle b, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) throw new ClientError("cannot write " + file + ": its folder does not exist");
        if (Files.exists(file)) throw new ClientError(file + " already exists; choose another name (nothing was overwritten)");
        try {
            AtomicFile.create(file, bytes(b));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new ClientError(file + " already exists; choose another name (nothing was overwritten)");
        } catch (IOException e) {
            throw new ClientError("cannot write " + file + ": " + ClientError.sentence(e));
        }
    }

    /** Reads a battle JSON file, replays its log and checks its hash; any problem is one {@link ClientError}. */
    public static Battle open(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ClientError("cannot read " + file + ": " + ClientError.sentence(e));
        }
        try {
            Map<String, Object> o = Json.obj(Json.parse(text), "battle");
            String logHex = Json.str(o, "log");
            BattleLog log = BattleLog.replay(Hex.parse(logHex));
            String hash = "0x" + log.hashHex();
            if (o.containsKey("battleHash") && !hash.equalsIgnoreCase(Json.str(o, "battleHash"))) {
                throw new ClientError(file + ": battleHash " + Json.str(o, "battleHash") + " is not the log's hash " + hash);
            }
            String a = o.get("policyA") instanceof String s ? s : "A";
            String b = o.get("policyB") instanceof String s ? s : "B";
            return new Battle(log, a, b);
        } catch (DecodeException | IllegalArgumentException | ClassCastException e) {
            throw new ClientError(file + ": " + ClientError.sentence(e));
        }
    }
}
