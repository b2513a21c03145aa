/*
 * combat.cl: the OpenCL C twin of the combat module (SPEC.md sections 5-9). Java class.method is
 * lowercase-class_method here, in the Java files' order: Tile, Dir, ActionKind, MoveOutcome,
 * SeasonConstants, Arena (+ generate), Fighter, BattleState, PathFinder, PathBits, Rules, Appendage,
 * TurnResolver, Outcome, GreedyPolicy, Lookahead. Needs fixed.cl and splitmix64.cl before it.
 * Path searches are the optimised kernel's (PathBits: row-bitmask layers with an early exit, as Java's
 * trainer runs them); PathFinder contributes its constant. Arenas hold at most 32 x 32 cells, a row
 * bitmask per row: the host refuses wider or taller boards (no season or dataset has them).
 *
 * Differences in form only: records are structs passed by pointer and rebuilt in place; the
 * validation the Java rejects with exceptions (TurnResolver.resolve's pre.validate, Appendage's
 * output count) is done by the host for external inputs; every state the kernel builds itself
 * (self-play) is valid by construction.
 */
#define CB_MAX_CELLS 1024

/* ---- Tile ---- */
#define TILE_FLOOR 0
#define TILE_WALL 1
#define TILE_HAZARD 2

/* ---- Dir ---- */
#define DIR_N 0
#define DIR_S 1
#define DIR_E 2
#define DIR_W 3
#define DIR_COUNT 4
#define DIR_NONE 255
__constant int DIR_DX[4] = {0, 0, 1, -1};
__constant int DIR_DY[4] = {-1, 1, 0, 0};

/* ---- ActionKind ---- */
#define ACTION_REST 0
#define ACTION_MOVE 1
#define ACTION_ATTACK 2
#define ACTION_BLOCK 3
#define ACTION_RECOVER 4

bool actionkind_tires(int kind) {
    return kind == ACTION_ATTACK || kind == ACTION_BLOCK;
}

bool actionkind_guards(int kind) {
    return kind == ACTION_BLOCK || kind == ACTION_RECOVER;
}

/* ---- MoveOutcome ---- */
#define MOVE_NONE 0
#define MOVE_MOVED 1
#define MOVE_BUMP_EDGE 2
#define MOVE_BUMP_WALL 3
#define MOVE_COLLIDED 4

/* ---- SeasonConstants (decoded from its 42-byte canonical encoding: 21 x u16) ---- */
#define SEASON_FIELDS 21

typedef struct {
    int arenaWidth, arenaHeight, wallPer256, hazardPer256, maxHp, maxStamina, actionStaminaCost,
        hazardStaminaCost, recoverStamina, blockBonus, blockCap, damageScale, maxPower, critPer256,
        critMultiplier, maxTurns, blockThreatScale, disengageStaminaCost, closingTurn, closingInterval,
        closingDamage;
} SeasonConstants;

SeasonConstants seasonconstants_decode(__global const uchar *p) {
    int v[SEASON_FIELDS];
    for (int i = 0; i < SEASON_FIELDS; i++) v[i] = ((int) p[2 * i] << 8) | (int) p[2 * i + 1];
    SeasonConstants s;
    s.arenaWidth = v[0]; s.arenaHeight = v[1]; s.wallPer256 = v[2]; s.hazardPer256 = v[3];
    s.maxHp = v[4]; s.maxStamina = v[5]; s.actionStaminaCost = v[6]; s.hazardStaminaCost = v[7];
    s.recoverStamina = v[8]; s.blockBonus = v[9]; s.blockCap = v[10]; s.damageScale = v[11];
    s.maxPower = v[12]; s.critPer256 = v[13]; s.critMultiplier = v[14]; s.maxTurns = v[15];
    s.blockThreatScale = v[16]; s.disengageStaminaCost = v[17]; s.closingTurn = v[18]; s.closingInterval = v[19];
    s.closingDamage = v[20];
    return s;
}

/* ---- Arena ---- */
#define ARENA_MAX_ATTEMPTS 64
#define PATHBITS_MAX_SIDE 32

/* openRows: row y's passable cells as bits (bit x), for PathBits; filled by pathbits_openRows wherever the tiles are
   set (Java computes them in Arena's constructor); unused on arenas wider or taller than PATHBITS_MAX_SIDE. */
