package io.chainbeasts.combat;

import io.chainbeasts.core.CanonicalReader;
import io.chainbeasts.core.CanonicalWriter;

/**
 * Everything a turn reads besides the state: both policies' six outputs and both crit flags and
 * the initiative (which side wins a cell both move onto: false = A, true = B).
 *
 * <p>Canonical encoding (51 bytes): {@code 6 x i32 outA, 6 x i32 outB, u8 critA, u8 critB, u8 initiativeB}.
 */
public record TurnInput(int[] outA, int[] outB, boolean critA, boolean critB, boolean initiativeB) {
    public static final int ENCODED_SIZE = 2 * Appendage.OUTPUTS * 4 + 3;

    public TurnInput {
        outA = outA.clone();
        outB = outB.clone();
    }

    public int[] out(int side) {
        return side == 0 ? outA.clone() : outB.clone();
    }

    public boolean crit(int side) {
        return side == 0 ? critA : critB;
    }

    public void encode(CanonicalWriter w) {
        for (int v : outA) w.i32(v);
        for (int v : outB) w.i32(v);
        w.bool(critA).bool(critB).bool(initiativeB);
    }

    public static TurnInput decode(CanonicalReader r) {
        int[] a = new int[Appendage.OUTPUTS];
        int[] b = new int[Appendage.OUTPUTS];
        for (int i = 0; i < a.length; i++) a[i] = r.i32("outA[" + i + "]");
        for (int i = 0; i < b.length; i++) b[i] = r.i32("outB[" + i + "]");
        return new TurnInput(a, b, r.bool("critA"), r.bool("critB"), r.bool("initiativeB"));
    }
}
