package io.chainbeasts.engine;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measures the error of the integer exp / sigmoid / softmax / log against float64 over dense sweeps
 * and pins the bounds written in SPEC.md section 11 (in units of 2^-16 unless stated).
 */
class IntMathTest {
    static final double ONE = 65536.0;

    @Test
    void tablesAreTheSpecifiedRoundings() {
        for (int i = 0; i < IntMath.EXP.length; i++) assertEquals(Math.round(ONE * Math.exp(-i / 16.0)), IntMath.EXP[i], "EXP[" + i + "]");
        for (int i = 0; i < IntMath.LOG2.length; i++) {
            assertEquals(Math.round(ONE * Math.log(1 + i / 64.0) / Math.log(2)), IntMath.LOG2[i], "LOG2[" + i + "]");
        }
    }

    @Test
    void expNegErrorBound() {
        double worst = 0;
        for (int z = 0; z <= IntMath.EXP_ZERO_AT + 4096; z += 7) {
            double err = Math.abs(IntMath.expNeg(z) - ONE * Math.exp(-z / ONE));
            worst = Math.max(worst, err);
        }
        System.out.printf(Locale.ROOT, "expNeg: max abs error %.1f / 65536 (%.2e)%n", worst, worst / ONE);
        assertTrue(worst <= 32, "expNeg error " + worst); // linear interpolation at step 1/16: h^2/8 = 1/2048 = 32 / 65536
    }

    @Test
    void sigmoidErrorBound() {
        double worst = 0;
        for (int z = -20 * 65536; z <= 20 * 65536; z += 13) {
            double err = Math.abs(IntMath.sigmoid(z) - ONE / (1 + Math.exp(-z / ONE)));
            worst = Math.max(worst, err);
        }
        System.out.printf(Locale.ROOT, "sigmoid: max abs error %.1f / 65536 (%.2e)%n", worst, worst / ONE);
        assertTrue(worst <= 10, "sigmoid error " + worst);
    }

    @Test
    void softmaxErrorBound() {
        io.chainbeasts.core.SplitMix64 r = new io.chainbeasts.core.SplitMix64(5);
        int[] z = new int[4];
        int[] p = new int[4];
        double worst = 0;
        for (int n = 0; n < 200_000; n++) {
            for (int k = 0; k < 4; k++) z[k] = r.nextInt(24 * 65536) - 12 * 65536;
            IntMath.softmax(z, 0, 4, p);
            double max = Math.max(Math.max(z[0], z[1]), Math.max(z[2], z[3])) / ONE;
            double sum = 0;
            for (int k = 0; k < 4; k++) sum += Math.exp(z[k] / ONE - max);
            int total = 0;
            for (int k = 0; k < 4; k++) {
                worst = Math.max(worst, Math.abs(p[k] - ONE * Math.exp(z[k] / ONE - max) / sum));
                total += p[k];
            }
            assertTrue(total <= 65536 && total >= 65536 - 4, "probabilities sum to 1 within 4 ulp: " + total);
        }
        System.out.printf(Locale.ROOT, "softmax: max abs error %.1f / 65536 (%.2e)%n", worst, worst / ONE);
        assertTrue(worst <= 10, "softmax error " + worst);
    }

    @Test
    void negLnErrorBound() {
        double worst = 0;
        for (int p = 1; p <= 65536; p++) {
            double exact = Math.min(16 * ONE, -ONE * Math.log(p / ONE));
            worst = Math.max(worst, Math.abs(IntMath.negLn(p) - exact));
        }
        System.out.printf(Locale.ROOT, "negLn: max abs error %.1f / 65536 (%.2e)%n", worst, worst / ONE);
        assertTrue(worst <= 4, "negLn error " + worst);
        assertEquals(IntMath.MAX_LOSS, IntMath.negLn(0));
    }
}
