package io.chainbeasts.engine.opencl;

import io.chainbeasts.combat.Appendage;
import io.chainbeasts.combat.Lookahead;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.curriculum.Curriculum;
import io.chainbeasts.curriculum.Label;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.InputEncoder;
import io.chainbeasts.engine.NetShape;
import io.chainbeasts.engine.Sampler;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The host/kernel layout and the constants each rule's twins share are written twice, once in Java and once as
 * {@code #define}s in the OpenCL program; this test reads the assembled program (no OpenCL device needed) and fails,
 * naming the define, on any difference: every {@link KernelLayout} constant, and the mirrored rule constants below.
 */
class KernelLayoutTest {
    @Test
    void everyLayoutConstantIsTheKernelsDefine() throws Exception {
        Map<String, Long> defines = defines(KernelSource.program());
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Field f : KernelLayout.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != int.class) continue;
            checked++;
            compare(defines, f.getName(), f.getInt(null), wrong);
        }
        assertTrue(checked >= 40, checked + " layout constants");
        assertTrue(wrong.isEmpty(), "the Java layout and the kernel's #defines disagree:\n  " + String.join("\n  ", wrong));
    }

    @Test
    void mirroredRuleConstantsAreTheKernelsDefines() throws Exception {
        Map<String, Long> defines = defines(KernelSource.program());
        Map<String, Long> java = new LinkedHashMap<>();
        java.put("SEASON_FIELDS", (long) SeasonConstants.ENCODED_SIZE / 2);
        java.put("APPENDAGE_OUTPUTS", (long) Appendage.OUTPUTS);
        java.put("APPENDAGE_OUT_POWER", (long) Appendage.OUT_POWER);
        java.put("APPENDAGE_OUT_BLOCK", (long) Appendage.OUT_BLOCK);
        java.put("LOOKAHEAD_REST", (long) Lookahead.REST);
        java.put("LOOKAHEAD_ATTACK", (long) Lookahead.ATTACK);
        java.put("LOOKAHEAD_BLOCK", (long) Lookahead.BLOCK);
        java.put("LOOKAHEAD_CANDIDATES", (long) Lookahead.CANDIDATES);
        java.put("LOOKAHEAD_ILLEGAL", Lookahead.ILLEGAL);
        java.put("LOOKAHEAD_TEACHER_DEPTH", (long) Lookahead.TEACHER_DEPTH);
        java.put("LOOKAHEAD_WIN", Lookahead.WIN);
        java.put("LOOKAHEAD_HP_WEIGHT", (long) Lookahead.HP_WEIGHT);
        java.put("LOOKAHEAD_STAMINA_WEIGHT", (long) Lookahead.STAMINA_WEIGHT);
        java.put("LOOKAHEAD_TEMP_DEF_WEIGHT", (long) Lookahead.TEMP_DEF_WEIGHT);
        java.put("LOOKAHEAD_DISTANCE_WEIGHT", (long) Lookahead.DISTANCE_WEIGHT);
        java.put("LOOKAHEAD_MANHATTAN_WEIGHT", (long) Lookahead.MANHATTAN_WEIGHT);
        java.put("LOOKAHEAD_UNREACHABLE_DISTANCE", (long) Lookahead.UNREACHABLE_DISTANCE);
        java.put("LOOKAHEAD_PROBABILITY_SHIFT", (long) staticInt(Lookahead.class, "PROBABILITY_SHIFT"));
        java.put("LABEL_STAY", (long) Label.STAY);
        java.put("LABEL_NONE", (long) Label.NONE);
        java.put("LABELS_STAKES_DECISIVE", staticLong(io.chainbeasts.curriculum.Labels.class, "STAKES_DECISIVE"));
        java.put("CURRICULUM_HEAD_MOVE", (long) Curriculum.HEAD_MOVE);
        java.put("CURRICULUM_HEAD_POWER", (long) Curriculum.HEAD_POWER);
        java.put("CURRICULUM_HEAD_BLOCK", (long) Curriculum.HEAD_BLOCK);
        java.put("NET_N_IN", (long) NetShape.N_IN);
        java.put("NET_HIDDEN", (long) NetShape.HIDDEN);
        java.put("NET_SLOTS", (long) NetShape.SLOTS);
        java.put("NET_N_OUT", (long) NetShape.N_OUT);
        java.put("NET_MOVE_OUTS", (long) NetShape.MOVE_OUTS);
        java.put("NET_OUT_STAY", (long) NetShape.OUT_STAY);
        java.put("NET_OUT_POWER", (long) NetShape.OUT_POWER);
        java.put("NET_OUT_BLOCK", (long) NetShape.OUT_BLOCK);
        java.put("NET_HATCH_MASK", (long) NetShape.HATCH_MASK);
        java.put("NET_SLAB_PARAMS", (long) NetShape.SLAB_PARAMS);
        java.put("BEASTSTATE_VERSION", (long) BeastState.VERSION);
        java.put("HATCHERY_W1_LIMIT", (long) Hatchery.W1_LIMIT);
        java.put("HATCHERY_W2_LIMIT", (long) Hatchery.W2_LIMIT);
        java.put("SAMPLER_SELF_PLAY_TURNS", (long) Sampler.SELF_PLAY_TURNS);
        java.put("WINDOW_STEPS", (long) Window.STEPS);
        java.put("WINDOW_GROWTH_STEP", (long) Window.GROWTH_STEP);
        java.put("CONTEXT_NO_GROWTH", (long) WindowContext.NO_GROWTH);
        for (Field f : InputEncoder.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && Modifier.isPublic(f.getModifiers()) && f.getType() == int.class) {
                java.put("INPUT_" + f.getName(), (long) f.getInt(null));
            }
        }
        List<String> wrong = new ArrayList<>();
        java.forEach((name, value) -> compare(defines, name, value, wrong));
        assertTrue(wrong.isEmpty(), "Java and its OpenCL twin disagree on:\n  " + String.join("\n  ", wrong));
    }

    @Test
    void theExpressionReaderReadsWhatTheKernelWrites() {
        Map<String, Long> d = defines("#define A 3\n#define B (A + 4 * 2)\n#define C (1L << 20)\n#define D (-0x7FFFFFFFFFFFFFFFL - 1L)\n"
                + "#define E (B / 2)\n#define F 0x10UL\n");
        assertEquals(11, d.get("B"));
        assertEquals(1L << 20, d.get("C"));
        assertEquals(Long.MIN_VALUE, d.get("D"));
        assertEquals(5, d.get("E"));
        assertEquals(16, d.get("F"));
    }

    static void compare(Map<String, Long> defines, String name, long value, List<String> wrong) {
        Long cl = defines.get(name);
        if (cl == null) wrong.add(name + ": Java " + value + ", no #define in the program");
        else if (cl != value) wrong.add(name + ": Java " + value + ", OpenCL " + cl);
    }

    static int staticInt(Class<?> c, String name) throws Exception {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.getInt(null);
    }

    static long staticLong(Class<?> c, String name) throws Exception {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.getLong(null);
    }

    private static final Pattern DEFINE = Pattern.compile("(?m)^#define\\s+([A-Z][A-Z0-9_]*)\\s+(.+?)\\s*$");

    /** Every object-like {@code #define} whose value is an integer expression over literals and earlier defines. */
    static Map<String, Long> defines(String source) {
        Map<String, Long> out = new LinkedHashMap<>();
        Matcher m = DEFINE.matcher(source);
        while (m.find()) {
            try {
                out.put(m.group(1), new Expr(m.group(2), out).parse());
            } catch (IllegalArgumentException e) {
                // not an integer expression (a function-like macro or a string): not a layout constant
            }
        }
        return out;
    }

    /** A tiny reader for the kernel's constant expressions: + - * / << ( ) unary minus, hex and decimal with L/U suffixes. */
    static final class Expr {
        private final String s;
        private final Map<String, Long> names;
        private int i;

        Expr(String s, Map<String, Long> names) {
            this.s = s;
            this.names = names;
        }

        long parse() {
            long v = shift();
            skip();
            if (i != s.length()) throw new IllegalArgumentException("trailing " + s.substring(i));
            return v;
        }

        private long shift() {
            long v = sum();
            while (peek("<<")) {
                i += 2;
                v = v << sum();
            }
            return v;
        }

        private long sum() {
            long v = product();
            while (true) {
                if (peek("+")) { i++; v += product(); } else if (peek("-")) { i++; v -= product(); } else return v;
            }
        }

        private long product() {
            long v = unary();
            while (true) {
                if (peek("*")) { i++; v *= unary(); } else if (peek("/") && !peek("//")) { i++; v /= unary(); } else return v;
            }
        }

        private long unary() {
            if (peek("-")) {
                i++;
                return -unary();
            }
            if (peek("(")) {
                i++;
                long v = shift();
                if (!peek(")")) throw new IllegalArgumentException("missing )");
                i++;
                return v;
            }
            skip();
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
            String tok = s.substring(start, i);
            if (tok.isEmpty()) throw new IllegalArgumentException("expected a value at " + start);
            if (Character.isDigit(tok.charAt(0))) {
                String digits = tok.replaceAll("[uUlL]+$", "");
                return digits.startsWith("0x") || digits.startsWith("0X") ? Long.parseUnsignedLong(digits.substring(2), 16) : Long.parseLong(digits);
            }
            Long v = names.get(tok);
            if (v == null) throw new IllegalArgumentException("unknown name " + tok);
            return v;
        }

        private boolean peek(String t) {
            skip();
            return s.startsWith(t, i);
        }

        private void skip() {
            while (i < s.length() && s.charAt(i) == ' ') i++;
        }
    }
}