typedef struct {
    int width;
    int height;
    uchar tiles[CB_MAX_CELLS];
    uint openRows[PATHBITS_MAX_SIDE];
} Arena;

bool arena_inside(const Arena *a, int x, int y) {
    return x >= 0 && y >= 0 && x < a->width && y < a->height;
}

int arena_tile(const Arena *a, int x, int y) {
    return arena_inside(a, x, y) ? (int) a->tiles[y * a->width + x] : TILE_WALL;
}

bool arena_passable(const Arena *a, int x, int y) {
    return arena_tile(a, x, y) != TILE_WALL;
}

/* ---- Fighter, BattleState ---- */
typedef struct {
    int x, y, hp, stamina, attack, defense, tempDef, lastAction;
} Fighter;

typedef struct {
    int turn;
    Fighter a;
    Fighter b;
} BattleState;

/* ---- PathFinder ---- */
#define PATHFINDER_UNREACHABLE (-1)

/* ---- PathBits (the optimised twin of PathFinder's search, held equal to it by PathBitsTest and PrimitivesBulkTest) ----
 * Layers of the breadth-first search from the goal as row bitmasks: the next layer of row y is
 * (f | f << 1 | f >> 1 | above | below) & open & ~seen. Rows are padded: row y at index y + 1, rows 0 and h + 1
 * stay 0. The search stops at the layer that holds the start and keeps the layer before it (`before`), which is
 * all firstStep, closerSteps and the teacher's distance read. Java's fallback for arenas past 32 x 32 (PathFinder's
 * queue search) has no twin: the host refuses such boards. */
#define PATHBITS_ROWS (PATHBITS_MAX_SIDE + 2)

typedef struct {
    uint layer[PATHBITS_ROWS];
    uint next[PATHBITS_ROWS];
    uint seen[PATHBITS_ROWS];
    uint before[PATHBITS_ROWS];
} PathBits;

/* PathBits.openRows: the arena's passable cells as row bitmasks, into arena->openRows. */
void pathbits_openRows(Arena *arena) {
    int w = arena->width;
    for (int y = 0; y < arena->height; y++) {
        uint row = 0;
        for (int x = 0; x < w; x++) if (arena->tiles[y * w + x] != TILE_WALL) row |= 1u << x;
        arena->openRows[y] = row;
    }
}

/* Clears the rows and puts layer 0, the goal, in p->layer. */
void pathbits_start(PathBits *p, int h, int gx, int gy) {
    for (int y = 0; y < h + 2; y++) {
        p->layer[y] = 0;
        p->seen[y] = 0;
        p->next[y] = 0;
    }
    p->layer[gy + 1] = 1u << gx;
    p->seen[gy + 1] = 1u << gx;
}

/* The next layer of cur into nxt, marked seen; returns the union of its rows (0: none). */
uint pathbits_expand(PathBits *p, const uint *open, int h, const uint *cur, uint *nxt) {
    uint any = 0;
    for (int y = 1; y <= h; y++) {
        uint f = cur[y];
        uint row = (f | (f << 1) | (f >> 1) | cur[y - 1] | cur[y + 1]) & open[y - 1] & ~p->seen[y];
        nxt[y] = row;
        p->seen[y] |= row;
        any |= row;
    }
    return any;
}

/* PathBits.distance: the path length from (sx, sy) to the passable goal (gx, gy), or PATHFINDER_UNREACHABLE. */
int pathbits_distance(PathBits *p, const Arena *arena, int sx, int sy, int gx, int gy) {
    int h = arena->height;
    pathbits_start(p, h, gx, gy);
    if (sx == gx && sy == gy) {
        for (int y = 0; y < h + 2; y++) p->before[y] = 0;
        return 0;
    }
    uint *cur = p->layer;
    uint *nxt = p->next;
    uint target = 1u << sx;
    for (int d = 1; ; d++) {
        if (pathbits_expand(p, arena->openRows, h, cur, nxt) == 0) return PATHFINDER_UNREACHABLE;
        if ((nxt[sy + 1] & target) != 0) {
            /* the start is in layer d: keep layer d - 1 (cur) as the one before it */
            for (int y = 0; y < h + 2; y++) p->before[y] = cur[y];
            return d;
        }
        uint *t = cur;
        cur = nxt;
        nxt = t;
    }
}

