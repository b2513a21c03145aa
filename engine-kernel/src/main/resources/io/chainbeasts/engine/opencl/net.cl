/*
 * net.cl: the OpenCL C twin of engine-kernel's NetShape, InputEncoder, IntMath, Net and FastNet
 * (SPEC.md "Net inputs", "Integer softmax, sigmoid and log", "Net", "Training step").
 * Needs fixed.cl, combat.cl and curriculum.cl before it. The passes the per-beast kernel runs are
 * FastNet's (input-major w1, sparse and incremental sums); Net keeps the losses and the readouts.
 *
 * The beast state lives in global memory as ints (see BEAST_* offsets in microstep.cl); Java's
 * long accumulators wrap, so the sums here are accumulated in ulong.
 */

/* ---- NetShape ---- */
#define NET_N_IN 200
#define NET_HIDDEN 64
#define NET_SLOTS 8
#define NET_UNITS_PER_SLOT 8
#define NET_N_OUT 7
#define NET_MOVE_OUTS 5
#define NET_OUT_STAY 4
#define NET_OUT_POWER 5
#define NET_OUT_BLOCK 6
#define NET_HATCH_MASK 0x0F
#define NET_ALL_SLOTS_MASK 0xFF
#define NET_PARAMS_PER_UNIT (NET_N_IN + 1 + NET_N_OUT)
#define NET_SLAB_PARAMS (NET_HIDDEN * NET_PARAMS_PER_UNIT + NET_N_OUT)

bool netshape_unitActive(int activeMask, int unit) {
    return ((as_uint(activeMask) >> (uint) (unit / NET_UNITS_PER_SLOT)) & 1u) != 0;
}

int netshape_activeParams(int activeMask) {
    return fixed_bitCount(activeMask & NET_ALL_SLOTS_MASK) * NET_UNITS_PER_SLOT * NET_PARAMS_PER_UNIT + NET_N_OUT;
}

/* ---- InputEncoder ---- */
#define INPUT_VIEW_RADIUS 3
#define INPUT_VIEW 7
#define INPUT_OFFSET_RANGE 8
#define INPUT_OFFSETS 17
#define INPUT_WALL_VIEW 0
#define INPUT_HAZARD_NEIGHBOURS 49
#define INPUT_DX_ONE_HOT 53
#define INPUT_DY_ONE_HOT 70
#define INPUT_SIGNS 87
#define INPUT_CLOSER_STEPS 91
#define INPUT_ADJACENT 95
#define INPUT_WITHIN_TWO 96
#define INPUT_SELF_STATS 97
#define INPUT_ENEMY_STATS 102
#define INPUT_ATTACK_LEVELS 16
#define INPUT_TEMPDEF_LEVELS 7
#define INPUT_TEMPDEF_STEP 16
#define INPUT_SELF_LEVELS 107
#define INPUT_ENEMY_LEVELS (INPUT_SELF_LEVELS + INPUT_ATTACK_LEVELS + INPUT_TEMPDEF_LEVELS)
#define INPUT_ACTION_KINDS 5
#define INPUT_STAMINA_LEVELS 8
#define INPUT_SELF_LAST_ACTION (INPUT_ENEMY_LEVELS + INPUT_ATTACK_LEVELS + INPUT_TEMPDEF_LEVELS)
#define INPUT_ENEMY_LAST_ACTION (INPUT_SELF_LAST_ACTION + INPUT_ACTION_KINDS)
#define INPUT_SELF_STAMINA_LEVELS (INPUT_ENEMY_LAST_ACTION + INPUT_ACTION_KINDS)
#define INPUT_ENEMY_STAMINA_LEVELS (INPUT_SELF_STAMINA_LEVELS + INPUT_STAMINA_LEVELS)
#define INPUT_OPEN_STEPS (INPUT_ENEMY_STAMINA_LEVELS + INPUT_STAMINA_LEVELS)
#define INPUT_DAMAGE (INPUT_OPEN_STEPS + DIR_COUNT)
#define INPUT_TRADES (INPUT_DAMAGE + 2)
#define INPUT_PATH_STEPS (INPUT_TRADES + 4)
#define INPUT_TURN (INPUT_PATH_STEPS + DIR_COUNT)
#define INPUT_OUTSIDE_ZONE (INPUT_TURN + 1)
#define INPUT_SAFE_STEPS (INPUT_OUTSIDE_ZONE + 2)
#define INPUT_SIZE (INPUT_SAFE_STEPS + DIR_COUNT)
#define INPUT_DEFENSE_SCALE 64

