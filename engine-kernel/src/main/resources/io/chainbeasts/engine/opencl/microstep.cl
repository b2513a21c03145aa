/*
 * microstep.cl: the OpenCL C twin of engine-kernel's BeastState (layout + hash), Hatchery, Sampler,
 * Energy, MicroStep and Window, and the kernels the host calls. Needs every other part before it
 * (order: fixed, splitmix64, keccak256, combat, curriculum, net, microstep; see spec/opencl.md).
 *
 * Batching: one work-item per beast (global size = batch size, the host lets the runtime pick the
 * work-group size). Each work-item runs its beast's micro-steps in order; beasts never share data.
 *
 * Beast record in global memory (BEAST_INTS ints per beast, host order = Java field order):
 *   [0] seedCore lo  [1] seedCore hi  [2] globalStep  [3] activeMask  [4] lrShift
 *   [5] energyTotal lo  [6] energyTotal hi  [7] prevWindowLoss lo  [8] prevWindowLoss hi  [9..15] 0
 *   [BEAST_W1..] w1  b1[HIDDEN]  w2[N_OUT][HIDDEN]  b2[N_OUT]
 * w1 is [HIDDEN][N_IN] (Java's order) for cb_hatch and cb_state_hash, and input-major [N_IN][HIDDEN] for the window
 * kernels (FastNet's passes; the host transposes on the way in and out).
 * Window context: its canonical bytes (WindowContext.toBytes, 214 B) at CONTEXT_STRIDE per beast;
 * the kernel decodes season and training constants from them and hashes them for h128.
 */
#define BEAST_SEED_LO 0
#define BEAST_SEED_HI 1
#define BEAST_GLOBAL_STEP 2
#define BEAST_ENERGY_LO 5
#define BEAST_ENERGY_HI 6
#define BEAST_PREV_LOSS_LO 7
#define BEAST_PREV_LOSS_HI 8

#define CONTEXT_STRIDE 256
#define CONTEXT_LENGTH 214
#define CONTEXT_SEASON 5
#define CONTEXT_TRAINING 47
#define CONTEXT_EPOCH_SEED 85
#define CONTEXT_CHECKPOINT_ROOT 117
#define CONTEXT_DATASET 149
#define CONTEXT_REAL_POOL 181
#define CONTEXT_GROWTH_SLOT 213
#define CONTEXT_NO_GROWTH 255

/* Per-beast host arguments (longs): secretFold, pool base/size and dataset base/size in the board bank. */
#define ARGS_STRIDE 8
#define ARGS_SECRET_FOLD 0
#define ARGS_POOL_BASE 1
#define ARGS_POOL_SIZE 2
#define ARGS_DATASET_BASE 3
#define ARGS_DATASET_SIZE 4

/* Window accumulator (longs per beast): carried across launches so a window can run step by step. */
#define ACC_STRIDE 32
#define ACC_ENERGY 0
#define ACC_LOSS 1
#define ACC_MOVE_SEEN 2
#define ACC_MOVE_RIGHT 3
#define ACC_POWER_SEEN 4
#define ACC_POWER_RIGHT 5
#define ACC_BLOCK_SEEN 6
#define ACC_BLOCK_RIGHT 7
#define ACC_MOVE_LOSS 8
#define ACC_POWER_LOSS 9
#define ACC_BLOCK_LOSS 10
#define ACC_LOSS_DROP 11
#define ACC_ERROR 12
#define ACC_LINEAGE 16
#define ACC_STATE_HASH 20
#define ACC_CONTEXT_HASH 24
#define ACC_H128 28

/* Step records (ints per step) when recording is on: globalStep, source, label move/power/block, heads, the
   N_OUT outputs, three losses, energy lo/hi, error, the sample key (8 ints, little-endian bytes), weightShift. */
#define REC_STRIDE 32
#define REC_OUTPUTS 6
#define REC_LOSSES (REC_OUTPUTS + NET_N_OUT)
#define REC_ENERGY (REC_LOSSES + 3)
#define REC_ERROR (REC_ENERGY + 2)
#define REC_KEY (REC_ERROR + 1)
#define REC_WEIGHT_SHIFT (REC_KEY + 8)
#define ERR_NO_OPEN_CELLS 1