/* Whether (x, y) is in the layer before the start's of the last distance (false off the grid). */
bool pathbits_closer(const PathBits *p, int x, int y) {
    return y >= 0 && y < PATHBITS_MAX_SIDE && x >= 0 && x < PATHBITS_MAX_SIDE && ((p->before[y + 1] >> x) & 1u) != 0;
}

/* PathBits.closerSteps: bit d set when the step d from (sx, sy) is one closer to (gx, gy) along a shortest path. */
int pathbits_closerSteps(PathBits *p, const Arena *arena, int sx, int sy, int gx, int gy) {
    int here = pathbits_distance(p, arena, sx, sy, gx, gy);
    if (here == PATHFINDER_UNREACHABLE || here == 0) return 0;
    int bits = 0;
    for (int d = 0; d < DIR_COUNT; d++) {
        if (pathbits_closer(p, sx + DIR_DX[d], sy + DIR_DY[d])) bits |= 1 << d;
    }
    return bits;
}

/* PathBits.firstStep (PathFinder.firstStep's choice): the closer neighbour of lowest Manhattan distance, ties N, S, E, W. */
int pathbits_firstStep(PathBits *p, const Arena *arena, int x, int y, int gx, int gy) {
    int here = pathbits_distance(p, arena, x, y, gx, gy);
    if (here <= 1) return DIR_NONE;
    int best = DIR_NONE;
    int bestH = CB_INT_MAX;
    for (int d = 0; d < DIR_COUNT; d++) {
        int nx = x + DIR_DX[d];
        int ny = y + DIR_DY[d];
        if (!pathbits_closer(p, nx, ny)) continue;
        int h = fixed_abs(gx - nx) + fixed_abs(gy - ny);
        if (h < bestH) {
            best = d;
            bestH = h;
        }
    }
    return best;
}

/* ---- Arena.generate (after PathFinder, which it calls) ---- */
void arena_drawTiles(SplitMix64 *rng, const SeasonConstants *season, Arena *t) {
    int n = t->width * t->height;
    for (int i = 0; i < n; i++) {
        int r = (int) (splitmix64_next(rng) & 0xFFUL);
        if (r < season->wallPer256) t->tiles[i] = TILE_WALL;
        else if (r < season->wallPer256 + season->hazardPer256) t->tiles[i] = TILE_HAZARD;
        else t->tiles[i] = TILE_FLOOR;
    }
}

int arena_drawFloorCell(SplitMix64 *rng, const Arena *t, int x0, int x1) {
    int w = t->width;
    int h = t->height;
    int count = 0;
    for (int y = 0; y < h; y++) for (int x = x0; x < x1; x++) if (t->tiles[y * w + x] == TILE_FLOOR) count++;
    if (count == 0) return -1;
    int k = splitmix64_nextInt(rng, count);
    for (int y = 0; y < h; y++) {
        for (int x = x0; x < x1; x++) {
            if (t->tiles[y * w + x] == TILE_FLOOR && k-- == 0) return y * w + x;
        }
    }
    return -1; /* unreachable (Java: AssertionError) */
}

/* Returns true and the spawns when both thirds have floor and B is reachable from A (the rows for the path search
   are the arena's open rows, as Java's placeSpawns builds the Arena). */
bool arena_placeSpawns(SplitMix64 *rng, Arena *t, int *spawnA, int *spawnB, PathBits *paths) {
    int w = t->width;
    int third = max(1, fixed_div(w, 3));
    int a = arena_drawFloorCell(rng, t, 0, third);
    int b = arena_drawFloorCell(rng, t, w - third, w);
    if (a < 0 || b < 0) return false;
    pathbits_openRows(t);
    if (pathbits_distance(paths, t, fixed_rem(a, w), fixed_div(a, w), fixed_rem(b, w), fixed_div(b, w)) < 0) return false;
    *spawnA = a;
    *spawnB = b;
    return true;
}

void arena_generate(ulong seed, const SeasonConstants *season, Arena *out, int *spawnA, int *spawnB, PathBits *paths) {
    SplitMix64 rng = splitmix64_new(seed);
    out->width = season->arenaWidth;
    out->height = season->arenaHeight;
    int n = out->width * out->height;
    for (int attempt = 0; attempt < ARENA_MAX_ATTEMPTS; attempt++) {
        arena_drawTiles(&rng, season, out);
        if (arena_placeSpawns(&rng, out, spawnA, spawnB, paths)) return;
    }
    /* Fallback: an all-FLOOR arena (spawns need FLOOR, not HAZARD); always succeeds. */
    for (int i = 0; i < n; i++) out->tiles[i] = TILE_FLOOR;
    arena_placeSpawns(&rng, out, spawnA, spawnB, paths);
}

