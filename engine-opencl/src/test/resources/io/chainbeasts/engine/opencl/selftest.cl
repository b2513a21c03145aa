/*
 * selftest.cl: bulk kernels for the primitive differential tests (test code, appended after the
 * kernel-path parts). Each work-item evaluates one random input; the host compares with Java.
 */

/* SplitMix64: per seed, the first three next() outputs, hash(seed) and nextInt(bound) on a fresh stream. */
__kernel void t_splitmix(__global const long *seeds, __global const int *bounds, __global long *out, int n) {
    int i = (int) get_global_id(0);
    if (i >= n) return;
    SplitMix64 r = splitmix64_new(as_ulong(seeds[i]));
    out[6 * i] = as_long(splitmix64_next(&r));
    out[6 * i + 1] = as_long(splitmix64_next(&r));
    out[6 * i + 2] = as_long(splitmix64_next(&r));
    out[6 * i + 3] = as_long(splitmix64_hash(as_ulong(seeds[i])));
    out[6 * i + 4] = splitmix64_nextInt(&r, bounds[i]);
    out[6 * i + 5] = as_long(splitmix64_mix(as_ulong(seeds[i])));
}

/* Fixed: every operation of Fixed.java on (a, b, x64, s). 16 results per input. */
__kernel void t_fixed(__global const int *a, __global const int *b, __global const long *x, __global const int *s,
                      __global long *out, int n) {
    int i = (int) get_global_id(0);
    if (i >= n) return;
    int ai = a[i];
    int bi = b[i];
    long xi = x[i];
    int si = s[i] & 63;
    __global long *o = out + 16 * (long) i;
    o[0] = fixed_sat32(xi);
    o[1] = fixed_clamp(ai, min(bi, (int) xi), max(bi, (int) xi));
    o[2] = fixed_satAdd(ai, bi);
    o[3] = fixed_satSub(ai, bi);
    o[4] = fixed_wrapAdd(ai, bi);
    o[5] = fixed_wrapAdd64(xi, (long) ai * 65537L);
    o[6] = fixed_wrapMul64(xi, (long) bi);
    o[7] = fixed_roundShift(xi, si);
    o[8] = fixed_floorShift(xi, si);
    o[9] = fixed_mul(ai, bi);
    o[10] = fixed_narrow(xi);
    o[11] = fixed_div(ai, bi);
    o[12] = fixed_rem(ai, bi);
    o[13] = as_long(fixed_remUnsigned(as_ulong(xi), (ulong) (long) bi));
    o[14] = fixed_clamp64(xi, min((long) ai, (long) bi), max((long) ai, (long) bi));
    o[15] = fixed_shl64(xi, si);
}

/* Keccak-256 of messages packed in one byte buffer. */
__kernel void t_keccak(__global const uchar *data, __global const int *offsets, __global const int *lengths,
                       __global uchar *out, int n) {
    int i = (int) get_global_id(0);
    if (i >= n) return;
    Keccak256 k;
    keccak256_init(&k);
    keccak256_updateGlobal(&k, data + offsets[i], lengths[i]);
    uchar h[32];
    keccak256_digest(&k, h);
    for (int j = 0; j < 32; j++) out[32 * (long) i + j] = h[j];
}

/* Labels of boards (canonical encodings in a bank) under the default-layout season bytes. */
__kernel void t_labels(__global const uchar *season, __global const uchar *bank, __global const int *offsets,
                       __global int *out, int n) {
    int i = (int) get_global_id(0);
    if (i >= n) return;
    SeasonConstants s = seasonconstants_decode(season);
    Board b;
    board_decode(bank + offsets[i], &b);
    PathBits paths;
    Label l = labels_of(&b, &s, &paths);
    out[4 * i] = l.move;
    out[4 * i + 1] = l.power;
    out[4 * i + 2] = l.block;
    int d = pathbits_distance(&paths, &b.arena, b.self.x, b.self.y, b.enemy.x, b.enemy.y);
    out[4 * i + 3] = d;
}

/*
 * One combat turn: a board (arena + fighters a, b as a battle state at turn `turns[i]`) and a
 * 51-byte TurnInput encoding per case; out = post-state (20 B as ints: turn, a[8], b[8]) and both
 * side reports (kind, dir, power, moveOutcome, hit, damage) = 29 ints.
 */
__kernel void t_turn(__global const uchar *season, __global const uchar *bank, __global const int *offsets,
                     __global const int *turns, __global const int *inputs, __global int *out, int n) {
    int i = (int) get_global_id(0);
    if (i >= n) return;
    SeasonConstants s = seasonconstants_decode(season);
    Board b;
    board_decode(bank + offsets[i], &b);
    BattleState st;
    st.turn = turns[i];
    st.a = b.self;
    st.b = b.enemy;
    TurnInput in;
    __global const int *p = inputs + 15 * (long) i;
    for (int k = 0; k < 6; k++) { in.outA[k] = p[k]; in.outB[k] = p[6 + k]; }
    in.critA = p[12];
    in.critB = p[13];
    in.initiativeB = p[14];
    SideReport ra, rb;
    turnresolver_resolve(&s, &b.arena, &st, &in, &ra, &rb);
    __global int *o = out + 29 * (long) i;
    o[0] = st.turn;
    const Fighter *fs[2] = {&st.a, &st.b};
    for (int f = 0; f < 2; f++) {
        const Fighter *q = fs[f];
        o[1 + 8 * f] = q->x; o[2 + 8 * f] = q->y; o[3 + 8 * f] = q->hp; o[4 + 8 * f] = q->stamina;
        o[5 + 8 * f] = q->attack; o[6 + 8 * f] = q->defense; o[7 + 8 * f] = q->tempDef; o[8 + 8 * f] = q->lastAction;
    }
    SideReport *rs[2] = {&ra, &rb};
    for (int f = 0; f < 2; f++) {
        o[17 + 6 * f] = rs[f]->action.kind; o[18 + 6 * f] = rs[f]->action.dir; o[19 + 6 * f] = rs[f]->action.power;
        o[20 + 6 * f] = rs[f]->moveOutcome; o[21 + 6 * f] = rs[f]->hit; o[22 + 6 * f] = rs[f]->damage;
    }
    out[29 * (long) i + 28] = outcome_of(&st, &s);
}

/* Arena generation: tiles of Arena.generate(seed) under the given season. */
__kernel void t_arena(__global const uchar *season, __global const long *seeds, __global uchar *out, int n) {
    int i = (int) get_global_id(0);
    if (i >= n) return;
    SeasonConstants s = seasonconstants_decode(season);
    Arena a;
    PathBits paths;
    int sa, sb;
    arena_generate(as_ulong(seeds[i]), &s, &a, &sa, &sb, &paths);
    int cells = a.width * a.height;
    for (int c = 0; c < cells; c++) out[(long) i * (cells + 4) + c] = a.tiles[c];
    out[(long) i * (cells + 4) + cells] = (uchar) (sa & 0xFF);
    out[(long) i * (cells + 4) + cells + 1] = (uchar) (sa >> 8);
    out[(long) i * (cells + 4) + cells + 2] = (uchar) (sb & 0xFF);
    out[(long) i * (cells + 4) + cells + 3] = (uchar) (sb >> 8);
}