/* ---- BeastState ---- */
#define BEASTSTATE_VERSION 2

ulong beast_getLong(__global const int *s, int lo) {
    return ((ulong) as_uint(s[lo + 1]) << 32) | (ulong) as_uint(s[lo]);
}

void beast_setLong(__global int *s, int lo, ulong v) {
    s[lo] = as_int((uint) v);
    s[lo + 1] = as_int((uint) (v >> 32));
}

/* BeastState.hash(): Keccak-256 of the canonical encoding, streamed. w1InputMajor: the record holds w1 as
   [N_IN][HIDDEN] (both window layouts' records; cb_hatch's and cb_state_hash's hold Java's [HIDDEN][N_IN]); the hash
   still reads it in the canonical order. */
void beaststate_hashRecord(__global const int *s, bool w1InputMajor, uchar *out) {
    Keccak256 k;
    keccak256_init(&k);
    keccak256_updateByte(&k, 'C');
    keccak256_updateByte(&k, 'B');
    keccak256_updateByte(&k, 'S');
    keccak256_updateByte(&k, 'T');
    keccak256_updateByte(&k, BEASTSTATE_VERSION);
    keccak256_updateByte(&k, NET_N_IN);
    keccak256_updateByte(&k, NET_HIDDEN);
    keccak256_updateByte(&k, NET_N_OUT);
    keccak256_i64(&k, beast_getLong(s, BEAST_SEED_LO));
    keccak256_i32(&k, as_uint(s[BEAST_GLOBAL_STEP]));
    keccak256_i32(&k, as_uint(s[BEAST_ACTIVE_MASK]));
    keccak256_updateByte(&k, as_uint(s[BEAST_LR_SHIFT]));
    keccak256_i64(&k, beast_getLong(s, BEAST_ENERGY_LO));
    keccak256_i64(&k, beast_getLong(s, BEAST_PREV_LOSS_LO));
    for (int i = BEAST_W1; i < BEAST_B1; i++) {
        int at = i;
        if (w1InputMajor) {
            int j = (i - BEAST_W1) / NET_N_IN;
            at = BEAST_W1 + ((i - BEAST_W1) - j * NET_N_IN) * NET_HIDDEN + j;
        }
        keccak256_i32(&k, as_uint(s[at]));
    }
    for (int i = BEAST_B1; i < BEAST_B2 + NET_N_OUT; i++) keccak256_i32(&k, as_uint(s[i]));
    keccak256_digest(&k, out);
}

void beaststate_hash(__global const int *s, uchar *out) {
    beaststate_hashRecord(s, false, out);
}

/* ---- Hatchery ---- */
#define HATCHERY_DOMAIN 0x4841544348000000UL
#define HATCHERY_W1_LIMIT 8026
#define HATCHERY_W2_LIMIT 14189

int hatchery_uniform(SplitMix64 *r, int limit) {
    return (int) fixed_remUnsigned(splitmix64_next(r), (ulong) (2L * limit + 1)) - limit;
}

void hatchery_hatch(ulong seedCore, __global int *s) {
    for (int i = 0; i < BEAST_INTS; i++) s[i] = 0;
    beast_setLong(s, BEAST_SEED_LO, seedCore);
    s[BEAST_ACTIVE_MASK] = NET_HATCH_MASK;
    SplitMix64 r = splitmix64_new(seedCore ^ HATCHERY_DOMAIN);
    for (int i = 0; i < NET_HIDDEN * NET_N_IN; i++) s[BEAST_W1 + i] = hatchery_uniform(&r, HATCHERY_W1_LIMIT);
    for (int k = 0; k < NET_N_OUT; k++) {
        for (int j = 0; j < NET_HIDDEN; j++) {
            if (netshape_unitActive(NET_HATCH_MASK, j)) s[BEAST_W2 + k * NET_HIDDEN + j] = hatchery_uniform(&r, HATCHERY_W2_LIMIT);
        }
    }
}

/* ---- the window's view of its inputs ---- */
typedef struct {
    SeasonConstants season;
    TrainingConstants training;
    __global const uchar *context;
    ulong epochSeedFold;
    ulong checkpointRootFold;
    bool hasPrivateDataset;
    int growthSlot;
    ulong secretFold;
    __global const uchar *bank;
    __global const int *bankOffsets;
    int poolBase, poolSize, datasetBase, datasetSize;
} WindowInputs;