/* ---- Rules ---- */
bool rules_isExhausted(const Fighter *f) {
    return f->stamina == 0;
}

bool rules_isAdjacent(const Fighter *p, const Fighter *q) {
    return fixed_abs(p->x - q->x) + fixed_abs(p->y - q->y) == 1;
}

bool rules_canMove(const Fighter *self) { return !rules_isExhausted(self); }
bool rules_canBlock(const Fighter *self) { return !rules_isExhausted(self); }
bool rules_canRest(const Fighter *self) { return !rules_isExhausted(self); }
bool rules_canRecover(const Fighter *self) { return rules_isExhausted(self); }

bool rules_canAttack(const Fighter *self, const Fighter *enemy) {
    return !rules_isExhausted(self) && rules_isAdjacent(self, enemy) && self->attack >= 1;
}

int rules_moveTargetOutcome(const Arena *arena, const Fighter *self, int dir) {
    int nx = self->x + DIR_DX[dir];
    int ny = self->y + DIR_DY[dir];
    if (!arena_inside(arena, nx, ny)) return MOVE_BUMP_EDGE;
    if (arena_tile(arena, nx, ny) == TILE_WALL) return MOVE_BUMP_WALL;
    return MOVE_MOVED;
}

bool rules_isOpenStep(const Arena *arena, const Fighter *self, const Fighter *enemy, int dir) {
    if (rules_moveTargetOutcome(arena, self, dir) != MOVE_MOVED) return false;
    return self->x + DIR_DX[dir] != enemy->x || self->y + DIR_DY[dir] != enemy->y;
}

int rules_moveStaminaCost(bool engagedAtCommit, const SeasonConstants *season) {
    return engagedAtCommit ? season->disengageStaminaCost : 0;
}

int rules_safeRadius(int turn, const Arena *arena, const SeasonConstants *season) {
    if (turn < season->closingTurn) return -1;
    int r0 = fixed_div(max(arena->width, arena->height), 2);
    return max(0, r0 - fixed_div(turn - season->closingTurn, season->closingInterval));
}

bool rules_outsideSafeZone(const Fighter *f, int r, const Arena *arena) {
    if (r < 0) return false;
    int dx = fixed_abs(2 * f->x - (arena->width - 1));
    int dy = fixed_abs(2 * f->y - (arena->height - 1));
    return max(dx, dy) > 2 * r + 1;
}

int rules_doubleKnockoutWinner(int marginA, int marginB) {
    return marginA > marginB ? 0 : (marginB > marginA ? 1 : -1);
}

int rules_effectiveMaxPower(const Fighter *self, const SeasonConstants *season) {
    return min(season->maxPower, self->attack);
}

int rules_damage(int power, bool crit, const Fighter *target, const SeasonConstants *season) {
    int divisor = season->damageScale + target->defense + target->tempDef;
    int dmg = fixed_div(power * season->damageScale, divisor);
    return crit ? dmg * season->critMultiplier : dmg;
}

int rules_manhattan(const Fighter *p, const Fighter *q) {
    return fixed_abs(p->x - q->x) + fixed_abs(p->y - q->y);
}

bool rules_blockPays(const Fighter *self, const Fighter *enemy, const SeasonConstants *season) {
    return rules_manhattan(self, enemy) <= 2
            && self->tempDef * 5 < enemy->attack * season->blockThreatScale * 4;
}

int rules_payStamina(int stamina, int cost) {
    return fixed_clamp(stamina - cost, 0, 255);
}

int rules_staminaAtCommit(const Fighter *f, const SeasonConstants *season) {
    return actionkind_tires(f->lastAction) ? rules_payStamina(f->stamina, season->actionStaminaCost) : f->stamina;
}

/* ---- Appendage ---- */
#define APPENDAGE_OUTPUTS 6
#define APPENDAGE_OUT_POWER 4
#define APPENDAGE_OUT_BLOCK 5

typedef struct {
    int kind, dir, power;
} Action;

