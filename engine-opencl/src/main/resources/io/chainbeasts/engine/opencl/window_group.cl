/*
 * window_group.cl: the work-group-per-beast layout of the window kernel (spec/opencl.md "Two layouts").
 * Needs every other part before it (it reuses microstep.cl's pieces); not a twin of a Java class: it runs the
 * same rules as cb_window_steps, with the net spread over a work-group.
 *
 * One work-group per beast, GROUP_MAX_SIZE work-items at most (any size from 1 works: items stride over units).
 * Work-item 0 runs the sequential rules (sampling with self-play, the teacher's labels, the input encoding, the
 * losses, the window's bookkeeping and hashes) in private memory, exactly as cb_window_steps does; the net's
 * forward pass (hidden unit j on item j % size, outputs on items 0..N_OUT-1) and its backward pass and update
 * (the item of unit j owns gh[j], column j of w2, row j of w1 and b1[j]) are spread over the group, with the beast's
 * activations in local memory (GroupNet). Every sum is the same wrapping int64 sum as Java's (a sum in Z/2^64 does
 * not depend on its order), so the results are bit-identical.
 *
 * Beast record: as cb_window_steps's, w1 stored input-major, w1[i][j] at BEAST_W1 + i*HIDDEN + j
 * (GROUP_W1_INPUT_MAJOR), so the items of a group read neighbouring weights for one input (coalesced on a GPU).
 * The host transposes on the way in and out; hashes read the canonical order.
 */
#define GROUP_MAX_SIZE NET_HIDDEN
#define GROUP_W1_INPUT_MAJOR 1

#define GROUP_W1(i, j) FASTNET_W1(i, j)

/* The beast's activations and the values work-item 0 hands to the group. */
typedef struct {
    int x[NET_N_IN];
    int nz[NET_N_IN];   /* indices of the non-zero inputs, ascending */
    int nzCount;
    int pre[NET_HIDDEN];
    int h[NET_HIDDEN];
    int out[NET_N_OUT];
    int g[NET_N_OUT];
    int activeMask;
    int lrShift;
    int flag;           /* what item 0 tells the group before a loop (self-play's number of turns) */
} GroupNet;

/* Work-item 0: the inputs in w->net.x into local memory, with the list of non-zero ones. */
void group_putInputs(const int *x, __local GroupNet *L) {
    int c = 0;
    for (int i = 0; i < NET_N_IN; i++) {
        L->x[i] = x[i];
        if (x[i] != 0) L->nz[c++] = i;
    }
    L->nzCount = c;
}

/* Net.forward over the group: call from every item after a barrier that publishes L->x, nz, activeMask. */
void group_forward(__global const int *s, __local GroupNet *L) {
    int lid = (int) get_local_id(0);
    int size = (int) get_local_size(0);
    __global const int *b1 = s + BEAST_B1;
    __global const int *w2 = s + BEAST_W2;
    __global const int *b2 = s + BEAST_B2;
    int activeMask = L->activeMask;
    int nzCount = L->nzCount;
    for (int j = lid; j < NET_HIDDEN; j += size) {
        if (!netshape_unitActive(activeMask, j)) {
            L->pre[j] = 0;
            L->h[j] = 0;
            continue;
        }
        ulong acc = as_ulong(fixed_shl64((long) b1[j], 16));
        for (int q = 0; q < nzCount; q++) {
            int i = L->nz[q];
            acc += as_ulong((long) s[GROUP_W1(i, j)] * (long) L->x[i]);
        }
        int pre = fixed_narrow(as_long(acc));
        L->pre[j] = pre;
        L->h[j] = max(pre, 0);
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int k = lid; k < NET_N_OUT; k += size) {
        ulong acc = as_ulong(fixed_shl64((long) b2[k], 16));
        int row = k * NET_HIDDEN;
        for (int j = 0; j < NET_HIDDEN; j++) acc += as_ulong((long) w2[row + j] * (long) L->h[j]);
        L->out[k] = fixed_narrow(as_long(acc));
    }
    barrier(CLK_LOCAL_MEM_FENCE);
}

/* Net.backwardAndUpdate over the group: call from every item after a barrier that publishes L->g (and lrShift).
   The item of unit j computes gh[j] from column j of w2 before it updates that column; no other item touches it. */
void group_backwardAndUpdate(__global int *s, __local GroupNet *L) {
    int lid = (int) get_local_id(0);
    int size = (int) get_local_size(0);
    int lr = L->lrShift;
    int activeMask = L->activeMask;
    int nzCount = L->nzCount;
    __global int *b1 = s + BEAST_B1;
    __global int *w2 = s + BEAST_W2;
    __global int *b2 = s + BEAST_B2;
    for (int j = lid; j < NET_HIDDEN; j += size) {
        if (!netshape_unitActive(activeMask, j)) continue;
        int gj = 0;
        if (L->pre[j] > 0) {
            ulong acc = 0;
            for (int k = 0; k < NET_N_OUT; k++) acc += as_ulong((long) w2[k * NET_HIDDEN + j] * (long) L->g[k]);
            gj = fixed_narrow(as_long(acc));
        }
        int hj = L->h[j];
        for (int k = 0; k < NET_N_OUT; k++) {
            int gk = L->g[k];
            if (gk == 0) continue;
            int at = k * NET_HIDDEN + j;
            w2[at] = fixed_satSub(w2[at], fixed_sat32(fixed_roundShift((long) gk * (long) hj, 16 + lr)));
        }
        if (gj == 0) continue;
        for (int q = 0; q < nzCount; q++) {
            int i = L->nz[q];
            int at = GROUP_W1(i, j);
            s[at] = fixed_satSub(s[at], fixed_sat32(fixed_roundShift((long) gj * (long) L->x[i], 16 + lr)));
        }
        b1[j] = fixed_satSub(b1[j], fixed_sat32(fixed_roundShift((long) gj, lr)));
    }
    for (int k = lid; k < NET_N_OUT; k += size) {
        int gk = L->g[k];
        if (gk != 0) b2[k] = fixed_satSub(b2[k], fixed_sat32(fixed_roundShift((long) gk, lr)));
    }
    barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE);
}