/* Everything one micro-step writes besides the state (Java: StepRecord + scratch). */
typedef struct {
    NetScratch net;
    PathBits paths;
    Board board;
    Demonstration demo;
    Label label;
    Losses losses;
    int outputs[NET_N_OUT];
    int source;
    int heads;
    uint globalStep;
    long energy;
    uchar key[32];
    int error;
} MicroStepWork;

/* ---- Sampler ---- */
#define SAMPLER_SELF_PLAY_DOMAIN 0x53454C4650000000UL
#define SAMPLER_TEMPLATE_DOMAIN 0x54454D504C000000UL
#define SAMPLER_REAL_DOMAIN 0x5245414C00000000UL
#define SAMPLER_SELF_PLAY_TURNS 8

SplitMix64 sampler_stepStream(ulong seedCore, uint globalStep, ulong domain) {
    return splitmix64_new(splitmix64_hash(seedCore ^ splitmix64_hash((ulong) globalStep ^ domain)));
}

/* Fills w->board's fighters and turn on w->board.arena. */
void sampler_place(SplitMix64 *r, const SeasonConstants *season, bool near, MicroStepWork *w) {
    const Arena *arena = &w->board.arena;
    int cells[2];
    if (!boarddraw_cells(r, arena, cells)) {
        w->error = ERR_NO_OPEN_CELLS;
        cells[0] = 0;
        cells[1] = 0;
    }
    int aw = arena->width;
    if (near) {
        int sx = fixed_rem(cells[0], aw);
        int sy = fixed_div(cells[0], aw);
        int count = 0;
        int cand[12];
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                int m = fixed_abs(dx) + fixed_abs(dy);
                if (m < 1 || m > 2) continue;
                if (!arena_inside(arena, sx + dx, sy + dy) || !arena_passable(arena, sx + dx, sy + dy)) continue;
                cand[count++] = (sy + dy) * aw + (sx + dx);
            }
        }
        if (count > 0) cells[1] = cand[splitmix64_nextInt(r, count)];
    }
    w->board.self = boarddraw_fighter(r, cells[0], arena, season);
    w->board.enemy = boarddraw_fighter(r, cells[1], arena, season);
    w->board.turn = splitmix64_nextInt(r, season->maxTurns);
}

/* Sampler.realBattleIndex: the pool board a real-battle step draws, next() mod poolSize of the step's REAL stream. */
int sampler_realBattleIndex(ulong seedCore, uint globalStep, int poolSize) {
    SplitMix64 r = sampler_stepStream(seedCore, globalStep, SAMPLER_REAL_DOMAIN);
    return (int) fixed_remUnsigned(splitmix64_next(&r), (ulong) (long) poolSize);
}

/* Sampler.privateIndex: the private record a private step draws. */
int sampler_privateIndex(__global const int *s, const WindowInputs *in) {
    return privatesampling_index(beast_getLong(s, BEAST_SEED_LO), in->secretFold, as_uint(s[BEAST_GLOBAL_STEP]), in->datasetSize);
}

/* Self-play, split so the work-group layout can run the net between its parts: the arena, the placement and the
   number of turns; then per turn the board the net sees; then the turn from the net's outputs in w->net.out. */
int sampler_selfPlayBegin(__global const int *s, const WindowInputs *in, MicroStepWork *w, SplitMix64 *r, BattleState *st) {
    const SeasonConstants *season = &in->season;
    ulong seedCore = beast_getLong(s, BEAST_SEED_LO);
    ulong key = seedCore ^ in->checkpointRootFold;
    uint globalStep = as_uint(s[BEAST_GLOBAL_STEP]);
    *r = splitmix64_new(splitmix64_hash(key ^ splitmix64_hash((ulong) globalStep ^ SAMPLER_SELF_PLAY_DOMAIN)));
    int spawnA, spawnB;
    arena_generate(splitmix64_next(r), season, &w->board.arena, &spawnA, &spawnB, &w->paths);
    bool near = splitmix64_nextInt(r, 4) != 0;
    sampler_place(r, season, near, w);
    *st = board_asState(&w->board);
    return splitmix64_nextInt(r, SAMPLER_SELF_PLAY_TURNS);
}