Action action_of(int kind, int dir, int power) {
    Action a;
    a.kind = kind;
    a.dir = dir;
    a.power = power;
    return a;
}

Action appendage_commit(const int *out, const Arena *arena, const Fighter *self, const Fighter *enemy,
                        const SeasonConstants *season) {
    if (rules_canRecover(self)) return action_of(ACTION_RECOVER, DIR_NONE, 0);
    if (rules_canAttack(self, enemy) && out[APPENDAGE_OUT_POWER] > 0) {
        return action_of(ACTION_ATTACK, DIR_NONE, rules_effectiveMaxPower(self, season));
    }
    if (out[APPENDAGE_OUT_BLOCK] > 0 && rules_canBlock(self)) return action_of(ACTION_BLOCK, DIR_NONE, 0);
    int best = DIR_NONE;
    for (int d = 0; d < DIR_COUNT; d++) {
        if (rules_isOpenStep(arena, self, enemy, d) && (best == DIR_NONE || out[d] > out[best])) best = d;
    }
    return best != DIR_NONE && out[best] > 0 ? action_of(ACTION_MOVE, best, 0) : action_of(ACTION_REST, DIR_NONE, 0);
}

/* ---- TurnResolver ---- */
typedef struct {
    int outA[6];
    int outB[6];
    int critA, critB, initiativeB;
} TurnInput;

typedef struct {
    Action action;
    int moveOutcome;
    int hit;
    int damage;
} SideReport;

void turnresolver_startOfTurn(Fighter *f, const SeasonConstants *season) {
    f->stamina = rules_staminaAtCommit(f, season);
}

void turnresolver_applyMove(const Arena *arena, Fighter *f, const Action *act, int outcome, bool engaged,
                            const SeasonConstants *season) {
    if (outcome != MOVE_MOVED) return;
    f->x = f->x + DIR_DX[act->dir];
    f->y = f->y + DIR_DY[act->dir];
    f->stamina = rules_payStamina(f->stamina, rules_moveStaminaCost(engaged, season));
    if (arena_tile(arena, f->x, f->y) == TILE_HAZARD) f->stamina = rules_payStamina(f->stamina, season->hazardStaminaCost);
}

void turnresolver_guard(Fighter *f, const Action *act, const SeasonConstants *season) {
    if (!actionkind_guards(act->kind)) return;
    f->tempDef = min(f->tempDef + season->blockBonus, season->blockCap);
}