/* floor(v * 65536 / max); 0 when max is 0. */
int inputencoder_fraction(int v, int mx) {
    long q = mx == 0 ? 0 : fixed_div64(fixed_shl64((long) v, 16), (long) mx);
    return (int) min(q, (long) CB_INT_MAX);
}

void inputencoder_stats(const Fighter *f, const SeasonConstants *s, int *x, int at) {
    x[at] = inputencoder_fraction(f->hp, s->maxHp);
    x[at + 1] = inputencoder_fraction(f->stamina, s->maxStamina);
    x[at + 2] = inputencoder_fraction(f->attack, s->maxPower);
    x[at + 3] = inputencoder_fraction(min(f->defense, INPUT_DEFENSE_SCALE), INPUT_DEFENSE_SCALE);
    x[at + 4] = inputencoder_fraction(f->tempDef, s->blockCap);
}

/* Attack one-hot over 0..15 and tempDef/16 one-hot over 0..6 (both clamped; stats are non-negative). */
void inputencoder_levels(const Fighter *f, int *x, int at) {
    x[at + min(f->attack, INPUT_ATTACK_LEVELS - 1)] = FIXED_ONE;
    x[at + INPUT_ATTACK_LEVELS + min(f->tempDef / INPUT_TEMPDEF_STEP, INPUT_TEMPDEF_LEVELS - 1)] = FIXED_ONE;
}

/* The path features from the bitboard search (the optimised encoder's form): the steps one closer to the enemy. */
void inputencoder_pathSteps(const Arena *arena, const Fighter *self, const Fighter *enemy, int *x, PathBits *paths) {
    int closer = pathbits_closerSteps(paths, arena, self->x, self->y, enemy->x, enemy->y);
    for (int d = 0; d < DIR_COUNT; d++) if (((closer >> d) & 1) != 0) x[INPUT_PATH_STEPS + d] = FIXED_ONE;
}

