package io.chainbeasts.combat;

import io.chainbeasts.core.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of combat golden vectors ({@code spec/vectors/combat/turns.json}): one codec
 * used by the generator, the Java test and the OpenCL twin's test. Fighters are objects with
 * named fields; actions by name; outputs as six integers.
 */
public final class CombatVectors {
    private CombatVectors() {}

    /** One turn case: either a valid case with post/reports/outcome, or an invalid one with an error token. */
    public record Case(String name, String note, String[] arena, BattleState pre, TurnInput input,
                       BattleState post, String reportA, String reportB, String outcome, String postHex, String error) {
        public boolean valid() {
            return error == null;
        }

        public Arena parsedArena() {
            return Arena.parse(arena);
        }
    }

    public static Map<String, Object> fighter(Fighter f) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("x", f.x());
        o.put("y", f.y());
        o.put("hp", f.hp());
        o.put("stamina", f.stamina());
        o.put("attack", f.attack());
        o.put("defense", f.defense());
        o.put("tempDef", f.tempDef());
        o.put("lastAction", ActionKind.name(f.lastAction()));
        return o;
    }

    public static Fighter fighter(Map<String, Object> o) {
        String last = Json.str(o, "lastAction");
        int kind = last.startsWith("?") ? Integer.parseInt(last.substring(1)) : ActionKind.parse(last);
        return new Fighter(Json.int32(o, "x"), Json.int32(o, "y"), Json.int32(o, "hp"), Json.int32(o, "stamina"),
                Json.int32(o, "attack"), Json.int32(o, "defense"), Json.int32(o, "tempDef"), kind);
    }

    public static Map<String, Object> state(BattleState s) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("turn", s.turn());
        o.put("a", fighter(s.a()));
        o.put("b", fighter(s.b()));
        return o;
    }

    public static BattleState state(Map<String, Object> o) {
        return new BattleState(Json.int32(o, "turn"), fighter(Json.obj(o.get("a"), "a")), fighter(Json.obj(o.get("b"), "b")));
    }

    public static Map<String, Object> input(TurnInput in) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("outA", in.out(0));
        o.put("outB", in.out(1));
        o.put("critA", in.critA());
        o.put("critB", in.critB());
        o.put("initiativeB", in.initiativeB());
        return o;
    }

    public static TurnInput input(Map<String, Object> o) {
        return new TurnInput(ints(o.get("outA")), ints(o.get("outB")),
                (Boolean) o.get("critA"), (Boolean) o.get("critB"), (Boolean) o.get("initiativeB"));
    }

    static int[] ints(Object v) {
        List<Object> l = Json.arr(v, "outputs");
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = Math.toIntExact((Long) l.get(i));
        return out;
    }

    public static List<Case> read(String text) {
        Map<String, Object> root = Json.obj(Json.parse(text), "vectors");
        List<Case> cases = new ArrayList<>();
        for (Object c : Json.arr(root.get("cases"), "cases")) {
            Map<String, Object> o = Json.obj(c, "case");
            List<Object> rows = Json.arr(o.get("arena"), "arena");
            String[] arena = rows.stream().map(String::valueOf).toArray(String[]::new);
            String error = o.containsKey("error") ? Json.str(o, "error") : null;
            BattleState post = null;
            String reportA = null;
            String reportB = null;
            String outcome = null;
            String postHex = null;
            if (error == null) {
                post = state(Json.obj(o.get("post"), "post"));
                Map<String, Object> rep = Json.obj(o.get("report"), "report");
                reportA = Json.str(rep, "a");
                reportB = Json.str(rep, "b");
                outcome = Json.str(o, "outcome");
                postHex = Json.str(o, "postHex");
            }
            cases.add(new Case(Json.str(o, "name"), Json.str(o, "note"), arena, state(Json.obj(o.get("pre"), "pre")),
                    input(Json.obj(o.get("input"), "input")), post, reportA, reportB, outcome, postHex, error));
        }
        return cases;
    }
}
