/*
 * curriculum.cl: the OpenCL C twin of the curriculum module (Board, Demonstration, Label, Labels, Curriculum,
 * SampleSource, BoardDraw, TemplateRom, PrivateSampling, RealBattlePool, TrainingConstants).
 * Needs fixed.cl, splitmix64.cl, keccak256.cl and combat.cl before it.
 */

/* ---- Board (combat/Board.java: arena + self + enemy + turn; the sample) ---- */
typedef struct {
    Arena arena;
    Fighter self;
    Fighter enemy;
    int turn;
} Board;

/* Feeds the canonical encoding (u8 w, u8 h, tiles, self 9 B, enemy 9 B, u16 turn) to a sponge. */
void fighter_encode(Keccak256 *k, const Fighter *f) {
    keccak256_updateByte(k, (uint) f->x);
    keccak256_updateByte(k, (uint) f->y);
    keccak256_u16(k, (uint) f->hp);
    keccak256_updateByte(k, (uint) f->stamina);
    keccak256_updateByte(k, (uint) f->attack);
    keccak256_updateByte(k, (uint) f->defense);
    keccak256_updateByte(k, (uint) f->tempDef);
    keccak256_updateByte(k, (uint) f->lastAction);
}

/* Board.key(): Keccak-256 of the canonical encoding. */
void board_key(const Board *b, uchar *out) {
    Keccak256 k;
    keccak256_init(&k);
    keccak256_updateByte(&k, (uint) b->arena.width);
    keccak256_updateByte(&k, (uint) b->arena.height);
    keccak256_updatePrivate(&k, b->arena.tiles, b->arena.width * b->arena.height);
    fighter_encode(&k, &b->self);
    fighter_encode(&k, &b->enemy);
    keccak256_u16(&k, (uint) b->turn);
    keccak256_digest(&k, out);
}

Fighter fighter_decode(__global const uchar *p) {
    Fighter f;
    f.x = p[0]; f.y = p[1]; f.hp = ((int) p[2] << 8) | (int) p[3]; f.stamina = p[4];
    f.attack = p[5]; f.defense = p[6]; f.tempDef = p[7]; f.lastAction = p[8];
    return f;
}

/* Board.decode from a canonical encoding in the host's board bank (sizes checked by the host); returns its size. */
int board_decode(__global const uchar *p, Board *b) {
    int w = p[0];
    int h = p[1];
    b->arena.width = w;
    b->arena.height = h;
    for (int i = 0; i < w * h; i++) b->arena.tiles[i] = p[2 + i];
    b->self = fighter_decode(p + 2 + w * h);
    b->enemy = fighter_decode(p + 2 + w * h + 9);
    b->turn = ((int) p[2 + w * h + 18] << 8) | (int) p[2 + w * h + 19];
    pathbits_openRows(&b->arena);
    return 2 + w * h + 20;
}

BattleState board_asState(const Board *b) {
    BattleState st;
    st.turn = b->turn;
    st.a = b->self;
    st.b = b->enemy;
    return st;
}

/* ---- Demonstration (3 bytes after each board in the bank: u8 kind or 255, u8 dir, u8 outcome) ---- */
#define DEMONSTRATION_NO_KIND 255

typedef struct {
    int kind, dir, outcome;
} Demonstration;

Demonstration demonstration_decode(__global const uchar *p) {
    Demonstration d;
    d.kind = p[0];
    d.dir = p[1];
    d.outcome = p[2];
    return d;
}

bool demonstration_present(const Demonstration *d) {
    return d->kind != DEMONSTRATION_NO_KIND;
}

/* ---- Label, Labels ---- */
#define LABEL_STAY 4
#define LABEL_NONE DIR_NONE

typedef struct {
    int move, power, block, weightShift;
} Label;

Label label_of(int move, int power, int block, int weightShift) {
    Label l;
    l.move = move;
    l.power = power;
    l.block = block;
    l.weightShift = weightShift;
    return l;
}

bool label_hasMove(const Label *l) { return l->move != LABEL_NONE; }
bool label_hasPower(const Label *l) { return l->power != LABEL_NONE; }
bool label_hasBlock(const Label *l) { return l->block != LABEL_NONE; }

__constant int LABELS_MOVE_ORDER[5] = {DIR_N, DIR_S, DIR_E, DIR_W, LOOKAHEAD_REST};
#define LABELS_STAKES_DECISIVE (LOOKAHEAD_WIN / 2)

int labels_weightShift(const long *values, int best) {
    long worst = values[best];
    for (int c = 0; c < LOOKAHEAD_CANDIDATES; c++) if (values[c] != LOOKAHEAD_ILLEGAL) worst = min(worst, values[c]);
    return values[best] - worst >= LABELS_STAKES_DECISIVE ? 1 : 0;
}