/* InputEncoder.encode(board, season, x, paths). */
void inputencoder_encode(const Board *b, const SeasonConstants *s, int *x, PathBits *paths) {
    const Arena *arena = &b->arena;
    const Fighter *self = &b->self;
    const Fighter *enemy = &b->enemy;
    for (int i = 0; i < INPUT_SIZE; i++) x[i] = 0;
    /* the wall view from the arena's row bitmasks: a cell is a wall (or off the grid) where its open bit is 0 */
    for (int oy = -INPUT_VIEW_RADIUS; oy <= INPUT_VIEW_RADIUS; oy++) {
        int y = self->y + oy;
        uint open = 0; /* bit ox + VIEW_RADIUS: the cell (self.x + ox, y) is inside and not a wall */
        if (y >= 0 && y < arena->height) {
            int x0 = self->x - INPUT_VIEW_RADIUS;
            uint row = arena->openRows[y];
            open = x0 >= 0 ? row >> (uint) x0 : row << (uint) (-x0);
        }
        for (int ox = 0; ox < INPUT_VIEW; ox++) {
            if (((open >> (uint) ox) & 1u) == 0) x[INPUT_WALL_VIEW + (oy + INPUT_VIEW_RADIUS) * INPUT_VIEW + ox] = FIXED_ONE;
        }
    }
    int dx = enemy->x - self->x;
    int dy = enemy->y - self->y;
    int manhattan = fixed_abs(dx) + fixed_abs(dy);
    for (int d = 0; d < DIR_COUNT; d++) {
        int nx = self->x + DIR_DX[d];
        int ny = self->y + DIR_DY[d];
        if (arena_tile(arena, nx, ny) == TILE_HAZARD) x[INPUT_HAZARD_NEIGHBOURS + d] = FIXED_ONE;
        if (fixed_abs(enemy->x - nx) + fixed_abs(enemy->y - ny) < manhattan) x[INPUT_CLOSER_STEPS + d] = FIXED_ONE;
        if (rules_isOpenStep(arena, self, enemy, d)) x[INPUT_OPEN_STEPS + d] = FIXED_ONE;
    }
    x[INPUT_DX_ONE_HOT + fixed_clamp(dx, -INPUT_OFFSET_RANGE, INPUT_OFFSET_RANGE) + INPUT_OFFSET_RANGE] = FIXED_ONE;
    x[INPUT_DY_ONE_HOT + fixed_clamp(dy, -INPUT_OFFSET_RANGE, INPUT_OFFSET_RANGE) + INPUT_OFFSET_RANGE] = FIXED_ONE;
    if (dx > 0) x[INPUT_SIGNS] = FIXED_ONE;
    if (dx < 0) x[INPUT_SIGNS + 1] = FIXED_ONE;
    if (dy > 0) x[INPUT_SIGNS + 2] = FIXED_ONE;
    if (dy < 0) x[INPUT_SIGNS + 3] = FIXED_ONE;
    if (manhattan == 1) x[INPUT_ADJACENT] = FIXED_ONE;
    if (manhattan <= 2) x[INPUT_WITHIN_TWO] = FIXED_ONE;
    inputencoder_stats(self, s, x, INPUT_SELF_STATS);
    inputencoder_stats(enemy, s, x, INPUT_ENEMY_STATS);
    inputencoder_levels(self, x, INPUT_SELF_LEVELS);
    inputencoder_levels(enemy, x, INPUT_ENEMY_LEVELS);
    x[INPUT_SELF_LAST_ACTION + min(self->lastAction, INPUT_ACTION_KINDS - 1)] = FIXED_ONE;
    x[INPUT_ENEMY_LAST_ACTION + min(enemy->lastAction, INPUT_ACTION_KINDS - 1)] = FIXED_ONE;
    x[INPUT_SELF_STAMINA_LEVELS + min(rules_staminaAtCommit(self, s), INPUT_STAMINA_LEVELS - 1)] = FIXED_ONE;
    x[INPUT_ENEMY_STAMINA_LEVELS + min(rules_staminaAtCommit(enemy, s), INPUT_STAMINA_LEVELS - 1)] = FIXED_ONE;
    int dealt = rules_damage(rules_effectiveMaxPower(self, s), false, enemy, s);
    int taken = rules_damage(rules_effectiveMaxPower(enemy, s), false, self, s);
    x[INPUT_DAMAGE] = inputencoder_fraction(dealt, s->maxPower);
    x[INPUT_DAMAGE + 1] = inputencoder_fraction(taken, s->maxPower);
    if (dealt >= taken) x[INPUT_TRADES] = FIXED_ONE;
    if (dealt >= enemy->hp) x[INPUT_TRADES + 1] = FIXED_ONE;
    if (taken >= self->hp) x[INPUT_TRADES + 2] = FIXED_ONE;
    if (self->hp > enemy->hp) x[INPUT_TRADES + 3] = FIXED_ONE;
    inputencoder_pathSteps(arena, self, enemy, x, paths);
    x[INPUT_TURN] = inputencoder_fraction(min(b->turn, s->maxTurns), s->maxTurns);
    int radius = rules_safeRadius(b->turn, arena, s);
    if (rules_outsideSafeZone(self, radius, arena)) x[INPUT_OUTSIDE_ZONE] = FIXED_ONE;
    if (rules_outsideSafeZone(enemy, radius, arena)) x[INPUT_OUTSIDE_ZONE + 1] = FIXED_ONE;
    for (int d = 0; d < DIR_COUNT; d++) {
        Fighter moved = *self;
        moved.x = self->x + DIR_DX[d];
        moved.y = self->y + DIR_DY[d];
        if (rules_isOpenStep(arena, self, enemy, d) && !rules_outsideSafeZone(&moved, radius, arena)) x[INPUT_SAFE_STEPS + d] = FIXED_ONE;
    }
}

/* ---- IntMath ---- */
#define INTMATH_LN2_Q16 45426
#define INTMATH_EXP_ZERO_AT (16 << 16)
#define INTMATH_MAX_LOSS (16 << 16)