void sampler_selfPlayBoard(const BattleState *st, MicroStepWork *w) {
    w->board.self = st->a;
    w->board.enemy = st->b;
    w->board.turn = st->turn;
}

void sampler_selfPlayTurn(const WindowInputs *in, MicroStepWork *w, SplitMix64 *r, BattleState *st) {
    const SeasonConstants *season = &in->season;
    TurnInput input;
    net_policyOutputs(w->net.out, input.outA);
    for (int k = 0; k < 4; k++) input.outB[k] = splitmix64_nextInt(r, 17) - 8;
    input.outB[4] = splitmix64_nextInt(r, 16);
    input.outB[5] = splitmix64_nextInt(r, 4) == 0 ? 1 : 0;
    if (splitmix64_nextInt(r, 4) != 0) greedypolicy_outputs(season, &w->board.arena, &st->b, &st->a, &w->paths, input.outB);
    ulong bits = splitmix64_next(r);
    input.critA = (int) (bits & 0xFFUL) < season->critPer256 ? 1 : 0;
    input.critB = (int) ((bits >> 8) & 0xFFUL) < season->critPer256 ? 1 : 0;
    input.initiativeB = ((bits >> 16) & 1UL) == 1UL ? 1 : 0;
    turnresolver_resolve(season, &w->board.arena, st, &input, 0, 0);
}

void sampler_selfPlay(__global const int *s, const WindowInputs *in, MicroStepWork *w) {
    SplitMix64 r;
    BattleState st;
    int turns = sampler_selfPlayBegin(s, in, w, &r, &st);
    for (int t = 0; t < turns && outcome_of(&st, &in->season) == OUTCOME_ONGOING; t++) {
        sampler_selfPlayBoard(&st, w);
        inputencoder_encode(&w->board, &in->season, w->net.x, &w->paths);
        fastnet_forward(s, &w->net);
        sampler_selfPlayTurn(in, w, &r, &st);
    }
    sampler_selfPlayBoard(&st, w);
}

void sampler_draw(int source, __global const int *s, const WindowInputs *in, MicroStepWork *w) {
    const SeasonConstants *season = &in->season;
    ulong seedCore = beast_getLong(s, BEAST_SEED_LO);
    uint globalStep = as_uint(s[BEAST_GLOBAL_STEP]);
    if (source == SAMPLESOURCE_SELF_PLAY) {
        sampler_selfPlay(s, in, w);
    } else if (source == SAMPLESOURCE_TEMPLATE) {
        SplitMix64 r = sampler_stepStream(seedCore, globalStep, SAMPLER_TEMPLATE_DOMAIN);
        if (season->arenaWidth == TEMPLATEROM_WIDTH && season->arenaHeight == TEMPLATEROM_HEIGHT) {
            templaterom_get(templaterom_indexFor(in->epochSeedFold), &w->board.arena);
        } else {
            int spawnA, spawnB;
            arena_generate(splitmix64_next(&r), season, &w->board.arena, &spawnA, &spawnB, &w->paths);
        }
        bool near = splitmix64_nextInt(&r, 2) == 0;
        sampler_place(&r, season, near, w);
    } else if (source == SAMPLESOURCE_REAL_BATTLE) {
        int idx = sampler_realBattleIndex(seedCore, globalStep, in->poolSize);
        board_decode(in->bank + in->bankOffsets[in->poolBase + idx], &w->board);
    } else {
        __global const uchar *p = in->bank + in->bankOffsets[in->datasetBase + sampler_privateIndex(s, in)];
        int size = board_decode(p, &w->board);
        w->demo = demonstration_decode(p + size);
    }
}


/* ---- Energy ---- */
long energy_stepCost(int activeMask, const TrainingConstants *tc) {
    return fixed_div64(fixed_wrapMul64(tc->baseStepCost, (long) netshape_activeParams(activeMask)), (long) NET_SLAB_PARAMS);
}