/* pre -> post in place; reports may be 0. The caller guarantees a valid, unfinished pre-state. */
void turnresolver_resolve(const SeasonConstants *season, const Arena *arena, BattleState *st, const TurnInput *in,
                          SideReport *repA, SideReport *repB) {
    /* 1. Start of turn. */
    Fighter a = st->a;
    Fighter b = st->b;
    turnresolver_startOfTurn(&a, season);
    turnresolver_startOfTurn(&b, season);

    /* 2. Action commit. */
    Action actA = appendage_commit(in->outA, arena, &a, &b, season);
    Action actB = appendage_commit(in->outB, arena, &b, &a, season);

    /* 3. Movement. */
    bool engaged = rules_isAdjacent(&a, &b);
    int moveA = actA.kind == ACTION_MOVE ? rules_moveTargetOutcome(arena, &a, actA.dir) : MOVE_NONE;
    int moveB = actB.kind == ACTION_MOVE ? rules_moveTargetOutcome(arena, &b, actB.dir) : MOVE_NONE;
    int ax = a.x + (moveA == MOVE_MOVED ? DIR_DX[actA.dir] : 0);
    int ay = a.y + (moveA == MOVE_MOVED ? DIR_DY[actA.dir] : 0);
    int bx = b.x + (moveB == MOVE_MOVED ? DIR_DX[actB.dir] : 0);
    int by = b.y + (moveB == MOVE_MOVED ? DIR_DY[actB.dir] : 0);
    bool sameTarget = moveA == MOVE_MOVED && moveB == MOVE_MOVED && ax == bx && ay == by;
    if (moveA == MOVE_MOVED && ((sameTarget && in->initiativeB) || (ax == b.x && ay == b.y))) moveA = MOVE_COLLIDED;
    if (moveB == MOVE_MOVED && ((sameTarget && !in->initiativeB) || (bx == a.x && by == a.y))) moveB = MOVE_COLLIDED;
    turnresolver_applyMove(arena, &a, &actA, moveA, engaged, season);
    turnresolver_applyMove(arena, &b, &actB, moveB, engaged, season);

    /* 4. Guard. */
    turnresolver_guard(&a, &actA, season);
    turnresolver_guard(&b, &actB, season);

    /* 5. Attack (both computed before either is applied). */
    bool adjacent = rules_isAdjacent(&a, &b);
    bool hitA = actA.kind == ACTION_ATTACK && adjacent;
    bool hitB = actB.kind == ACTION_ATTACK && adjacent;
    int dmgA = hitA ? rules_damage(actA.power, in->critA != 0, &b, season) : 0;
    int dmgB = hitB ? rules_damage(actB.power, in->critB != 0, &a, season) : 0;
    if (hitB) { a.hp = max(0, a.hp - dmgB); a.tempDef = 0; }
    if (hitA) { b.hp = max(0, b.hp - dmgA); b.tempDef = 0; }

    /* 6. Recovery. */
    if (actA.kind == ACTION_RECOVER) a.stamina = season->recoverStamina;
    if (actB.kind == ACTION_RECOVER) b.stamina = season->recoverStamina;

    /* 7. The arena closes. */
    int radius = rules_safeRadius(st->turn, arena, season);
    int closingA = rules_outsideSafeZone(&a, radius, arena) ? season->closingDamage : 0;
    int closingB = rules_outsideSafeZone(&b, radius, arena) ? season->closingDamage : 0;
    a.hp = max(0, a.hp - closingA);
    b.hp = max(0, b.hp - closingB);

    /* 8. Both knocked out in one turn: the creature with more HP to spare stands on 1 HP. */
    if (a.hp == 0 && b.hp == 0) {
        int spare = rules_doubleKnockoutWinner(st->a.hp - dmgB - closingA, st->b.hp - dmgA - closingB);
        if (spare == 0) a.hp = 1;
        if (spare == 1) b.hp = 1;
    }

    /* 9. Bookkeeping. */
    a.lastAction = actA.kind;
    b.lastAction = actB.kind;
    st->turn = st->turn + 1;
    st->a = a;
    st->b = b;
    if (repA != 0) { repA->action = actA; repA->moveOutcome = moveA; repA->hit = hitA ? 1 : 0; repA->damage = dmgA; }
    if (repB != 0) { repB->action = actB; repB->moveOutcome = moveB; repB->hit = hitB ? 1 : 0; repB->damage = dmgB; }
}

/* ---- Outcome ---- */
#define OUTCOME_ONGOING 0
#define OUTCOME_A_WINS 1
#define OUTCOME_B_WINS 2
#define OUTCOME_DRAW 3

int outcome_of(const BattleState *s, const SeasonConstants *season) {
    bool aDown = s->a.hp == 0;
    bool bDown = s->b.hp == 0;
    if (aDown || bDown) return aDown && bDown ? OUTCOME_DRAW : (bDown ? OUTCOME_A_WINS : OUTCOME_B_WINS);
    if (s->turn >= season->maxTurns) {
        return s->a.hp > s->b.hp ? OUTCOME_A_WINS : (s->b.hp > s->a.hp ? OUTCOME_B_WINS : OUTCOME_DRAW);
    }
    return OUTCOME_ONGOING;
}

/* ---- GreedyPolicy ---- */
/* GreedyPolicy.attacksOrBlocks: greedy's choices before any path search, into out (already zero). */
bool greedypolicy_attacksOrBlocks(const SeasonConstants *season, const Fighter *self, const Fighter *enemy, int *out) {
    if (rules_isAdjacent(self, enemy)) {
        out[APPENDAGE_OUT_POWER] = season->maxPower;
        return true;
    }
    if (rules_blockPays(self, enemy, season)) {
        out[APPENDAGE_OUT_BLOCK] = 1;
        return true;
    }
    return false;
}

/* GreedyPolicy.outputs through the bitboard search (the optimised kernel's form). */
void greedypolicy_outputs(const SeasonConstants *season, const Arena *arena, const Fighter *self, const Fighter *enemy,
                          PathBits *paths, int *out) {
    for (int k = 0; k < APPENDAGE_OUTPUTS; k++) out[k] = 0;
    if (greedypolicy_attacksOrBlocks(season, self, enemy, out)) return;
    int step = pathbits_firstStep(paths, arena, self->x, self->y, enemy->x, enemy->y);
    if (step != DIR_NONE) out[step] = 1;
}