__constant int INTMATH_EXP[257] = {
    65536, 61565, 57835, 54331, 51039, 47947, 45042, 42313, 39750, 37341, 35079, 32954, 30957, 29081, 27319, 25664,
    24109, 22649, 21276, 19987, 18776, 17639, 16570, 15566, 14623, 13737, 12905, 12123, 11388, 10698, 10050, 9441,
    8869, 8332, 7827, 7353, 6907, 6489, 6096, 5726, 5380, 5054, 4747, 4460, 4190, 3936, 3697, 3473,
    3263, 3065, 2879, 2705, 2541, 2387, 2243, 2107, 1979, 1859, 1746, 1641, 1541, 1448, 1360, 1278,
    1200, 1128, 1059, 995, 935, 878, 825, 775, 728, 684, 642, 604, 567, 533, 500, 470,
    442, 415, 390, 366, 344, 323, 303, 285, 268, 252, 236, 222, 209, 196, 184, 173,
    162, 153, 143, 135, 127, 119, 112, 105, 99, 93, 87, 82, 77, 72, 68, 64,
    60, 56, 53, 50, 47, 44, 41, 39, 36, 34, 32, 30, 28, 27, 25, 23,
    22, 21, 19, 18, 17, 16, 15, 14, 13, 13, 12, 11, 10, 10, 9, 9,
    8, 8, 7, 7, 6, 6, 6, 5, 5, 5, 4, 4, 4, 4, 3, 3,
    3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0,
};

__constant int INTMATH_LOG2[65] = {
    0, 1466, 2909, 4331, 5732, 7112, 8473, 9814, 11136, 12440, 13727, 14996, 16248, 17484, 18704, 19909,
    21098, 22272, 23433, 24579, 25711, 26830, 27936, 29029, 30109, 31178, 32234, 33279, 34312, 35334, 36346, 37346,
    38336, 39316, 40286, 41246, 42196, 43137, 44068, 44990, 45904, 46809, 47705, 48593, 49472, 50344, 51207, 52063,
    52911, 53751, 54584, 55410, 56229, 57040, 57845, 58643, 59434, 60219, 60997, 61769, 62534, 63294, 64047, 64794,
    65536,
};

int intmath_expNeg(int z) {
    if (z >= INTMATH_EXP_ZERO_AT) return 0;
    int idx = z >> 12;
    int frac = z & 0xFFF;
    int lo = INTMATH_EXP[idx];
    int hi = INTMATH_EXP[idx + 1];
    return lo + (int) fixed_floorShift((long) (hi - lo) * frac, 12);
}

int intmath_sigmoid(int z) {
    int c = fixed_clamp(z, -INTMATH_EXP_ZERO_AT, INTMATH_EXP_ZERO_AT);
    if (c >= 0) {
        int e = intmath_expNeg(c);
        return (int) fixed_div64(1L << 32, (long) (FIXED_ONE + e));
    }
    int e = intmath_expNeg(-c);
    return (int) fixed_div64(fixed_shl64((long) e, 16), (long) (FIXED_ONE + e));
}

int intmath_log2(int p) {
    int msb = 31 - (int) clz(as_uint(p));
    int m = msb >= 16 ? as_int(as_uint(p) >> (uint) (msb - 16)) : fixed_shl32(p, 16 - msb);
    int frac = m - FIXED_ONE;
    int idx = frac >> 10;
    int rem = frac & 0x3FF;
    int lo = INTMATH_LOG2[idx];
    int hi = INTMATH_LOG2[idx + 1];
    int l = lo + (int) fixed_floorShift((long) (hi - lo) * rem, 10);
    return fixed_wrapAdd(fixed_shl32(msb - 16, 16), l);
}

int intmath_negLn(int p) {
    if (p <= 0) return INTMATH_MAX_LOSS;
    long v = -fixed_roundShift((long) intmath_log2(p) * INTMATH_LN2_Q16, 16);
    return (int) fixed_clamp64(v, 0, INTMATH_MAX_LOSS);
}

void intmath_softmax(const int *z, int off, int n, int *p) {
    int mx = z[off];
    for (int k = 1; k < n; k++) mx = max(mx, z[off + k]);
    long sum = 0;
    for (int k = 0; k < n; k++) {
        long d = (long) mx - z[off + k];
        p[k] = intmath_expNeg((int) min(d, (long) INTMATH_EXP_ZERO_AT));
        sum += p[k];
    }
    for (int k = 0; k < n; k++) p[k] = (int) fixed_div64(fixed_shl64((long) p[k], 16), sum);
}

