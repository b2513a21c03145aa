package io.chainbeasts.core;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The determinism contract, enforced on every kernel-path module's main sources. */
class DeterminismScanTest {
    @Test
    void kernelPathSourcesAreDeterministic() {
        List<String> findings = DeterminismScan.scan(Vectors.repoRoot());
        if (!findings.isEmpty()) {
            fail("kernel-path sources break the determinism contract (SPEC.md section 'Determinism contract'):\n  "
                    + String.join("\n  ", findings));
        }
    }

    @Test
    void scannerCatchesEachForbiddenConstruct() {
        String bad = String.join("\n",
                "class X {",
                "  double d = 1;",
                "  long t = System.nanoTime();",
                "  int r = (int) (Math.random() * 3);",
                "  java.util.Map<String, Integer> m = new java.util.HashMap<>();",
                "  byte[] b = s.getBytes();",
                "  String f = String.format(\"%d\", 3);",
                "}");
        List<String> findings = DeterminismScan.scanJavaText("X.java", bad);
        assertEquals(6, findings.size(), String.join("\n", findings));
        assertTrue(findings.get(0).startsWith("X.java:2:"), findings.get(0));
        assertTrue(findings.get(0).contains("Fixed"), "each finding carries its fix: " + findings.get(0));
    }

    @Test
    void scannerIgnoresCommentsStringsAndOrderedMaps() {
        String ok = String.join("\n",
                "class Y {",
                "  // a double in a comment is fine",
                "  /* float too */",
                "  String s = \"double float HashMap\";",
                "  java.util.Map<String, Integer> m = new java.util.LinkedHashMap<>();",
                "}");
        assertEquals(List.of(), DeterminismScan.scanJavaText("Y.java", ok));
    }

    @Test
    void openClRulesCatchFloatsAndMul24() {
        List<String> findings = DeterminismScan.scanOpenClText("k.cl", "float x = 1;\nint y = mul24(a, b);\nint z = a + b;");
        assertEquals(2, findings.size(), String.join("\n", findings));
    }
}
