/*
 * splitmix64.cl: the OpenCL C twin of core/.../SplitMix64.java (SPEC.md section 3).
 * All arithmetic is on ulong, which wraps in OpenCL C exactly like Java's long.
 */
#define SPLITMIX64_GAMMA 0x9E3779B97F4A7C15UL

typedef struct {
    ulong state;
} SplitMix64;

SplitMix64 splitmix64_new(ulong seed) {
    SplitMix64 r;
    r.state = seed;
    return r;
}

ulong splitmix64_mix(ulong z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
    return z ^ (z >> 31);
}

ulong splitmix64_next(SplitMix64 *r) {
    r->state += SPLITMIX64_GAMMA;
    return splitmix64_mix(r->state);
}

/* bound must be positive (Java asserts it); the remainder is guarded anyway. */
int splitmix64_nextInt(SplitMix64 *r, int bound) {
    return (int) fixed_remUnsigned(splitmix64_next(r), (ulong) (long) bound);
}

ulong splitmix64_hash(ulong x) {
    return splitmix64_mix(x + SPLITMIX64_GAMMA);
}