/* ---- Net ---- */
/* Offsets of the net inside a beast's int record (the rest of the layout is in microstep.cl). */
#define BEAST_W1 16
#define BEAST_B1 (BEAST_W1 + NET_HIDDEN * NET_N_IN)
#define BEAST_W2 (BEAST_B1 + NET_HIDDEN)
#define BEAST_B2 (BEAST_W2 + NET_N_OUT * NET_HIDDEN)
#define BEAST_INTS (BEAST_B2 + NET_N_OUT + 2)
#define BEAST_ACTIVE_MASK 3
#define BEAST_LR_SHIFT 4

/* The net's scratch; acc, xBefore, accCurrent and nz are FastNet's (the first layer's sums kept from pass to pass). */
typedef struct {
    int x[NET_N_IN];
    ulong acc[NET_HIDDEN];
    int xBefore[NET_N_IN];
    int nz[NET_N_IN];
    int nNz;
    bool accCurrent;
    int pre[NET_HIDDEN];
    int h[NET_HIDDEN];
    int out[NET_N_OUT];
    int g[NET_N_OUT];
    int gh[NET_HIDDEN];
    int p[NET_MOVE_OUTS];
} NetScratch;

typedef struct {
    int move, power, block;
} Losses;

int losses_total(const Losses *l) {
    return fixed_satAdd(fixed_satAdd(l->move, l->power), l->block);
}

int net_logistic(NetScratch *t, int k, int y) {
    int sgm = intmath_sigmoid(t->out[k]);
    t->g[k] = sgm - (y == 1 ? FIXED_ONE : 0);
    return intmath_negLn(y == 1 ? sgm : FIXED_ONE - sgm);
}

Losses net_lossAndGradient(NetScratch *t, const Label *label, int heads) {
    for (int k = 0; k < NET_N_OUT; k++) t->g[k] = 0;
    Losses l;
    l.move = 0;
    l.power = 0;
    l.block = 0;
    if ((heads & CURRICULUM_HEAD_MOVE) != 0 && label_hasMove(label)) {
        intmath_softmax(t->out, 0, NET_MOVE_OUTS, t->p);
        for (int k = 0; k < NET_MOVE_OUTS; k++) t->g[k] = t->p[k] - (k == label->move ? FIXED_ONE : 0);
        l.move = intmath_negLn(t->p[label->move]);
    }
    if ((heads & CURRICULUM_HEAD_POWER) != 0 && label_hasPower(label)) {
        l.power = net_logistic(t, NET_OUT_POWER, label->power);
    }
    if ((heads & CURRICULUM_HEAD_BLOCK) != 0 && label_hasBlock(label)) {
        l.block = net_logistic(t, NET_OUT_BLOCK, label->block);
    }
    if (label->weightShift > 0) {
        for (int k = 0; k < NET_N_OUT; k++) t->g[k] = fixed_sat32(fixed_shl64((long) t->g[k], label->weightShift));
    }
    return l;
}

int net_predictedMove(const int *out) {
    int best = 0;
    for (int k = 1; k < NET_MOVE_OUTS; k++) if (out[k] > out[best]) best = k;
    return best;
}

int net_predictedPower(const int *out) {
    return out[NET_OUT_POWER] > 0 ? 1 : 0;
}

int net_predictedBlock(const int *out) {
    return out[NET_OUT_BLOCK] > 0 ? 1 : 0;
}

void net_policyOutputs(const int *out, int *o) {
    for (int d = 0; d < DIR_COUNT; d++) o[d] = fixed_satSub(out[d], out[NET_OUT_STAY]);
    o[APPENDAGE_OUT_POWER] = net_predictedPower(out);
    o[APPENDAGE_OUT_BLOCK] = net_predictedBlock(out);
}

/* ---- FastNet ----
 * The optimised twin of Net's forward pass and backward+update (Java's FastNet: FastNetTest holds it to Net), on a
 * beast record whose w1 is input-major, w1[i][j] at BEAST_W1 + i * HIDDEN + j (GROUP_W1_INPUT_MAJOR; the host
 * transposes on the way in and out, the state hash reads the canonical order), what Java's FastNet binds for a window.
 * Each shortcut is an exact identity of Net's arithmetic: only the non-zero inputs take part (a zero input adds
 * nothing and its weights get no update); the first layer's int64 sums are kept from pass to pass while the weights
 * stay the same (a step's self-play turns and its training pass), a pass adding w * (x - xBefore) for the changed
 * inputs only (integer sums wrap the same in any order); the loops over the 64 units run over every unit, a dormant
 * unit or one without gradient getting a zero delta (satSub(w, 0) == w), so the compiler can vectorise them. Java's
 * row-major passes, its binding and its Vector API loops have no twin here (the record is input-major throughout). */
