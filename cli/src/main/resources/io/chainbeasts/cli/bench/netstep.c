/*
 * The C ceiling of the net's training step (chainbeasts bench, bench/c-ceiling.sh): forward, loss gradient,
 * backward and update with the integer arithmetic of engine-kernel's Net (SPEC.md "Net", "Training step"),
 * written plainly and compiled with gcc -O3 -march=native. It replays a trace of real training steps written
 * by the Java bench (inputs, label, heads, lrShift, activeMask per step, from the state before the first step),
 * times it with the thread's CPU clock (median of the repeats), and writes the final weights so the bench can
 * check them bit for bit against Java's.
 *
 * Usage: netstep TRACE WEIGHTS_OUT REPEATS       prints "steps <n>" and "median_ns <n>" (CPU time of all the steps)
 * Trace (big-endian): "CBNT" u32 steps, u32 N_IN, u32 HIDDEN, u32 N_OUT, then i32 w1[HIDDEN*N_IN], b1[HIDDEN],
 * w2[N_OUT*HIDDEN], b2[N_OUT]; per step i32 x[N_IN], move, power, block, weightShift, heads, lrShift, activeMask.
 * Weights out: the same four arrays, big-endian.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N_IN 200
#define HIDDEN 64
#define N_OUT 7
#define UNITS_PER_SLOT 8
#define MOVE_OUTS 5
#define OUT_POWER 5
#define OUT_BLOCK 6
#define NONE 255
#define ONE 65536
#define EXP_ZERO_AT (16 << 16)

static const int32_t EXP[257] = {
    65536, 61565, 57835, 54331, 51039, 47947, 45042, 42313, 39750, 37341, 35079, 32954, 30957, 29081,
    27319, 25664, 24109, 22649, 21276, 19987, 18776, 17639, 16570, 15566, 14623, 13737, 12905, 12123,
    11388, 10698, 10050, 9441, 8869, 8332, 7827, 7353, 6907, 6489, 6096, 5726, 5380, 5054, 4747, 4460,
    4190, 3936, 3697, 3473, 3263, 3065, 2879, 2705, 2541, 2387, 2243, 2107, 1979, 1859, 1746, 1641, 1541,
    1448, 1360, 1278, 1200, 1128, 1059, 995, 935, 878, 825, 775, 728, 684, 642, 604, 567, 533, 500, 470,
    442, 415, 390, 366, 344, 323, 303, 285, 268, 252, 236, 222, 209, 196, 184, 173, 162, 153, 143, 135,
    127, 119, 112, 105, 99, 93, 87, 82, 77, 72, 68, 64, 60, 56, 53, 50, 47, 44, 41, 39, 36, 34, 32, 30,
    28, 27, 25, 23, 22, 21, 19, 18, 17, 16, 15, 14, 13, 13, 12, 11, 10, 10, 9, 9, 8, 8, 7, 7, 6, 6, 6, 5,
    5, 5, 4, 4, 4, 4, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0};

typedef struct { int32_t w1[HIDDEN * N_IN], b1[HIDDEN], w2[N_OUT * HIDDEN], b2[N_OUT]; } State;
typedef struct { int32_t x[N_IN]; int32_t move, power, block, weight_shift, heads, lr, mask; } Step;

static inline int32_t sat32(int64_t v) { return v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : (int32_t) v; }
static inline int64_t round_shift(int64_t x, int s) { return s == 0 ? x : (x >> s) + ((x >> (s - 1)) & 1); }
static inline int32_t narrow(int64_t acc) { return sat32(round_shift(acc, 16)); }
static inline int32_t sat_sub(int32_t a, int32_t b) { return sat32((int64_t) a - b); }
static inline int active(int32_t mask, int j) { return (((uint32_t) mask >> (j / UNITS_PER_SLOT)) & 1) != 0; }

static int32_t exp_neg(int32_t z) {
    if (z >= EXP_ZERO_AT) return 0;
    int idx = z >> 12, frac = z & 0xFFF;
    return EXP[idx] + (int32_t) (((int64_t) (EXP[idx + 1] - EXP[idx]) * frac) >> 12);
}

static int32_t sigmoid(int32_t z) {
    int32_t c = z < -EXP_ZERO_AT ? -EXP_ZERO_AT : z > EXP_ZERO_AT ? EXP_ZERO_AT : z;
    if (c >= 0) return (int32_t) ((INT64_C(1) << 32) / (ONE + exp_neg(c)));
    int32_t e = exp_neg(-c);
    return (int32_t) (((int64_t) e << 16) / (ONE + e));
}

/* forward + loss gradient + backward + update: Net.forward, Net.lossAndGradient, Net.backwardAndUpdate */
static void step(State *s, const Step *t) {
    int32_t pre[HIDDEN], h[HIDDEN], out[N_OUT], g[N_OUT], gh[HIDDEN];
    int nz[N_IN], n = 0;
    for (int i = 0; i < N_IN; i++) if (t->x[i] != 0) nz[n++] = i;
    for (int j = 0; j < HIDDEN; j++) {
        if (!active(t->mask, j)) { pre[j] = 0; h[j] = 0; continue; }
        int64_t acc = (int64_t) s->b1[j] << 16;
        const int32_t *row = s->w1 + j * N_IN;
        for (int q = 0; q < n; q++) acc += (int64_t) row[nz[q]] * t->x[nz[q]];
        pre[j] = narrow(acc);
        h[j] = pre[j] > 0 ? pre[j] : 0;
    }
    for (int k = 0; k < N_OUT; k++) {
        int64_t acc = (int64_t) s->b2[k] << 16;
        for (int j = 0; j < HIDDEN; j++) acc += (int64_t) s->w2[k * HIDDEN + j] * h[j];
        out[k] = narrow(acc);
    }
    memset(g, 0, sizeof g);
    if ((t->heads & 1) && t->move != NONE) {
        int32_t max = out[0], p[MOVE_OUTS];
        for (int k = 1; k < MOVE_OUTS; k++) if (out[k] > max) max = out[k];
        int64_t sum = 0;
        for (int k = 0; k < MOVE_OUTS; k++) {
            int64_t d = (int64_t) max - out[k];
            p[k] = exp_neg((int32_t) (d < EXP_ZERO_AT ? d : EXP_ZERO_AT));
            sum += p[k];
        }
        for (int k = 0; k < MOVE_OUTS; k++) g[k] = (int32_t) (((int64_t) p[k] << 16) / sum) - (k == t->move ? ONE : 0);
    }
    if ((t->heads & 2) && t->power != NONE) g[OUT_POWER] = sigmoid(out[OUT_POWER]) - (t->power == 1 ? ONE : 0);
    if ((t->heads & 4) && t->block != NONE) g[OUT_BLOCK] = sigmoid(out[OUT_BLOCK]) - (t->block == 1 ? ONE : 0);
    if (t->weight_shift > 0) for (int k = 0; k < N_OUT; k++) g[k] = sat32((int64_t) g[k] << t->weight_shift);
    int lr = t->lr;
    for (int j = 0; j < HIDDEN; j++) {
        if (!active(t->mask, j) || pre[j] <= 0) { gh[j] = 0; continue; }
        int64_t acc = 0;
        for (int k = 0; k < N_OUT; k++) acc += (int64_t) s->w2[k * HIDDEN + j] * g[k];
        gh[j] = narrow(acc);
    }
    for (int k = 0; k < N_OUT; k++) {
        if (g[k] == 0) continue;
        for (int j = 0; j < HIDDEN; j++) {
            if (!active(t->mask, j)) continue;
            s->w2[k * HIDDEN + j] = sat_sub(s->w2[k * HIDDEN + j], sat32(round_shift((int64_t) g[k] * h[j], 16 + lr)));
        }
        s->b2[k] = sat_sub(s->b2[k], sat32(round_shift(g[k], lr)));
    }
    for (int j = 0; j < HIDDEN; j++) {
        if (gh[j] == 0) continue;
        int32_t *row = s->w1 + j * N_IN;
        for (int q = 0; q < n; q++) {
            int i = nz[q];
            row[i] = sat_sub(row[i], sat32(round_shift((int64_t) gh[j] * t->x[i], 16 + lr)));
        }
        s->b1[j] = sat_sub(s->b1[j], sat32(round_shift(gh[j], lr)));
    }
}

