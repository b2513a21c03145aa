package io.chainbeasts.core;

/**
 * SplitMix64 (Steele, Lea, Flood 2014; Vigna's public-domain splitmix64.c): the project's one PRNG.
 *
 * <p>{@code next()} adds the golden gamma to the state and returns {@link #mix} of the new state,
 * exactly as the reference C code does. {@link #hash(long)} is the stateless form
 * {@code mix(x + GAMMA)} used wherever the spec writes {@code splitMix64(x)}.
 */
public final class SplitMix64 {
    public static final long GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** The current state (what must be stored to resume the stream). */
    public long state() {
        return state;
    }

    public long next() {
        state += GAMMA;
        return mix(state);
    }

    /** Uniform-ish value in [0, bound) by unsigned remainder; bound must be positive. */
    public int nextInt(int bound) {
        assert bound > 0 : "nextInt: bound must be positive";
        return (int) Fixed.remUnsigned(next(), bound);
    }

    /** The SplitMix64 output function (variant 13 of Stafford's mixers). */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Stateless {@code splitMix64(x)}: the first output of a generator seeded with x. */
    public static long hash(long x) {
        return mix(x + GAMMA);
    }
}