#define FASTNET_W1(i, j) (BEAST_W1 + (i) * NET_HIDDEN + (j))

/* FastNet.roundShift: Fixed.roundShift for a shift of 16 or more (no zero case). */
long fastnet_roundShift(long x, int s) {
    return (x >> s) + ((x >> (s - 1)) & 1L);
}

/* FastNet.sat32: Fixed.sat32 without branches. */
int fastnet_sat32(long v) {
    return (int) clamp(v, (long) CB_INT_MIN, (long) CB_INT_MAX);
}

/* FastNet.narrow: Fixed.narrow without branches. */
int fastnet_narrow(long acc) {
    return fastnet_sat32((acc >> 16) + ((acc >> 15) & 1L));
}

/* FastNet.satSub: Fixed.satSub in int, the wrapped difference or the bound on the minuend's side when it overflowed. */
int fastnet_satSub(int a, int b) {
    int r = as_int(as_uint(a) - as_uint(b));
    int overflow = ((a ^ b) & (a ^ r)) >> 31;
    int bound = (a >> 31) ^ CB_INT_MAX;
    return (r & ~overflow) | (bound & overflow);
}

/* FastNet.listInputs: the non-zero inputs, ascending (one list: the update below treats 1.0 inputs like the others). */
void fastnet_listInputs(NetScratch *t) {
    int n = 0;
    for (int i = 0; i < NET_N_IN; i++) {
        t->nz[n] = i;
        n += t->x[i] != 0 ? 1 : 0;
    }
    t->nNz = n;
}

/* FastNet.sumsInputMajor: acc_j = sum_i w_ji * x_i for every unit, adding w_ji * (x_i - xBefore_i) for the inputs that
   changed since the last pass (from zero inputs after an update). Wrapping int64 products and sums, as Java's. */
void fastnet_sumsInputMajor(__global const int *s, NetScratch *t) {
    if (!t->accCurrent) {
        for (int j = 0; j < NET_HIDDEN; j++) t->acc[j] = 0;
        for (int i = 0; i < NET_N_IN; i++) t->xBefore[i] = 0;
        t->accCurrent = true;
    }
    /* the 64 sums in eight 8-wide vectors, held in registers across the changed inputs */
#if NET_HIDDEN != 64
#error "fastnet_sumsInputMajor holds the first layer's sums in 8 ulong8 registers: write it for the new NET_HIDDEN"
#endif
    ulong8 a0 = vload8(0, t->acc), a1 = vload8(1, t->acc), a2 = vload8(2, t->acc), a3 = vload8(3, t->acc);
    ulong8 a4 = vload8(4, t->acc), a5 = vload8(5, t->acc), a6 = vload8(6, t->acc), a7 = vload8(7, t->acc);
    int changed[NET_N_IN]; /* the inputs that changed, listed without a branch per input */
    int nChanged = 0;
    for (int i = 0; i < NET_N_IN; i++) {
        changed[nChanged] = i;
        nChanged += t->x[i] != t->xBefore[i] ? 1 : 0;
    }
    for (int c = 0; c < nChanged; c++) {
        int i = changed[c];
        int xi = t->x[i];
        ulong8 dx = (ulong8) (as_ulong((long) xi - (long) t->xBefore[i]));
        t->xBefore[i] = xi;
        __global const int *row = s + FASTNET_W1(i, 0);
        a0 += as_ulong8(convert_long8(vload8(0, row))) * dx;
        a1 += as_ulong8(convert_long8(vload8(1, row))) * dx;
        a2 += as_ulong8(convert_long8(vload8(2, row))) * dx;
        a3 += as_ulong8(convert_long8(vload8(3, row))) * dx;
        a4 += as_ulong8(convert_long8(vload8(4, row))) * dx;
        a5 += as_ulong8(convert_long8(vload8(5, row))) * dx;
        a6 += as_ulong8(convert_long8(vload8(6, row))) * dx;
        a7 += as_ulong8(convert_long8(vload8(7, row))) * dx;
    }
    vstore8(a0, 0, t->acc); vstore8(a1, 1, t->acc); vstore8(a2, 2, t->acc); vstore8(a3, 3, t->acc);
    vstore8(a4, 4, t->acc); vstore8(a5, 5, t->acc); vstore8(a6, 6, t->acc); vstore8(a7, 7, t->acc);
}

