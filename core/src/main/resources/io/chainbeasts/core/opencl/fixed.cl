/*
 * fixed.cl: the OpenCL C twin of core/src/main/java/io/chainbeasts/core/Fixed.java (SPEC.md section 2).
 * Naming: Java Fixed.name(..) is fixed_name(..) here, in the same order as the Java file.
 * Rules of this file (and of every .cl on the kernel path):
 *  - signed overflow is undefined in OpenCL C, so every wrapping operation is done in uint/ulong;
 *  - a left shift of a negative signed value is undefined too: use fixed_shl64 / fixed_shl32;
 *  - every division or remainder by a value that is not a non-zero literal goes through a guard.
 * No floating point, no mul24/mad24/native_* (DeterminismScanTest).
 */
#define FIXED_FRAC_BITS 16
#define FIXED_ONE 65536
#define FIXED_HALF 32768
#define CB_INT_MAX ((int) 0x7fffffff)
#define CB_INT_MIN ((int) 0x80000000)
#define CB_LONG_MAX ((long) 0x7fffffffffffffffL)
#define CB_LONG_MIN ((long) 0x8000000000000000L)

int fixed_sat32(long x) {
    if (x > (long) CB_INT_MAX) return CB_INT_MAX;
    if (x < (long) CB_INT_MIN) return CB_INT_MIN;
    return (int) x;
}

int fixed_clamp(int x, int lo, int hi) {
    return x < lo ? lo : (x > hi ? hi : x);
}

long fixed_clamp64(long x, long lo, long hi) {
    return x < lo ? lo : (x > hi ? hi : x);
}

int fixed_satAdd(int a, int b) {
    return fixed_sat32((long) a + (long) b);
}

int fixed_satSub(int a, int b) {
    return fixed_sat32((long) a - (long) b);
}

int fixed_wrapAdd(int a, int b) {
    return as_int(as_uint(a) + as_uint(b));
}

long fixed_wrapAdd64(long a, long b) {
    return as_long(as_ulong(a) + as_ulong(b));
}

long fixed_wrapMul64(long a, long b) {
    return as_long(as_ulong(a) * as_ulong(b));
}

/* floor(x / 2^s + 1/2), s in 0..63; (x >> s) <= 2^62 for s >= 1, so the add cannot overflow. */
long fixed_roundShift(long x, int s) {
    if (s == 0) return x;
    return (x >> s) + ((x >> (s - 1)) & 1L);
}

long fixed_floorShift(long x, int s) {
    return x >> s;
}

int fixed_mul(int a, int b) {
    return fixed_sat32(fixed_roundShift((long) a * (long) b, FIXED_FRAC_BITS));
}

int fixed_narrow(long acc) {
    return fixed_sat32(fixed_roundShift(acc, FIXED_FRAC_BITS));
}

int fixed_div(int a, int b) {
    if (b == 0) return 0;
    if (a == CB_INT_MIN && b == -1) return CB_INT_MAX;
    return a / b;
}

int fixed_rem(int a, int b) {
    if (b == 0 || b == -1) return 0;
    return a % b;
}

ulong fixed_remUnsigned(ulong x, ulong n) {
    if (n == 0) return 0;
    return x % n;
}

/* ---- helpers with no Java method of their own (Java gets these from the language) ---- */

/* Java long division a / b (truncating) where Java's divisor is provably non-zero; guarded like fixed_div. */
long fixed_div64(long a, long b) {
    if (b == 0) return 0;
    if (a == CB_LONG_MIN && b == -1) return CB_LONG_MAX;
    return a / b;
}

/* Java unsigned int division (Integer.divideUnsigned); 0 for a zero divisor. */
uint fixed_divUnsigned32(uint a, uint b) {
    if (b == 0) return 0;
    return a / b;
}

/* Java (long) x << s: two's-complement shift without the undefined behaviour of C's signed <<. */
long fixed_shl64(long x, int s) {
    return as_long(as_ulong(x) << (ulong) s);
}

/* Java (int) x << s. */
int fixed_shl32(int x, int s) {
    return as_int(as_uint(x) << (uint) s);
}

/* Java Math.abs(int): MIN_VALUE stays MIN_VALUE. */
int fixed_abs(int x) {
    return x < 0 ? as_int(0u - as_uint(x)) : x;
}

/* Java Math.abs(long). */
long fixed_abs64(long x) {
    return x < 0 ? as_long(0UL - as_ulong(x)) : x;
}

/* Java Integer.bitCount. */
int fixed_bitCount(int x) {
    return (int) popcount(as_uint(x));
}
