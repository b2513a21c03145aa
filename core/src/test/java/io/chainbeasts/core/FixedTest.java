package io.chainbeasts.core;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every fixed-point operation against a BigInteger model of its SPEC.md definition, boundaries included. */
class FixedTest {
    private static final BigInteger I32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger I32_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

    static int satModel(BigInteger v) {
        return v.max(I32_MIN).min(I32_MAX).intValueExact();
    }

    /** floor(x / 2^s + 1/2) = floor((2x + 2^s) / 2^(s+1)) exactly. */
    static long roundShiftModel(long x, int s) {
        if (s == 0) return x;
        BigInteger num = BigInteger.valueOf(x).shiftLeft(1).add(BigInteger.ONE.shiftLeft(s));
        return floorDiv(num, BigInteger.ONE.shiftLeft(s + 1)).longValueExact();
    }

    static BigInteger floorDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() != 0 && (qr[1].signum() != b.signum()) ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    @Provide
    Arbitrary<Integer> ints() {
        return Arbitraries.oneOf(
                Arbitraries.of(Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -65537, -65536, -32768, -2, -1, 0, 1, 2,
                        32767, 32768, 65535, 65536, Integer.MAX_VALUE - 1, Integer.MAX_VALUE),
                Arbitraries.integers());
    }

    @Provide
    Arbitrary<Long> longs() {
        return Arbitraries.oneOf(
                Arbitraries.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, 0L, 1L, Long.MAX_VALUE - 1, Long.MAX_VALUE,
                        (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE, 1L << 32, -(1L << 32), 3L << 15, -(3L << 15)),
                Arbitraries.longs());
    }

    @Property(tries = 3000)
    void roundShiftMatchesModel(@ForAll("longs") long x, @ForAll @IntRange(min = 0, max = 63) int s) {
        assertEquals(roundShiftModel(x, s), Fixed.roundShift(x, s), "x=" + x + " s=" + s);
    }

    @Property(tries = 2000)
    void floorShiftIsFloorDivision(@ForAll("longs") long x, @ForAll @IntRange(min = 0, max = 63) int s) {
        assertEquals(floorDiv(BigInteger.valueOf(x), BigInteger.ONE.shiftLeft(s)).longValueExact(), Fixed.floorShift(x, s));
    }

    @Property(tries = 3000)
    void mulIsRoundedSaturatedQ16Product(@ForAll("ints") int a, @ForAll("ints") int b) {
        BigInteger p = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
        BigInteger num = p.shiftLeft(1).add(BigInteger.ONE.shiftLeft(16));
        int expected = satModel(floorDiv(num, BigInteger.ONE.shiftLeft(17)));
        assertEquals(expected, Fixed.mul(a, b), "a=" + a + " b=" + b);
    }

    @Property(tries = 2000)
    void narrowIsRoundedSaturated(@ForAll("longs") long acc) {
        assertEquals(satModel(BigInteger.valueOf(roundShiftModel(acc, 16))), Fixed.narrow(acc));
    }

    @Property(tries = 2000)
    void satAddAndSubSaturate(@ForAll("ints") int a, @ForAll("ints") int b) {
        assertEquals(satModel(BigInteger.valueOf(a).add(BigInteger.valueOf(b))), Fixed.satAdd(a, b));
        assertEquals(satModel(BigInteger.valueOf(a).subtract(BigInteger.valueOf(b))), Fixed.satSub(a, b));
    }

    @Property(tries = 2000)
    void wrapAddIsModulo2Pow32(@ForAll("ints") int a, @ForAll("ints") int b) {
        BigInteger sum = BigInteger.valueOf(a).add(BigInteger.valueOf(b));
        assertEquals(sum.intValue(), Fixed.wrapAdd(a, b));
    }

    @Property(tries = 2000)
    void wrapArithmetic64IsModulo2Pow64(@ForAll("longs") long a, @ForAll("longs") long b) {
        assertEquals(BigInteger.valueOf(a).add(BigInteger.valueOf(b)).longValue(), Fixed.wrapAdd64(a, b));
        assertEquals(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).longValue(), Fixed.wrapMul64(a, b));
    }

    @Property(tries = 3000)
    void divTruncatesAndNeverThrows(@ForAll("ints") int a, @ForAll("ints") int b) {
        int expected;
        int expectedRem;
        if (b == 0) {
            expected = 0;
            expectedRem = 0;
        } else {
            BigInteger[] qr = BigInteger.valueOf(a).divideAndRemainder(BigInteger.valueOf(b)); // truncating
            expected = satModel(qr[0]);
            expectedRem = b == -1 ? 0 : qr[1].intValueExact();
        }
        assertEquals(expected, Fixed.div(a, b), "a=" + a + " b=" + b);
        assertEquals(expectedRem, Fixed.rem(a, b), "a=" + a + " b=" + b);
    }

    @Property(tries = 1000)
    void clampStaysInRange(@ForAll("ints") int x, @ForAll("ints") int p, @ForAll("ints") int q) {
        int lo = Math.min(p, q);
        int hi = Math.max(p, q);
        int c = Fixed.clamp(x, lo, hi);
        assertEquals(Math.max(lo, Math.min(hi, x)), c);
    }

    @Property(tries = 1000)
    void remUnsignedMatchesModel(@ForAll("longs") long x, @ForAll("longs") long n) {
        BigInteger ux = new BigInteger(Long.toUnsignedString(x));
        BigInteger un = new BigInteger(Long.toUnsignedString(n));
        long expected = n == 0 ? 0 : ux.mod(un).longValue();
        assertEquals(expected, Fixed.remUnsigned(x, n));
    }
}