/* ---- Lookahead (the teacher) ----
 * Java's Lookahead searches any depth by recursion (value -> expectation -> value); OpenCL C has no recursion, so
 * this twin is the teacher's depth, TEACHER_DEPTH = 1, unrolled: search -> expectation -> value at 0 plies left.
 * Java caches a full distance map per goal cell; this twin asks PathBits for the one distance it needs (an early-exit
 * bitmask search of a few row operations per layer: cheaper than keeping maps, the same numbers). */
#define LOOKAHEAD_REST 4
#define LOOKAHEAD_ATTACK 5
#define LOOKAHEAD_BLOCK 6
#define LOOKAHEAD_CANDIDATES 7
#define LOOKAHEAD_ILLEGAL (-0x7FFFFFFFFFFFFFFFL - 1L)
#define LOOKAHEAD_TEACHER_DEPTH 1
#define LOOKAHEAD_WIN (1L << 20)
#define LOOKAHEAD_HP_WEIGHT 64
#define LOOKAHEAD_STAMINA_WEIGHT 8
#define LOOKAHEAD_TEMP_DEF_WEIGHT 0
#define LOOKAHEAD_DISTANCE_WEIGHT 4
#define LOOKAHEAD_MANHATTAN_WEIGHT 1
#define LOOKAHEAD_UNREACHABLE_DISTANCE 64
#define LOOKAHEAD_PROBABILITY_SHIFT 8
#define LOOKAHEAD_ONE (1 << LOOKAHEAD_PROBABILITY_SHIFT)
#define LOOKAHEAD_HALF (LOOKAHEAD_ONE / 2)

__constant int LOOKAHEAD_ORDER[LOOKAHEAD_CANDIDATES] = {
    LOOKAHEAD_ATTACK, LOOKAHEAD_BLOCK, DIR_N, DIR_S, DIR_E, DIR_W, LOOKAHEAD_REST};

int lookahead_best(const long *values) {
    int best = -1;
    for (int i = 0; i < LOOKAHEAD_CANDIDATES; i++) {
        int c = LOOKAHEAD_ORDER[i];
        if (values[c] != LOOKAHEAD_ILLEGAL && (best == -1 || values[c] > values[best])) best = c;
    }
    return best;
}

void lookahead_outputs(int c, int *out) {
    for (int k = 0; k < APPENDAGE_OUTPUTS; k++) out[k] = 0;
    if (c == LOOKAHEAD_ATTACK) out[APPENDAGE_OUT_POWER] = 1;
    else if (c == LOOKAHEAD_BLOCK) out[APPENDAGE_OUT_BLOCK] = 1;
    else if (c != LOOKAHEAD_REST) out[c] = 1;
}

bool lookahead_isLegal(int c, const Arena *arena, const Fighter *self, const Fighter *enemy) {
    if (c == LOOKAHEAD_ATTACK) return rules_canAttack(self, enemy);
    if (c == LOOKAHEAD_BLOCK) return rules_canBlock(self);
    if (c == LOOKAHEAD_REST) return rules_canRest(self);
    return rules_canMove(self) && rules_isOpenStep(arena, self, enemy, c);
}

long lookahead_critBonus(int damageByA, int damageByB, const SeasonConstants *season) {
    return fixed_floorShift((long) LOOKAHEAD_HP_WEIGHT * (long) (damageByA - damageByB) * (long) (season->critMultiplier - 1)
            * (long) season->critPer256, LOOKAHEAD_PROBABILITY_SHIFT);
}

long lookahead_terminal(int outcome, const BattleState *s, const SeasonConstants *season) {
    if (outcome == OUTCOME_A_WINS) return LOOKAHEAD_WIN + (long) (season->maxTurns - s->turn);
    if (outcome == OUTCOME_B_WINS) return -LOOKAHEAD_WIN - (long) (season->maxTurns - s->turn);
    return 0;
}

int lookahead_pathDistance(const Arena *arena, const Fighter *from, const Fighter *to, PathBits *paths) {
    int d = pathbits_distance(paths, arena, from->x, from->y, to->x, to->y);
    return d == PATHFINDER_UNREACHABLE ? LOOKAHEAD_UNREACHABLE_DISTANCE : d;
}