/* Work-item 0 copies the group's outputs into its private scratch. */
void group_takeOutputs(__local const GroupNet *L, NetScratch *t) {
    for (int k = 0; k < NET_N_OUT; k++) t->out[k] = L->out[k];
}

/* Sampler.draw, with self-play's net turns run by the group (sampler_selfPlay's order, step for step). The group
   makes `turns` passes whatever happens (a loop whose trip count every item reads from local memory, with no break
   and no barrier under a condition: with the loop inside `if (selfPlay)`, PoCL 3.1's kernel crashed); a pass after
   the battle ended computes outputs nobody reads, as Java's loop would have stopped. */
void group_draw(__global const int *s, const WindowInputs *in, MicroStepWork *w, __local GroupNet *L, int lid) {
    SplitMix64 r;
    BattleState st;
    bool live = false;
    if (lid == 0) {
        int turns = 0;
        if (w->source == SAMPLESOURCE_SELF_PLAY) {
            turns = sampler_selfPlayBegin(s, in, w, &r, &st);
            live = true;
        } else {
            sampler_draw(w->source, s, in, w);
        }
        L->flag = turns;
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    int turns = L->flag;
    for (int t = 0; t < turns; t++) {
        if (lid == 0) {
            live = live && outcome_of(&st, &in->season) == OUTCOME_ONGOING;
            if (live) {
                sampler_selfPlayBoard(&st, w);
                inputencoder_encode(&w->board, &in->season, w->net.x, &w->paths);
                group_putInputs(w->net.x, L);
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        group_forward(s, L);
        if (lid == 0 && live) {
            group_takeOutputs(L, &w->net);
            sampler_selfPlayTurn(in, w, &r, &st);
        }
    }
    if (lid == 0 && w->source == SAMPLESOURCE_SELF_PLAY) sampler_selfPlayBoard(&st, w);
}

/* MicroStep.run over the group (microstep_run's order). */
void group_microstep(__global int *s, const WindowInputs *in, MicroStepWork *w, __local GroupNet *L, int lid) {
    if (lid == 0) {
        microstep_begin(s, in, w);
        L->activeMask = s[BEAST_ACTIVE_MASK];
        L->lrShift = s[BEAST_LR_SHIFT];
    }
    group_draw(s, in, w, L, lid);
    if (lid == 0) {
        microstep_label(in, w);
        group_putInputs(w->net.x, L);
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    group_forward(s, L);
    if (lid == 0) {
        NetScratch *t = &w->net;
        group_takeOutputs(L, t);
        for (int k = 0; k < NET_N_OUT; k++) w->outputs[k] = t->out[k];
        w->losses = net_lossAndGradient(t, &w->label, w->heads);
        for (int k = 0; k < NET_N_OUT; k++) L->g[k] = t->g[k];
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    group_backwardAndUpdate(s, L);
    if (lid == 0) microstep_end(s, in, w);
}

/* cb_window_steps with one work-group per beast: same arguments, same results; launch with a local size of at
   most GROUP_MAX_SIZE and a global size of nBeasts times it. */
__kernel void cb_window_group(__global int *states, __global const uchar *contexts, __global const long *args,
                              __global const uchar *bank, __global const int *bankOffsets, __global long *accAll,
                              __global int *records, int stepFrom, int stepTo, int finish, int record, int nBeasts) {
    __local GroupNet L;
    int b = (int) get_group_id(0);
    int lid = (int) get_local_id(0);
    if (b >= nBeasts) return;
    __global int *s = states + (long) b * BEAST_INTS;
    __global long *acc = accAll + (long) b * ACC_STRIDE;
    __global int *rec = record != 0 ? records + (long) b * WINDOW_STEPS * REC_STRIDE : 0;
    WindowInputs in;
    window_inputs(contexts + (long) b * CONTEXT_STRIDE, args + (long) b * ARGS_STRIDE, bank, bankOffsets, &in);
    MicroStepWork w;
    uchar lineage[32];
    if (lid == 0) {
        w.demo.kind = DEMONSTRATION_NO_KIND;
        w.net.accCurrent = false;
        if (stepFrom == 0) for (int i = 0; i < ACC_STRIDE; i++) acc[i] = 0;
        window_getHash(acc, ACC_LINEAGE, lineage);
        w.error = (int) acc[ACC_ERROR];
    }
    for (int i = stepFrom; i < stepTo; i++) {
        if (lid == 0) window_grow(s, &in, acc, i);
        group_microstep(s, &in, &w, &L, lid);
        if (lid == 0) window_account(&w, acc, lineage, rec, i);
    }
    if (lid == 0) {
        window_putHash(acc, ACC_LINEAGE, lineage);
        acc[ACC_ERROR] = w.error;
        if (finish != 0 && stepTo == WINDOW_STEPS) window_finish(s, &in, acc);
    }
}