Label labels_of(const Board *b, const SeasonConstants *season, PathBits *paths) {
    long values[LOOKAHEAD_CANDIDATES];
    BattleState st = board_asState(b);
    int best = lookahead_search(season, &b->arena, &st, values, paths);
    if (best < 0) return label_of(LABEL_NONE, LABEL_NONE, LABEL_NONE, 0);
    int move = DIR_NONE;
    for (int i = 0; i < 5; i++) {
        int c = LABELS_MOVE_ORDER[i];
        if (values[c] != LOOKAHEAD_ILLEGAL && (move == DIR_NONE || values[c] > values[move])) move = c;
    }
    int power = best == LOOKAHEAD_ATTACK ? 1 : 0;
    int block = values[LOOKAHEAD_BLOCK] != LOOKAHEAD_ILLEGAL && values[LOOKAHEAD_BLOCK] > values[move] ? 1 : 0;
    return label_of(move, power, block, labels_weightShift(values, best));
}

Label labels_demonstrated(const Demonstration *d) {
    if (d->kind == ACTION_ATTACK) return label_of(LABEL_NONE, 1, LABEL_NONE, 0);
    if (d->kind == ACTION_BLOCK) return label_of(LABEL_NONE, 0, 1, 0);
    if (d->kind == ACTION_MOVE) return label_of(d->dir, 0, 0, 0);
    if (d->kind == ACTION_REST) return label_of(LABEL_STAY, 0, 0, 0);
    return label_of(LABEL_NONE, LABEL_NONE, LABEL_NONE, 0);
}

bool labels_isLegal(const Demonstration *d, const Board *b, const SeasonConstants *season) {
    if (!demonstration_present(d)) return false;
    Fighter self = b->self;
    self.stamina = rules_staminaAtCommit(&b->self, season);
    if (d->kind == ACTION_ATTACK) return rules_canAttack(&self, &b->enemy);
    if (d->kind == ACTION_MOVE) return rules_canMove(&self) && d->dir < DIR_COUNT && rules_isOpenStep(&b->arena, &self, &b->enemy, d->dir);
    if (d->kind == ACTION_BLOCK) return rules_canBlock(&self);
    if (d->kind == ACTION_REST) return rules_canRest(&self);
    return rules_canRecover(&self);
}

/* ---- TrainingConstants (decoded from its 38-byte canonical encoding) ---- */
typedef struct {
    int stepsPerEpoch;
    int lrShiftByEpoch[16];
    int powerEpoch;
    int blockEpoch;
    long baseStepCost;
    long growthSlotCost;
} TrainingConstants;

ulong cb_be64(__global const uchar *p) {
    ulong v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | (ulong) p[i];
    return v;
}

TrainingConstants trainingconstants_decode(__global const uchar *p) {
    TrainingConstants t;
    t.stepsPerEpoch = as_int(((uint) p[0] << 24) | ((uint) p[1] << 16) | ((uint) p[2] << 8) | (uint) p[3]);
    for (int i = 0; i < 16; i++) t.lrShiftByEpoch[i] = p[4 + i];
    t.powerEpoch = p[20];
    t.blockEpoch = p[21];
    t.baseStepCost = as_long(cb_be64(p + 22));
    t.growthSlotCost = as_long(cb_be64(p + 30));
    return t;
}

/* ---- Curriculum ---- */
#define CURRICULUM_HEAD_MOVE 1
#define CURRICULUM_HEAD_POWER 2
#define CURRICULUM_HEAD_BLOCK 4

/* globalStep is the unsigned 32-bit counter; Java divides it as a long. */
int curriculum_epoch(uint globalStep, const TrainingConstants *tc) {
    return (int) fixed_div64((long) globalStep, (long) tc->stepsPerEpoch);
}

int curriculum_heads(int epoch, const TrainingConstants *tc) {
    int h = CURRICULUM_HEAD_MOVE;
    if (epoch >= tc->powerEpoch) h |= CURRICULUM_HEAD_POWER;
    if (epoch >= tc->blockEpoch) h |= CURRICULUM_HEAD_BLOCK;
    return h;
}

int curriculum_lrShift(int epoch, const TrainingConstants *tc) {
    return tc->lrShiftByEpoch[min(epoch, 16 - 1)];
}

/* ---- SampleSource ---- */
#define SAMPLESOURCE_SELF_PLAY 0
#define SAMPLESOURCE_TEMPLATE 1
#define SAMPLESOURCE_REAL_BATTLE 2
#define SAMPLESOURCE_PRIVATE 3

int samplesource_forStep(uint globalStep, bool hasPrivateDataset) {
    int k = (int) (globalStep & 7u);
    if (k == 3) return SAMPLESOURCE_TEMPLATE;
    if (k == 7) return SAMPLESOURCE_REAL_BATTLE;
    if (hasPrivateDataset && (k & 1) == 0) return SAMPLESOURCE_PRIVATE;
    return SAMPLESOURCE_SELF_PLAY;
}

/* ---- BoardDraw ----
 * Java counts and ranks the open (non-wall) cells tile by tile in row-major order; the twin reads the same cells off
 * the arena's row bitmasks (PathBits' openRows: bit x of row y is the cell y * w + x), a popcount per row. */