/* ---- MicroStep ---- */
/* MicroStep.teach: the coach's demonstration on a private record that has a legal one, else the teacher. */
Label microstep_teach(int source, MicroStepWork *w, const SeasonConstants *season) {
    if (source == SAMPLESOURCE_PRIVATE && labels_isLegal(&w->demo, &w->board, season)) return labels_demonstrated(&w->demo);
    return labels_of(&w->board, season, &w->paths);
}

/* The step's schedule: the lr shift (stored), heads, source and step number (into w). */
void microstep_begin(__global int *s, const WindowInputs *in, MicroStepWork *w) {
    uint globalStep = as_uint(s[BEAST_GLOBAL_STEP]);
    int epoch = curriculum_epoch(globalStep, &in->training);
    s[BEAST_LR_SHIFT] = curriculum_lrShift(epoch, &in->training);
    w->heads = curriculum_heads(epoch, &in->training);
    w->source = samplesource_forStep(globalStep, in->hasPrivateDataset);
    w->globalStep = globalStep;
}

/* The drawn board's label, and its net inputs in w->net.x. */
void microstep_label(const WindowInputs *in, MicroStepWork *w) {
    w->label = microstep_teach(w->source, w, &in->season);
    inputencoder_encode(&w->board, &in->season, w->net.x, &w->paths);
}

/* After the update: ENERGY, the step counter and the sample key. */
void microstep_end(__global int *s, const WindowInputs *in, MicroStepWork *w) {
    long energy = energy_stepCost(s[BEAST_ACTIVE_MASK], &in->training);
    beast_setLong(s, BEAST_ENERGY_LO, beast_getLong(s, BEAST_ENERGY_LO) + (ulong) energy);
    s[BEAST_GLOBAL_STEP] = as_int(w->globalStep + 1u);
    w->energy = energy;
    board_key(&w->board, w->key);
}

void microstep_run(__global int *s, const WindowInputs *in, MicroStepWork *w) {
    microstep_begin(s, in, w);
    sampler_draw(w->source, s, in, w);
    microstep_label(in, w);
    NetScratch *t = &w->net;
    fastnet_forward(s, t);
    for (int k = 0; k < NET_N_OUT; k++) w->outputs[k] = t->out[k];
    w->losses = net_lossAndGradient(t, &w->label, w->heads);
    fastnet_backwardAndUpdate(s, t);
    microstep_end(s, in, w);
}

/* ---- Window ---- */
#define WINDOW_STEPS 128
#define WINDOW_GROWTH_STEP 64

void window_inputs(__global const uchar *ctx, __global const long *args, __global const uchar *bank,
                   __global const int *bankOffsets, WindowInputs *in) {
    in->season = seasonconstants_decode(ctx + CONTEXT_SEASON);
    in->training = trainingconstants_decode(ctx + CONTEXT_TRAINING);
    in->context = ctx;
    in->epochSeedFold = privatesampling_fold(ctx + CONTEXT_EPOCH_SEED);
    in->checkpointRootFold = privatesampling_fold(ctx + CONTEXT_CHECKPOINT_ROOT);
    bool priv = false;
    for (int i = 0; i < 32; i++) if (ctx[CONTEXT_DATASET + i] != 0) priv = true;
    in->hasPrivateDataset = priv;
    in->growthSlot = ctx[CONTEXT_GROWTH_SLOT];
    in->secretFold = as_ulong(args[ARGS_SECRET_FOLD]);
    in->bank = bank;
    in->bankOffsets = bankOffsets;
    in->poolBase = (int) args[ARGS_POOL_BASE];
    in->poolSize = (int) args[ARGS_POOL_SIZE];
    in->datasetBase = (int) args[ARGS_DATASET_BASE];
    in->datasetSize = (int) args[ARGS_DATASET_SIZE];
}

/* Window.h128: keccak256("CBH1" || stateHash || contextHash). */
void window_h128(const uchar *stateHash, const uchar *contextHash, uchar *out) {
    Keccak256 k;
    keccak256_init(&k);
    keccak256_updateByte(&k, 'C');
    keccak256_updateByte(&k, 'B');
    keccak256_updateByte(&k, 'H');
    keccak256_updateByte(&k, '1');
    keccak256_updatePrivate(&k, stateHash, 32);
    keccak256_updatePrivate(&k, contextHash, 32);
    keccak256_digest(&k, out);
}