static uint32_t be32(const unsigned char *p) { return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 | (uint32_t) p[2] << 8 | p[3]; }

static void read_ints(const unsigned char **p, int32_t *dst, int n) {
    for (int i = 0; i < n; i++, *p += 4) dst[i] = (int32_t) be32(*p);
}

static int cmp64(const void *a, const void *b) {
    int64_t x = *(const int64_t *) a, y = *(const int64_t *) b;
    return x < y ? -1 : x > y;
}

static int64_t thread_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: netstep TRACE WEIGHTS_OUT REPEATS\n"); return 2; }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc(size);
    if (fread(buf, 1, size, f) != (size_t) size) { fprintf(stderr, "%s: short read\n", argv[1]); return 2; }
    fclose(f);
    const unsigned char *p = buf;
    if (size < 20 || memcmp(p, "CBNT", 4) != 0) { fprintf(stderr, "%s: not a CBNT trace\n", argv[1]); return 2; }
    uint32_t steps = be32(p + 4);
    if (be32(p + 8) != N_IN || be32(p + 12) != HIDDEN || be32(p + 16) != N_OUT) { fprintf(stderr, "%s: net shape differs\n", argv[1]); return 2; }
    long want = 20 + 4L * (HIDDEN * N_IN + HIDDEN + N_OUT * HIDDEN + N_OUT) + 4L * steps * (N_IN + 7);
    if (size != want) { fprintf(stderr, "%s: %ld bytes, expected %ld\n", argv[1], size, want); return 2; }
    p += 20;
    State initial, s;
    read_ints(&p, initial.w1, HIDDEN * N_IN);
    read_ints(&p, initial.b1, HIDDEN);
    read_ints(&p, initial.w2, N_OUT * HIDDEN);
    read_ints(&p, initial.b2, N_OUT);
    Step *trace = malloc(sizeof(Step) * steps);
    for (uint32_t i = 0; i < steps; i++) {
        read_ints(&p, trace[i].x, N_IN);
        read_ints(&p, &trace[i].move, 7);
    }
    int repeats = atoi(argv[3]);
    if (repeats < 1) repeats = 1;
    int64_t *ns = malloc(sizeof(int64_t) * repeats);
    for (int r = 0; r < repeats; r++) {
        s = initial;
        int64_t t0 = thread_ns();
        for (uint32_t i = 0; i < steps; i++) step(&s, &trace[i]);
        ns[r] = thread_ns() - t0;
    }
    qsort(ns, repeats, sizeof(int64_t), cmp64);
    FILE *o = fopen(argv[2], "wb");
    if (!o) { perror(argv[2]); return 2; }
    int32_t *arrays[] = {s.w1, s.b1, s.w2, s.b2};
    int lengths[] = {HIDDEN * N_IN, HIDDEN, N_OUT * HIDDEN, N_OUT};
    for (int a = 0; a < 4; a++) {
        for (int i = 0; i < lengths[a]; i++) {
            uint32_t v = (uint32_t) arrays[a][i];
            unsigned char b[4] = {v >> 24, v >> 16, v >> 8, v};
            fwrite(b, 1, 4, o);
        }
    }
    fclose(o);
    printf("steps %u\nmedian_ns %lld\n", steps, (long long) ns[repeats / 2]);
    return 0;
}