int boarddraw_nthOpen(const Arena *arena, int k) {
    for (int y = 0; y < arena->height; y++) {
        uint row = arena->openRows[y];
        int count = (int) popcount(row);
        if (k < count) {
            for (; k > 0; k--) row &= row - 1u; /* drop the k lowest open cells */
            return y * arena->width + (31 - (int) clz(row & (0u - row)));
        }
        k -= count;
    }
    return -1; /* unreachable (Java: AssertionError) */
}

/* {selfCell, enemyCell}; returns false when the arena has fewer than two open cells (Java throws). */
bool boarddraw_cells(SplitMix64 *r, const Arena *arena, int *cells) {
    int open = 0;
    for (int y = 0; y < arena->height; y++) open += (int) popcount(arena->openRows[y]);
    if (open < 2) return false;
    int a = boarddraw_nthOpen(arena, splitmix64_nextInt(r, open));
    int bRank = splitmix64_nextInt(r, open - 1);
    int b = boarddraw_nthOpen(arena, bRank);
    if (b >= a) b = boarddraw_nthOpen(arena, bRank + 1);
    cells[0] = a;
    cells[1] = b;
    return true;
}

Fighter boarddraw_fighter(SplitMix64 *r, int cell, const Arena *arena, const SeasonConstants *s) {
    Fighter f;
    int hp = 1 + splitmix64_nextInt(r, s->maxHp);
    int stamina = 1 + splitmix64_nextInt(r, s->maxStamina);
    int attackHi = min(15, s->maxPower);
    int attack = min(10, attackHi) + splitmix64_nextInt(r, attackHi - min(10, attackHi) + 1);
    int defense = splitmix64_nextInt(r, 33);
    int guards = s->blockBonus == 0 ? 0 : fixed_div(s->blockCap, s->blockBonus);
    int tempDef = min(s->blockCap, s->blockBonus * splitmix64_nextInt(r, guards + 1));
    int last = splitmix64_nextInt(r, 4);
    f.x = fixed_rem(cell, arena->width);
    f.y = fixed_div(cell, arena->width);
    f.hp = hp; f.stamina = stamina; f.attack = attack; f.defense = defense; f.tempDef = tempDef; f.lastAction = last;
    return f;
}

/* ---- TemplateRom (the same 16 arenas as TemplateRom.java, tile codes row-major) ---- */
#define TEMPLATEROM_COUNT 16
#define TEMPLATEROM_WIDTH 9
#define TEMPLATEROM_HEIGHT 9

__constant uchar TEMPLATEROM_TILES[16 * 81] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    2, 2, 2, 2, 0, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 2, 2, 0, 1, 1, 0, 1, 1, 0, 2, 2, 0, 1, 0, 0, 0, 1, 0, 2, 0, 0, 0, 1, 0, 1, 0, 0, 0, 2, 0, 1, 0, 0, 0, 1, 0, 2, 2, 0, 1, 1, 0, 1, 1, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 0, 2, 2, 2, 2,
    0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 2, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 2, 2, 2, 2, 2, 2, 2, 0, 0, 2, 0, 0, 0, 0, 0, 2, 0, 0, 2, 0, 1, 1, 1, 0, 2, 0, 0, 2, 0, 1, 0, 1, 0, 2, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 1, 1, 1, 0, 2, 0, 0, 2, 0, 0, 0, 0, 0, 2, 0, 0, 2, 2, 2, 0, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 1, 0, 1, 2, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 0, 0, 2, 1, 1, 1, 1, 1, 2, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 0, 2, 1, 0, 1, 0, 1, 2, 0, 0, 2, 0, 0, 1, 0, 0, 2, 0, 0, 2, 1, 1, 1, 1, 1, 2, 0, 0, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
};

void templaterom_get(int index, Arena *out) {
    out->width = TEMPLATEROM_WIDTH;
    out->height = TEMPLATEROM_HEIGHT;
    for (int i = 0; i < 81; i++) out->tiles[i] = TEMPLATEROM_TILES[index * 81 + i];
    pathbits_openRows(out);
}

int templaterom_indexFor(ulong epochSeed) {
    return (int) fixed_remUnsigned(epochSeed, TEMPLATEROM_COUNT);
}

/* ---- PrivateSampling ---- */
ulong privatesampling_fold(__global const uchar *secret32) {
    ulong f = 0;
    for (int word = 0; word < 4; word++) f ^= cb_be64(secret32 + 8 * word);
    return f;
}

/* datasetLength > 0 is checked by the host (Java throws). */
int privatesampling_index(ulong seedCore, ulong secretFold, uint globalStep, int datasetLength) {
    ulong mixed = splitmix64_hash(seedCore ^ secretFold ^ (ulong) globalStep);
    return (int) fixed_remUnsigned(mixed, (ulong) (long) datasetLength);
}