void window_putHash(__global long *acc, int at, const uchar *h) {
    for (int i = 0; i < 4; i++) {
        ulong v = 0;
        for (int b = 7; b >= 0; b--) v = (v << 8) | (ulong) h[8 * i + b];
        acc[at + i] = as_long(v);
    }
}

void window_getHash(__global const long *acc, int at, uchar *h) {
    for (int j = 0; j < 32; j++) h[j] = (uchar) (as_ulong(acc[at + (j >> 3)]) >> (8 * (j & 7)));
}

/* Window step i's growth spurt (at WINDOW_GROWTH_STEP, when the context names a slot). */
void window_grow(__global int *s, const WindowInputs *in, __global long *acc, int i) {
    if (i == WINDOW_GROWTH_STEP && in->growthSlot != CONTEXT_NO_GROWTH) {
        s[BEAST_ACTIVE_MASK] = s[BEAST_ACTIVE_MASK] | (1 << in->growthSlot);
        acc[ACC_ENERGY] = fixed_wrapAdd64(acc[ACC_ENERGY], in->training.growthSlotCost);
        beast_setLong(s, BEAST_ENERGY_LO, beast_getLong(s, BEAST_ENERGY_LO) + as_ulong(in->training.growthSlotCost));
    }
}

/* After micro-step i: energy, loss, lineage, head tallies and (rec != 0) the step record. */
void window_account(const MicroStepWork *w, __global long *acc, uchar *lineage, __global int *rec, int i) {
    acc[ACC_ENERGY] = fixed_wrapAdd64(acc[ACC_ENERGY], w->energy);
    acc[ACC_LOSS] = fixed_wrapAdd64(acc[ACC_LOSS], (long) losses_total(&w->losses));
    Keccak256 k;
    keccak256_init(&k);
    keccak256_updatePrivate(&k, lineage, 32);
    keccak256_updateByte(&k, (uint) w->source);
    keccak256_updatePrivate(&k, w->key, 32);
    keccak256_digest(&k, lineage);
    if ((w->heads & CURRICULUM_HEAD_MOVE) != 0 && label_hasMove(&w->label)) {
        acc[ACC_MOVE_SEEN]++;
        if (net_predictedMove(w->outputs) == w->label.move) acc[ACC_MOVE_RIGHT]++;
        acc[ACC_MOVE_LOSS] = fixed_wrapAdd64(acc[ACC_MOVE_LOSS], (long) w->losses.move);
    }
    if ((w->heads & CURRICULUM_HEAD_POWER) != 0 && label_hasPower(&w->label)) {
        acc[ACC_POWER_SEEN]++;
        if (net_predictedPower(w->outputs) == w->label.power) acc[ACC_POWER_RIGHT]++;
        acc[ACC_POWER_LOSS] = fixed_wrapAdd64(acc[ACC_POWER_LOSS], (long) w->losses.power);
    }
    if ((w->heads & CURRICULUM_HEAD_BLOCK) != 0 && label_hasBlock(&w->label)) {
        acc[ACC_BLOCK_SEEN]++;
        if (net_predictedBlock(w->outputs) == w->label.block) acc[ACC_BLOCK_RIGHT]++;
        acc[ACC_BLOCK_LOSS] = fixed_wrapAdd64(acc[ACC_BLOCK_LOSS], (long) w->losses.block);
    }
    if (rec != 0) {
        __global int *r = rec + i * REC_STRIDE;
        r[0] = as_int(w->globalStep);
        r[1] = w->source;
        r[2] = w->label.move;
        r[3] = w->label.power;
        r[4] = w->label.block;
        r[5] = w->heads;
        for (int q = 0; q < NET_N_OUT; q++) r[REC_OUTPUTS + q] = w->outputs[q];
        r[REC_LOSSES] = w->losses.move;
        r[REC_LOSSES + 1] = w->losses.power;
        r[REC_LOSSES + 2] = w->losses.block;
        r[REC_ENERGY] = as_int((uint) as_ulong(w->energy));
        r[REC_ENERGY + 1] = as_int((uint) (as_ulong(w->energy) >> 32));
        r[REC_ERROR] = w->error;
        for (int q = 0; q < 8; q++) {
            r[REC_KEY + q] = as_int((uint) w->key[4 * q] | ((uint) w->key[4 * q + 1] << 8)
                    | ((uint) w->key[4 * q + 2] << 16) | ((uint) w->key[4 * q + 3] << 24));
        }
        r[REC_WEIGHT_SHIFT] = w->label.weightShift;
    }
}