long lookahead_evaluate(const SeasonConstants *season, const Arena *arena, const BattleState *s, PathBits *paths) {
    int distance = lookahead_pathDistance(arena, &s->a, &s->b, paths);
    return (long) LOOKAHEAD_HP_WEIGHT * (long) (s->a.hp - s->b.hp)
            + (long) LOOKAHEAD_STAMINA_WEIGHT * (long) (rules_staminaAtCommit(&s->a, season) - rules_staminaAtCommit(&s->b, season))
            + (long) LOOKAHEAD_TEMP_DEF_WEIGHT * (long) (s->a.tempDef - s->b.tempDef)
            - (long) LOOKAHEAD_DISTANCE_WEIGHT * (long) distance
            - (long) LOOKAHEAD_MANHATTAN_WEIGHT * (long) rules_manhattan(&s->a, &s->b);
}

/* value(s, 0): a decided battle's terminal value, else the evaluation. */
long lookahead_value0(const SeasonConstants *season, const Arena *arena, const BattleState *s, PathBits *paths) {
    int o = outcome_of(s, season);
    if (o != OUTCOME_ONGOING) return lookahead_terminal(o, s, season);
    return lookahead_evaluate(season, arena, s, paths);
}

bool lookahead_contested(const SeasonConstants *season, const Arena *arena, const BattleState *pre, const int *outA,
                         const int *outB) {
    Fighter a = pre->a;
    Fighter b = pre->b;
    turnresolver_startOfTurn(&a, season);
    turnresolver_startOfTurn(&b, season);
    Action actA = appendage_commit(outA, arena, &a, &b, season);
    Action actB = appendage_commit(outB, arena, &b, &a, season);
    if (actA.kind != ACTION_MOVE || actB.kind != ACTION_MOVE) return false;
    return a.x + DIR_DX[actA.dir] == b.x + DIR_DX[actB.dir] && a.y + DIR_DY[actA.dir] == b.y + DIR_DY[actB.dir];
}

/* expectation(pre, c, enemyOut, 0). */
long lookahead_expectation0(const SeasonConstants *season, const Arena *arena, const BattleState *pre, int c,
                            const int *enemyOut, PathBits *paths) {
    TurnInput in;
    lookahead_outputs(c, in.outA);
    for (int k = 0; k < APPENDAGE_OUTPUTS; k++) in.outB[k] = enemyOut[k];
    in.critA = 0;
    in.critB = 0;
    bool contested = lookahead_contested(season, arena, pre, in.outA, in.outB);
    long sum = 0;
    for (int init = 0; init <= (contested ? 1 : 0); init++) {
        in.initiativeB = init;
        BattleState post = *pre;
        SideReport ra;
        SideReport rb;
        turnresolver_resolve(season, arena, &post, &in, &ra, &rb);
        long v = lookahead_value0(season, arena, &post, paths) + lookahead_critBonus(ra.damage, rb.damage, season);
        sum += (long) (contested ? LOOKAHEAD_HALF : LOOKAHEAD_ONE) * v;
    }
    return fixed_floorShift(sum, LOOKAHEAD_PROBABILITY_SHIFT);
}

/* Lookahead.search at the teacher's depth: scores into values[7], returns the best candidate or -1. */
int lookahead_search(const SeasonConstants *season, const Arena *arena, const BattleState *state, long *values,
                     PathBits *paths) {
    Fighter self = state->a;
    turnresolver_startOfTurn(&self, season);
    if (outcome_of(state, season) != OUTCOME_ONGOING || rules_isExhausted(&self)) {
        for (int c = 0; c < LOOKAHEAD_CANDIDATES; c++) values[c] = LOOKAHEAD_ILLEGAL;
        return -1;
    }
    int enemyOut[APPENDAGE_OUTPUTS];
    greedypolicy_outputs(season, arena, &state->b, &state->a, paths, enemyOut);
    for (int c = 0; c < LOOKAHEAD_CANDIDATES; c++) {
        values[c] = lookahead_isLegal(c, arena, &self, &state->b)
                ? lookahead_expectation0(season, arena, state, c, enemyOut, paths) : LOOKAHEAD_ILLEGAL;
    }
    return lookahead_best(values);
}