/* FastNet.forward: Net.forward, bit-identical. */
void fastnet_forward(__global const int *s, NetScratch *t) {
    int activeMask = s[BEAST_ACTIVE_MASK];
    __global const int *b1 = s + BEAST_B1;
    __global const int *w2 = s + BEAST_W2;
    __global const int *b2 = s + BEAST_B2;
    fastnet_sumsInputMajor(s, t);
    for (int j = 0; j < NET_HIDDEN; j++) {
        int p = netshape_unitActive(activeMask, j) ? fastnet_narrow(as_long(as_ulong(fixed_shl64((long) b1[j], 16)) + t->acc[j])) : 0;
        t->pre[j] = p;
        t->h[j] = max(p, 0);
    }
    for (int k = 0; k < NET_N_OUT; k++) { /* every unit: one with h == 0 adds nothing */
        ulong acc = as_ulong(fixed_shl64((long) b2[k], 16));
        int row = k * NET_HIDDEN;
        for (int j = 0; j < NET_HIDDEN; j++) acc += as_ulong((long) w2[row + j] * (long) t->h[j]);
        t->out[k] = fastnet_narrow(as_long(acc));
    }
}

/* FastNet.updateInputMajor: the first layer's update, row i of the input-major w1 for each non-zero input (a unit
   without gradient gets delta 0), then b1. Java moves a 1.0 input's weights by roundShift(gh_j, lr), the same number. */
void fastnet_updateInputMajor(__global int *s, NetScratch *t, int lr) {
    __global int *b1 = s + BEAST_B1;
    int shift = 16 + lr;
    for (int n = 0; n < t->nNz; n++) {
        int i = t->nz[n];
        long xi = (long) t->x[i];
        __global int *row = s + FASTNET_W1(i, 0);
        for (int j = 0; j < NET_HIDDEN; j++) {
            row[j] = fastnet_satSub(row[j], fastnet_sat32(fastnet_roundShift((long) t->gh[j] * xi, shift)));
        }
    }
    for (int j = 0; j < NET_HIDDEN; j++) {
        int gj = t->gh[j];
        if (gj != 0) b1[j] = fixed_satSub(b1[j], fixed_sat32(fixed_roundShift((long) gj, lr)));
    }
}

/* FastNet.backwardAndUpdate: Net.backwardAndUpdate, bit-identical; needs fastnet_forward on the same state just before
   (with only net_lossAndGradient in between), as a training step does. */
void fastnet_backwardAndUpdate(__global int *s, NetScratch *t) {
    int lr = s[BEAST_LR_SHIFT];
    __global int *w2 = s + BEAST_W2;
    __global int *b2 = s + BEAST_B2;
    /* hidden gradients from the weights before this step's update; dormant units have pre == 0 */
    for (int j = 0; j < NET_HIDDEN; j++) {
        ulong acc = 0;
        for (int k = 0; k < NET_N_OUT; k++) acc += as_ulong((long) w2[k * NET_HIDDEN + j] * (long) t->g[k]);
        t->gh[j] = t->pre[j] > 0 ? fastnet_narrow(as_long(acc)) : 0;
    }
    for (int k = 0; k < NET_N_OUT; k++) {
        int gk = t->g[k];
        if (gk == 0) continue;
        int row = k * NET_HIDDEN;
        for (int j = 0; j < NET_HIDDEN; j++) { /* h == 0 (dormant or off): no change */
            w2[row + j] = fastnet_satSub(w2[row + j], fastnet_sat32(fastnet_roundShift((long) gk * (long) t->h[j], 16 + lr)));
        }
        b2[k] = fixed_satSub(b2[k], fixed_sat32(fixed_roundShift((long) gk, lr)));
    }
    t->accCurrent = false; /* the weights change: the next forward pass sums afresh */
    fastnet_listInputs(t);
    fastnet_updateInputMajor(s, t, lr);
}