/* The window's end: loss-drop, prevWindowLoss, state and context hashes, h128 (the window kernels' records hold w1
   input-major in both layouts). */
void window_finish(__global int *s, const WindowInputs *in, __global long *acc) {
    long loss = acc[ACC_LOSS];
    long prev = as_long(beast_getLong(s, BEAST_PREV_LOSS_LO));
    acc[ACC_LOSS_DROP] = (prev > 0 && loss < prev) ? 1 : 0;
    beast_setLong(s, BEAST_PREV_LOSS_LO, as_ulong(loss));
    uchar stateHash[32];
    uchar contextHash[32];
    uchar h128[32];
    beaststate_hashRecord(s, true, stateHash);
    Keccak256 k;
    keccak256_init(&k);
    keccak256_updateGlobal(&k, in->context, CONTEXT_LENGTH);
    keccak256_digest(&k, contextHash);
    window_h128(stateHash, contextHash, h128);
    window_putHash(acc, ACC_STATE_HASH, stateHash);
    window_putHash(acc, ACC_CONTEXT_HASH, contextHash);
    window_putHash(acc, ACC_H128, h128);
}

/* Steps [from, to) of the window; from == 0 starts it; finish (with to == WINDOW_STEPS) ends it: loss-drop,
   prevWindowLoss, state and context hashes, h128. A launch may run no step (from == to) just to finish. */
void window_run(__global int *s, const WindowInputs *in, __global long *acc, __global int *rec, int from, int to,
                bool finish, MicroStepWork *w) {
    if (from == 0) for (int i = 0; i < ACC_STRIDE; i++) acc[i] = 0;
    uchar lineage[32];
    window_getHash(acc, ACC_LINEAGE, lineage);
    w->error = (int) acc[ACC_ERROR];
    for (int i = from; i < to; i++) {
        window_grow(s, in, acc, i);
        microstep_run(s, in, w);
        window_account(w, acc, lineage, rec, i);
    }
    window_putHash(acc, ACC_LINEAGE, lineage);
    acc[ACC_ERROR] = w->error;
    if (finish && to == WINDOW_STEPS) window_finish(s, in, acc);
}

/* ---- kernels ---- */

/* One work-item per beast: window steps [stepFrom, stepTo) for every beast of the batch. */
__kernel void cb_window_steps(__global int *states, __global const uchar *contexts, __global const long *args,
                              __global const uchar *bank, __global const int *bankOffsets, __global long *acc,
                              __global int *records, int stepFrom, int stepTo, int finish, int record, int nBeasts) {
    int b = (int) get_global_id(0);
    if (b >= nBeasts) return;
    WindowInputs in;
    window_inputs(contexts + (long) b * CONTEXT_STRIDE, args + (long) b * ARGS_STRIDE, bank, bankOffsets, &in);
    MicroStepWork w;
    w.error = 0;
    w.demo.kind = DEMONSTRATION_NO_KIND;
    w.net.accCurrent = false;
    __global int *rec = record != 0 ? records + (long) b * WINDOW_STEPS * REC_STRIDE : 0;
    window_run(states + (long) b * BEAST_INTS, &in, acc + (long) b * ACC_STRIDE, rec, stepFrom, stepTo, finish != 0, &w);
}

__kernel void cb_hatch(__global const long *seeds, __global int *states, int n) {
    int b = (int) get_global_id(0);
    if (b >= n) return;
    hatchery_hatch(as_ulong(seeds[b]), states + (long) b * BEAST_INTS);
}

__kernel void cb_state_hash(__global const int *states, __global uchar *hashes, int n) {
    int b = (int) get_global_id(0);
    if (b >= n) return;
    uchar h[32];
    beaststate_hash(states + (long) b * BEAST_INTS, h);
    for (int i = 0; i < 32; i++) hashes[(long) b * 32 + i] = h[i];
}
