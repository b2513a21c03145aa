package io.chainbeasts.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader and writer for golden vectors, CLI output and metrics. Integers only
 * (the kernel path has no floating point): a number with a fraction or exponent is rejected.
 * Objects keep insertion order ({@link LinkedHashMap}), so output is canonical.
 * Errors name the line and column: {@code "line 3, column 7: expected ':'"}.
 *
 * <p>Input may come from anyone (a published beast store, a chain file), so the reader is bounded: at most
 * {@link #MAX_DEPTH} nested arrays/objects (deeper input is an error, not a stack overflow) and
 * {@link #MAX_CHARS} characters.
 */
public final class Json {
    private Json() {}

    /** The deepest nesting of arrays and objects the reader accepts. */
    public static final int MAX_DEPTH = 64;
    /** The longest text the reader accepts (64 Mi characters). */
    public static final int MAX_CHARS = 64 << 20;

    public static Object parse(String text) {
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("JSON text of " + text.length() + " characters is over the limit of " + MAX_CHARS);
        }
        Parser p = new Parser(text);
        p.ws();
        Object v = p.value();
        p.ws();
        if (p.i != text.length()) throw p.error("trailing characters after the JSON value");
        return v;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> obj(Object v, String what) {
        if (!(v instanceof Map)) throw new IllegalArgumentException(what + ": expected a JSON object");
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> arr(Object v, String what) {
        if (!(v instanceof List)) throw new IllegalArgumentException(what + ": expected a JSON array");
        return (List<Object>) v;
    }

    public static long num(Map<String, Object> o, String field) {
        Object v = o.get(field);
        if (!(v instanceof Long)) throw new IllegalArgumentException("field '" + field + "': expected an integer, got " + v);
        return (Long) v;
    }

    public static int int32(Map<String, Object> o, String field) {
        long v = num(o, field);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("field '" + field + "': " + v + " does not fit in 32 bits");
        }
        return (int) v;
    }

    public static String str(Map<String, Object> o, String field) {
        Object v = o.get(field);
        if (!(v instanceof String)) throw new IllegalArgumentException("field '" + field + "': expected a string, got " + v);
        return (String) v;
    }

    /** Writes a value (Map, List, String, Number, Boolean, null, byte[] as hex) as compact JSON. */
    public static String write(Object v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, -1, 0);
        return sb.toString();
    }

    /** Writes a value as indented JSON (two spaces), arrays of scalars on one line. */
    public static String pretty(Object v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, 2, 0);
        return sb.append('\n').toString();
    }

    private static void write(StringBuilder sb, Object v, int indent, int depth) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String) {
            quote(sb, (String) v);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            sb.append(v);
        } else if (v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof byte[]) {
            quote(sb, Hex.of((byte[]) v));
        } else if (v instanceof int[]) {
            int[] a = (int[]) v;
            sb.append('[');
            for (int i = 0; i < a.length; i++) sb.append(i == 0 ? "" : ",").append(a[i]);
            sb.append(']');
        } else if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) sb.append(',');
                first = false;
                newline(sb, indent, depth + 1);
                quote(sb, String.valueOf(e.getKey()));
                sb.append(indent >= 0 ? ": " : ":");
                write(sb, e.getValue(), indent, depth + 1);
            }
            if (!m.isEmpty()) newline(sb, indent, depth);
            sb.append('}');
        } else if (v instanceof List) {
            List<?> l = (List<?>) v;
            boolean scalars = l.stream().noneMatch(x -> x instanceof Map || x instanceof List);
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) sb.append(scalars && indent >= 0 ? ", " : ",");
                if (!scalars) newline(sb, indent, depth + 1);
                write(sb, l.get(i), indent, depth + 1);
            }
            if (!scalars && !l.isEmpty()) newline(sb, indent, depth);
            sb.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + v.getClass().getSimpleName() + " as JSON");
        }
    }

    private static void newline(StringBuilder sb, int indent, int depth) {
        if (indent < 0) return;
        sb.append('\n');
        for (int i = 0; i < indent * depth; i++) sb.append(' ');
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    else sb.append(c);
            }
        }
        sb.append('"');
    }

    private static final class Parser {
        final String s;
        int i;
        int depth;

        Parser(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String msg) {
            int line = 1, col = 1;
            for (int k = 0; k < i && k < s.length(); k++) {
                if (s.charAt(k) == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
            }
            return new IllegalArgumentException("line " + line + ", column " + col + ": " + msg);
        }

        void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        char peek() {
            if (i >= s.length()) throw error("unexpected end of input");
            return s.charAt(i);
        }

        void expect(char c) {
            if (peek() != c) throw error("expected '" + c + "'");
            i++;
        }

        Object value() {
            char c = peek();
            switch (c) {
                case '{':
                case '[': {
                    if (++depth > MAX_DEPTH) throw error("nested deeper than " + MAX_DEPTH + " arrays/objects");
                    Object v = c == '{' ? object() : array();
                    depth--;
                    return v;
                }
                case '"': return string();
                case 't': literal("true"); return Boolean.TRUE;
                case 'f': literal("false"); return Boolean.FALSE;
                case 'n': literal("null"); return null;
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return number();
                    throw error("unexpected character '" + c + "'");
            }
        }

        void literal(String word) {
            if (!s.startsWith(word, i)) throw error("expected " + word);
            i += word.length();
        }

        Map<String, Object> object() {
            expect('{');
            Map<String, Object> m = new LinkedHashMap<>();
            ws();
            if (peek() == '}') {
                i++;
                return m;
            }
            while (true) {
                ws();
                String key = string();
                ws();
                expect(':');
                ws();
                if (m.containsKey(key)) throw error("duplicate key '" + key + "'");
                m.put(key, value());
                ws();
                if (peek() == ',') {
                    i++;
                    continue;
                }
                expect('}');
                return m;
            }
        }

        List<Object> array() {
            expect('[');
            List<Object> l = new ArrayList<>();
            ws();
            if (peek() == ']') {
                i++;
                return l;
            }
            while (true) {
                ws();
                l.add(value());
                ws();
                if (peek() == ',') {
                    i++;
                    continue;
                }
                expect(']');
                return l;
            }
        }

        String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = peek();
                i++;
                if (c == '"') return sb.toString();
                if (c == '\\') {
                    char e = peek();
                    i++;
                    switch (e) {
                        case '"': sb.append('"'); break;
                        case '\\': sb.append('\\'); break;
                        case '/': sb.append('/'); break;
                        case 'n': sb.append('\n'); break;
                        case 'r': sb.append('\r'); break;
                        case 't': sb.append('\t'); break;
                        case 'b': sb.append('\b'); break;
                        case 'f': sb.append('\f'); break;
                        case 'u':
                            if (i + 4 > s.length()) throw error("truncated \\u escape");
                            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                            break;
                        default: throw error("bad escape '\\" + e + "'");
                    }
                } else {
                    sb.append(c);
                }
            }
        }

        Long number() {
            int start = i;
            if (peek() == '-') i++;
            while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
            if (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                throw error("only integers are allowed (no fractions or exponents)");
            }
            try {
                return Long.parseLong(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw error("integer out of 64-bit range");
            }
        }
    }
}
