// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import "./KernelTypes.sol";

// The combat rules of kernel v2 as internal libraries, one per Java class (combat/*, core/Fixed, core/SplitMix64), in
// the Java order; each function names the Java method it mirrors. Coordinates are int256 (off-grid reads are
// possible); every other value is small and non-negative unless stated.

/// core/SplitMix64: a stream whose state lives in memory.
struct Rng { uint64 state; }

library SplitMix64 {
    uint64 internal constant GAMMA = 0x9E3779B97F4A7C15;

    /// SplitMix64.mix
    function mix(uint64 z) internal pure returns (uint64) {
        unchecked {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }
    }

    /// SplitMix64.hash
    function hash(uint64 x) internal pure returns (uint64) {
        unchecked { return mix(x + GAMMA); }
    }

    /// new SplitMix64(seed)
    function seeded(uint64 seed) internal pure returns (Rng memory r) {
        r.state = seed;
    }

    /// SplitMix64.next
    function next(Rng memory r) internal pure returns (uint64) {
        unchecked { r.state += GAMMA; }
        return mix(r.state);
    }

    /// SplitMix64.nextInt (Fixed.remUnsigned of next(); bound > 0)
    function nextInt(Rng memory r, uint256 bound) internal pure returns (uint256) {
        return uint256(next(r)) % bound;
    }
}

/// combat/Fighter packed into the low 72 bits of a uint256 (the canonical 9 bytes, big-endian).
library F {
    /// A fighter with defense, tempDef and lastAction 0 (the caller ORs them in).
    function make(uint256 x_, uint256 y_, uint256 hp_, uint256 st, uint256 atk) internal pure returns (uint256) {
        return (x_ << 64) | (y_ << 56) | (hp_ << 40) | (st << 32) | (atk << 24);
    }
    function x(uint256 f) internal pure returns (int256) { return int256((f >> 64) & 0xFF); }
    function y(uint256 f) internal pure returns (int256) { return int256((f >> 56) & 0xFF); }
    function hp(uint256 f) internal pure returns (uint256) { return (f >> 40) & 0xFFFF; }
    function stamina(uint256 f) internal pure returns (uint256) { return (f >> 32) & 0xFF; }
    function attack(uint256 f) internal pure returns (uint256) { return (f >> 24) & 0xFF; }
    function defense(uint256 f) internal pure returns (uint256) { return (f >> 16) & 0xFF; }
    function tempDef(uint256 f) internal pure returns (uint256) { return (f >> 8) & 0xFF; }
    function lastAction(uint256 f) internal pure returns (uint256) { return f & 0xFF; }
    /// Fighter.at ("at" is becoming a Solidity keyword)
    function atCell(uint256 f, int256 nx, int256 ny) internal pure returns (uint256) {
        return (f & ~(uint256(0xFFFF) << 56)) | (uint256(nx) << 64) | (uint256(ny) << 56);
    }
    function withHp(uint256 f, uint256 v) internal pure returns (uint256) { return (f & ~(uint256(0xFFFF) << 40)) | (v << 40); }
    function withStamina(uint256 f, uint256 v) internal pure returns (uint256) { return (f & ~(uint256(0xFF) << 32)) | (v << 32); }
    function withTempDef(uint256 f, uint256 v) internal pure returns (uint256) { return (f & ~(uint256(0xFF) << 8)) | (v << 8); }
    function withLastAction(uint256 f, uint256 v) internal pure returns (uint256) { return (f & ~uint256(0xFF)) | v; }
}

/// combat/Dir, combat/Tile, combat/ActionKind, combat/MoveOutcome constants.
library K {
    uint256 internal constant N = 0;
    uint256 internal constant COUNT = 4;
    uint256 internal constant NONE = 255;
    uint256 internal constant FLOOR = 0;
    uint256 internal constant WALL = 1;
    uint256 internal constant HAZARD = 2;
    uint256 internal constant REST = 0;
    uint256 internal constant MOVE = 1;
    uint256 internal constant ATTACK = 2;
    uint256 internal constant BLOCK = 3;
    uint256 internal constant RECOVER = 4;
    uint256 internal constant MOVED = 1;
    uint256 internal constant OUT_POWER = 4;
    uint256 internal constant OUT_BLOCK = 5;

    function dx(uint256 d) internal pure returns (int256) { return d == 2 ? int256(1) : (d == 3 ? int256(-1) : int256(0)); }
    function dy(uint256 d) internal pure returns (int256) { return d == 0 ? int256(-1) : (d == 1 ? int256(1) : int256(0)); }
    function abs(int256 v) internal pure returns (int256) { return v < 0 ? -v : v; }
}

/// combat/Arena (reading) and its generator.
library ArenaLib {
    /// Arena.inside
    function inside(Arena memory a, int256 x, int256 y) internal pure returns (bool) {
        return x >= 0 && y >= 0 && x < int256(a.width) && y < int256(a.height);
    }
    /// Arena.tile (off-grid reads as WALL)
    function tile(Arena memory a, int256 x, int256 y) internal pure returns (uint256 t) {
        if (!inside(a, x, y)) return K.WALL;
        bytes memory tiles = a.tiles;
        uint256 w = a.width;
        assembly { t := byte(0, mload(add(add(tiles, 32), add(mul(y, w), x)))) } // inside: < width * height = tiles.length
    }
    /// Arena.passable
    function passable(Arena memory a, int256 x, int256 y) internal pure returns (bool) {
        return tile(a, x, y) != K.WALL;
    }

    /// Arena.generate (the arena only; the spawns are not needed by the kernel)
    function generate(uint64 seed, Season memory season) internal pure returns (Arena memory a) {
        Rng memory rng = SplitMix64.seeded(seed);
        a.width = season.arenaWidth;
        a.height = season.arenaHeight;
        a.tiles = new bytes(a.width * a.height);
        for (uint256 attempt = 0; attempt < 64; attempt++) {
            drawTiles(rng, season, a.tiles);
            if (placeSpawns(rng, a)) return a;
        }
        for (uint256 i = 0; i < a.tiles.length; i++) a.tiles[i] = 0;
        placeSpawns(rng, a);
    }

    /// Arena.drawTiles
    function drawTiles(Rng memory rng, Season memory season, bytes memory t) private pure {
        uint256 w = season.wallPer256;
        uint256 wh = w + season.hazardPer256;
        for (uint256 i = 0; i < t.length; i++) {
            uint256 r = uint256(SplitMix64.next(rng)) & 0xFF;
            t[i] = bytes1(uint8(r < w ? K.WALL : (r < wh ? K.HAZARD : K.FLOOR)));
        }
    }

    /// Arena.placeSpawns: true when both thirds have a floor cell and the spawns are connected.
    function placeSpawns(Rng memory rng, Arena memory a) private pure returns (bool) {
        uint256 w = a.width;
        uint256 third = w / 3 > 1 ? w / 3 : 1;
        int256 sa = drawFloorCell(rng, a, 0, third);
        int256 sb = drawFloorCell(rng, a, w - third, w);
        if (sa < 0 || sb < 0) return false;
        uint256 n = PathFinder.NO_CELL;
        return PathFinder.distancesAt(a, sb % int256(w), sb / int256(w), [uint256(sa), n, n, n, n])[0] >= 0;
    }

    /// Arena.drawFloorCell
    function drawFloorCell(Rng memory rng, Arena memory a, uint256 x0, uint256 x1) private pure returns (int256) {
        uint256 w = a.width;
        uint256 count = 0;
        for (uint256 yy = 0; yy < a.height; yy++) for (uint256 xx = x0; xx < x1; xx++) if (uint8(a.tiles[yy * w + xx]) == K.FLOOR) count++;
        if (count == 0) return -1;
        uint256 k = SplitMix64.nextInt(rng, count);
        for (uint256 yy = 0; yy < a.height; yy++) {
            for (uint256 xx = x0; xx < x1; xx++) {
                if (uint8(a.tiles[yy * w + xx]) == K.FLOOR) {
                    if (k == 0) return int256(yy * w + xx);
                    k--;
                }
            }
        }
        return -1;
    }
}

/// combat/PathFinder
library PathFinder {
    int256 internal constant UNREACHABLE = -1;

    /// PathFinder.distancesTo: BFS distance of every cell to (gx, gy) over passable cells, -1 where unreachable.
    function distancesTo(Arena memory a, int256 gx, int256 gy) internal pure returns (int256[] memory dist) {
        uint256 w = a.width;
        uint256 n = w * a.height;
        dist = new int256[](n);
        uint256[] memory queue = new uint256[](n);
        for (uint256 i = 0; i < n; i++) dist[i] = UNREACHABLE;
        uint256 head = 0;
        uint256 tail = 0;
        uint256 g = uint256(gy) * w + uint256(gx);
        dist[g] = 0;
        queue[tail++] = g;
        bytes memory t = a.tiles;
        while (head < tail) {
            uint256 cell = queue[head++];
            uint256 cx = cell % w;
            uint256 cy = cell / w;
            int256 next = dist[cell] + 1;
            // N, S, E, W (Dir order)
            if (cy > 0) { uint256 ni = cell - w; if (uint8(t[ni]) != K.WALL && dist[ni] == UNREACHABLE) { dist[ni] = next; queue[tail++] = ni; } }
            if (cy + 1 < a.height) { uint256 ni = cell + w; if (uint8(t[ni]) != K.WALL && dist[ni] == UNREACHABLE) { dist[ni] = next; queue[tail++] = ni; } }
            if (cx + 1 < w) { uint256 ni = cell + 1; if (uint8(t[ni]) != K.WALL && dist[ni] == UNREACHABLE) { dist[ni] = next; queue[tail++] = ni; } }
            if (cx > 0) { uint256 ni = cell - 1; if (uint8(t[ni]) != K.WALL && dist[ni] == UNREACHABLE) { dist[ni] = next; queue[tail++] = ni; } }
        }
    }

    /// PathFinder.firstStep (with its own BFS)
    function firstStep(Arena memory a, int256 x, int256 y, int256 gx, int256 gy) internal pure returns (uint256 best) {
        uint256[5] memory cells = cellAndNeighbours(a, x, y);
        int256[5] memory dist = distancesAt(a, gx, gy, cells);
        int256 here = dist[0];
        if (here <= 1) return K.NONE;
        best = K.NONE;
        int256 bestH = type(int256).max;
        for (uint256 d = 0; d < K.COUNT; d++) {
            if (cells[1 + d] == NO_CELL || dist[1 + d] != here - 1) continue; // not passable, or not one step closer
            int256 h = K.abs(gx - (x + K.dx(d))) + K.abs(gy - (y + K.dy(d)));
            if (h < bestH) { best = d; bestH = h; }
        }
    }

    // ---- The same distances from a bitboard BFS (what the one-step verifier runs; distancesTo stays the reference
    // and the fallback). An arena whose rows, each padded with one wall column, fit one 256-bit word ((w + 1) * h <=
    // 256: every default and template arena) is a bit set, cell (x, y) at bit y * (w + 1) + x; one BFS layer is four
    // shifts, an AND with the passable cells and an AND NOT with the cells reached. The padding column (never passable)
    // stops a shift by one from wrapping into the next row. Layer by layer the reached set grows exactly as the queue
    // BFS assigns distances, so a cell's layer is its distancesTo value; the BFS stops once every queried cell is hit.

    /// A query slot without a cell (distance UNREACHABLE).
    uint256 internal constant NO_CELL = type(uint256).max;

    /// The row-major cell of (x, y) followed by its N, S, E, W neighbours (NO_CELL where not passable): the cells
    /// firstStep and InputEncoder.pathSteps read.
    function cellAndNeighbours(Arena memory a, int256 x, int256 y) internal pure returns (uint256[5] memory cells) {
        int256 w = int256(a.width);
        cells[0] = uint256(y * w + x);
        for (uint256 d = 0; d < K.COUNT; d++) {
            int256 nx = x + K.dx(d);
            int256 ny = y + K.dy(d);
            cells[1 + d] = ArenaLib.passable(a, nx, ny) ? uint256(ny * w + nx) : NO_CELL;
        }
    }

    /// Whether the arena fits the one-word bitboard.
    function fitsBitboard(Arena memory a) internal pure returns (bool) {
        return (a.width + 1) * a.height <= 256;
    }

    /// The passable cells (tile != WALL) as a bitboard (fitsBitboard). A row's w tile bytes are one word (w <= 32);
    /// tiles are 0, 1 or 2, so a cell is passable when bit 0 of its byte is clear. Eight bytes at a time, the flags
    /// (bit 0 of each byte, first tile in the top byte) are gathered into one byte, first tile in bit 0, by a multiply:
    /// flag i sits at bit 8(7 - i), times 2^(63 - 9j) for j = 7 - i it lands on bit 56 + i, and no two of the 64
    /// partial products share a bit, so nothing carries.
    function passBits(Arena memory a) internal pure returns (uint256 m) {
        bytes memory t = a.tiles;
        uint256 w = a.width;
        uint256 h = a.height;
        assembly {
            let rowMask := sub(shl(w, 1), 1)
            let p := add(t, 32)
            let row := 0
            for { let y := 0 } lt(y, h) { y := add(y, 1) } {
                let word := mload(p)
                let bits := 0
                for { let c := 0 } lt(shl(3, c), w) { c := add(c, 1) } {
                    let flags := and(not(shr(sub(192, shl(6, c)), word)), 0x0101010101010101)
                    bits := or(bits, shl(shl(3, c), and(shr(56, mul(flags, 0x8040201008040201)), 0xff)))
                }
                m := or(m, shl(row, and(bits, rowMask)))
                p := add(p, w)
                row := add(row, add(w, 1))
            }
        }
    }

    /// distancesTo(a, gx, gy) at each of the query cells (row-major; NO_CELL: UNREACHABLE).
    function distancesAt(Arena memory a, int256 gx, int256 gy, uint256[5] memory cells) internal pure returns (int256[5] memory d) {
        if (fitsBitboard(a)) return layersAt(passBits(a), a.width, gx, gy, cells);
        int256[] memory dist = distancesTo(a, gx, gy);
        for (uint256 i = 0; i < 5; i++) d[i] = cells[i] == NO_CELL ? UNREACHABLE : dist[cells[i]];
    }

    /// The bitboard BFS from (gx, gy) over pass (passBits of a w-wide arena), stopping when every query cell is hit.
    function layersAt(uint256 pass, uint256 w, int256 gx, int256 gy, uint256[5] memory cells) internal pure returns (int256[5] memory d) {
        uint256 stride = w + 1;
        uint256[5] memory bit;
        uint256 want = 0;
        for (uint256 i = 0; i < 5; i++) {
            d[i] = UNREACHABLE;
            uint256 c = cells[i];
            if (c == NO_CELL) continue;
            bit[i] = (c / w) * stride + c % w;
            want |= 1 << bit[i];
        }
        uint256 reached = 1 << (uint256(gy) * stride + uint256(gx));
        uint256 frontier = reached;
        int256 layer = 0;
        while (true) {
            uint256 hit = frontier & want;
            if (hit != 0) {
                for (uint256 i = 0; i < 5; i++) if (cells[i] != NO_CELL && ((hit >> bit[i]) & 1) != 0) d[i] = layer;
                want &= ~hit;
            }
            if (want == 0 || frontier == 0) return d;
            unchecked {
                layer++;
                frontier = ((frontier << 1) | (frontier >> 1) | (frontier << stride) | (frontier >> stride)) & pass & ~reached;
            }
            reached |= frontier;
        }
    }
}

/// combat/Rules
library Rules {
    using F for uint256;

    function isExhausted(uint256 f) internal pure returns (bool) { return f.stamina() == 0; }
    function manhattan(uint256 p, uint256 q) internal pure returns (int256) { return K.abs(p.x() - q.x()) + K.abs(p.y() - q.y()); }
    function isAdjacent(uint256 p, uint256 q) internal pure returns (bool) { return manhattan(p, q) == 1; }
    /// Rules.canAttack (canMove, canBlock, canRest are !isExhausted; canRecover is isExhausted)
    function canAttack(uint256 self, uint256 enemy) internal pure returns (bool) {
        return !isExhausted(self) && isAdjacent(self, enemy) && self.attack() >= 1;
    }
    /// Rules.moveTargetOutcome: MOVED (1) or a bump (BUMP_EDGE 2 / BUMP_WALL 3; both only "not MOVED" here)
    function moveTargetOutcome(Arena memory a, uint256 self, uint256 dir) internal pure returns (uint256) {
        int256 nx = self.x() + K.dx(dir);
        int256 ny = self.y() + K.dy(dir);
        if (!ArenaLib.inside(a, nx, ny)) return 2;
        if (ArenaLib.tile(a, nx, ny) == K.WALL) return 3;
        return K.MOVED;
    }
    /// Rules.isOpenStep
    function isOpenStep(Arena memory a, uint256 self, uint256 enemy, uint256 dir) internal pure returns (bool) {
        if (moveTargetOutcome(a, self, dir) != K.MOVED) return false;
        return self.x() + K.dx(dir) != enemy.x() || self.y() + K.dy(dir) != enemy.y();
    }
    /// Rules.safeRadius (-1: no zone yet)
    function safeRadius(uint256 turn, Arena memory a, Season memory s) internal pure returns (int256) {
        if (turn < s.closingTurn) return -1;
        int256 r0 = int256((a.width > a.height ? a.width : a.height) / 2);
        int256 r = r0 - int256((turn - s.closingTurn) / s.closingInterval);
        return r > 0 ? r : int256(0);
    }
    /// Rules.outsideSafeZone
    function outsideSafeZone(uint256 f, int256 r, Arena memory a) internal pure returns (bool) {
        if (r < 0) return false;
        int256 ddx = K.abs(2 * f.x() - (int256(a.width) - 1));
        int256 ddy = K.abs(2 * f.y() - (int256(a.height) - 1));
        return (ddx > ddy ? ddx : ddy) > 2 * r + 1;
    }
    /// Rules.effectiveMaxPower
    function effectiveMaxPower(uint256 self, Season memory s) internal pure returns (uint256) {
        return s.maxPower < self.attack() ? s.maxPower : self.attack();
    }
    /// Rules.damage (the divisor is at least 1; Fixed.div of non-negatives is plain division)
    function damage(uint256 power, bool crit, uint256 target, Season memory s) internal pure returns (uint256) {
        uint256 dmg = (power * s.damageScale) / (s.damageScale + target.defense() + target.tempDef());
        return crit ? dmg * s.critMultiplier : dmg;
    }
    /// Rules.blockPays
    function blockPays(uint256 self, uint256 enemy, Season memory s) internal pure returns (bool) {
        return manhattan(self, enemy) <= 2 && self.tempDef() * 5 < enemy.attack() * s.blockThreatScale * 4;
    }
    /// Rules.payStamina (saturating at 0; the clamp at 255 cannot bind for a u8 stamina)
    function payStamina(uint256 stamina, uint256 cost) internal pure returns (uint256) {
        return stamina > cost ? stamina - cost : 0;
    }
    /// Rules.staminaAtCommit (ActionKind.tires: ATTACK or BLOCK)
    function staminaAtCommit(uint256 f, Season memory s) internal pure returns (uint256) {
        uint256 last = f.lastAction();
        return (last == K.ATTACK || last == K.BLOCK) ? payStamina(f.stamina(), s.actionStaminaCost) : f.stamina();
    }
    /// TurnResolver.startOfTurn
    function startOfTurn(uint256 f, Season memory s) internal pure returns (uint256) {
        return f.withStamina(staminaAtCommit(f, s));
    }
}

/// combat/Outcome: 0 ONGOING, 1 A_WINS, 2 B_WINS, 3 DRAW.
library Outcome {
    using F for uint256;

    /// Outcome.winner(...).winner()
    function winner(uint256 turn, uint256 a, uint256 b, Season memory s) internal pure returns (uint256) {
        bool aDown = a.hp() == 0;
        bool bDown = b.hp() == 0;
        if (aDown || bDown) return aDown && bDown ? 3 : (bDown ? 1 : 2);
        if (turn >= s.maxTurns) return a.hp() > b.hp() ? 1 : (b.hp() > a.hp() ? 2 : 3);
        return 0;
    }
}

/// combat/Appendage: an action is packed as kind | dir << 8 | power << 16.
library Appendage {
    using F for uint256;

    /// Appendage.commit / choose
    function commit(int256[6] memory out, Arena memory a, uint256 self, uint256 enemy, Season memory s) internal pure returns (uint256) {
        if (Rules.isExhausted(self)) return K.RECOVER | (K.NONE << 8);
        if (Rules.canAttack(self, enemy) && out[K.OUT_POWER] > 0) return K.ATTACK | (K.NONE << 8) | (Rules.effectiveMaxPower(self, s) << 16);
        if (out[K.OUT_BLOCK] > 0) return K.BLOCK | (K.NONE << 8);
        uint256 best = K.NONE;
        for (uint256 d = 0; d < K.COUNT; d++) {
            if (Rules.isOpenStep(a, self, enemy, d) && (best == K.NONE || out[d] > out[best])) best = d;
        }
        return best != K.NONE && out[best] > 0 ? K.MOVE | (best << 8) : K.REST | (K.NONE << 8);
    }
}

/// combat/GreedyPolicy
library GreedyPolicy {
    using F for uint256;

    /// GreedyPolicy.outputs
    function outputs(Season memory s, Arena memory a, uint256 self, uint256 enemy) internal pure returns (int256[6] memory out) {
        if (Rules.isAdjacent(self, enemy)) { out[K.OUT_POWER] = int256(s.maxPower); return out; }
        if (Rules.blockPays(self, enemy, s)) { out[K.OUT_BLOCK] = 1; return out; }
        uint256 step = PathFinder.firstStep(a, self.x(), self.y(), enemy.x(), enemy.y());
        if (step != K.NONE) out[step] = 1;
    }
}

/// combat/TurnResolver
library TurnResolver {
    using F for uint256;

    /// The turn's result: the post-state and each side's damage dealt (SideReport.damage).
    struct Result { uint256 turn; uint256 a; uint256 b; uint256 dmgA; uint256 dmgB; }

    /// BattleState.validate (reverts InvalidBattleState where Java throws InvalidStateException)
    function validate(Arena memory ar, uint256 turn, uint256 a, uint256 b, Season memory s) internal pure {
        if (turn > s.maxTurns) revert InvalidBattleState();
        validateFighter(a, ar, s);
        validateFighter(b, ar, s);
        if (a.x() == b.x() && a.y() == b.y()) revert InvalidBattleState();
    }

    function validateFighter(uint256 f, Arena memory ar, Season memory s) private pure {
        if (!ArenaLib.inside(ar, f.x(), f.y()) || ArenaLib.tile(ar, f.x(), f.y()) == K.WALL) revert InvalidBattleState();
        if (f.hp() > s.maxHp || f.stamina() > s.maxStamina || f.attack() > s.maxPower || f.tempDef() > s.blockCap
            || f.lastAction() > K.RECOVER) revert InvalidBattleState();
    }

    /// combat/BattleState packed as turn << 144 | a << 72 | b.
    function pack(uint256 turn, uint256 a, uint256 b) internal pure returns (uint256) {
        return (turn << 144) | (a << 72) | b;
    }

    /// TurnResolver.resolve. pre: the packed BattleState; flags: bit 0 critA, bit 1 critB, bit 2 initiativeB (TurnInput).
    function resolve(Season memory s, Arena memory ar, uint256 pre, int256[6] memory outA, int256[6] memory outB, uint256 flags)
        internal pure returns (Result memory r)
    {
        validate(ar, pre >> 144, sideA(pre), sideB(pre), s);
        if (Outcome.winner(pre >> 144, sideA(pre), sideB(pre), s) != 0) revert InvalidBattleState();
        // 1. Start of turn.
        r.a = Rules.startOfTurn(sideA(pre), s);
        r.b = Rules.startOfTurn(sideB(pre), s);
        // 2. Action commit.
        uint256 actA = Appendage.commit(outA, ar, r.a, r.b, s);
        uint256 actB = Appendage.commit(outB, ar, r.b, r.a, s);
        // 3. Movement.
        movement(s, ar, r, actA, actB, (flags & 4) != 0);
        // 4. Guard.
        r.a = guard(r.a, actA, s);
        r.b = guard(r.b, actB, s);
        // 5. Attack (both computed before either is applied).
        attacks(s, r, actA, actB, flags);
        // 6. Recovery.
        if ((actA & 0xFF) == K.RECOVER) r.a = r.a.withStamina(s.recoverStamina);
        if ((actB & 0xFF) == K.RECOVER) r.b = r.b.withStamina(s.recoverStamina);
        // 7. The arena closes; 8. a double knockout.
        closing(s, ar, r, pre >> 144, sideA(pre).hp(), sideB(pre).hp());
        // 9. Bookkeeping.
        r.a = r.a.withLastAction(actA & 0xFF);
        r.b = r.b.withLastAction(actB & 0xFF);
        r.turn = (pre >> 144) + 1;
    }

    function sideA(uint256 pre) private pure returns (uint256) { return (pre >> 72) & ((1 << 72) - 1); }
    function sideB(uint256 pre) private pure returns (uint256) { return pre & ((1 << 72) - 1); }

    /// TurnResolver.resolve, phase 3: simultaneous movement (bumps, the current-cell rule, the initiative).
    function movement(Season memory s, Arena memory ar, Result memory r, uint256 actA, uint256 actB, bool initiativeB) private pure {
        settle(s, ar, r, target(ar, r.a, actA), target(ar, r.b, actB), initiativeB);
    }

    /// Phase 3 with the two targets (0: no completed-so-far move): collisions, then the moves' stamina costs.
    function settle(Season memory s, Arena memory ar, Result memory r, uint256 ta, uint256 tb, bool initiativeB) private pure {
        bool engaged = Rules.isAdjacent(r.a, r.b);
        uint256 done;
        {
            bool sameTarget = ta != 0 && tb != 0 && samePlace(ta, tb);
            if (ta != 0 && !((sameTarget && initiativeB) || samePlace(ta, r.b))) done = 1;
            if (tb != 0 && !((sameTarget && !initiativeB) || samePlace(tb, r.a))) done |= 2;
        }
        if ((done & 1) != 0) r.a = applyMove(ar, ta & FIGHTER_MASK, engaged, s);
        if ((done & 2) != 0) r.b = applyMove(ar, tb & FIGHTER_MASK, engaged, s);
    }

    uint256 private constant FIGHTER_MASK = (1 << 72) - 1;

    /// Where a MOVE lands when its target is MOVED (Rules.moveTargetOutcome): the fighter placed there with bit 255
    /// set; 0 for no move or a bump.
    function target(Arena memory ar, uint256 f, uint256 act) private pure returns (uint256) {
        if ((act & 0xFF) != K.MOVE) return 0;
        uint256 d = (act >> 8) & 0xFF;
        if (Rules.moveTargetOutcome(ar, f, d) != K.MOVED) return 0;
        return f.atCell(f.x() + K.dx(d), f.y() + K.dy(d)) | (1 << 255);
    }

    function samePlace(uint256 p, uint256 q) private pure returns (bool) {
        return p.x() == q.x() && p.y() == q.y();
    }

    /// TurnResolver.resolve, phase 5: an attack committed while adjacent lands if still adjacent.
    function attacks(Season memory s, Result memory r, uint256 actA, uint256 actB, uint256 flags) private pure {
        bool adjacent = Rules.isAdjacent(r.a, r.b);
        bool hitA = (actA & 0xFF) == K.ATTACK && adjacent;
        bool hitB = (actB & 0xFF) == K.ATTACK && adjacent;
        r.dmgA = hitA ? Rules.damage(actA >> 16, (flags & 1) != 0, r.b, s) : 0;
        r.dmgB = hitB ? Rules.damage(actB >> 16, (flags & 2) != 0, r.a, s) : 0;
        if (hitB) r.a = r.a.withHp(r.a.hp() > r.dmgB ? r.a.hp() - r.dmgB : 0).withTempDef(0);
        if (hitA) r.b = r.b.withHp(r.b.hp() > r.dmgA ? r.b.hp() - r.dmgA : 0).withTempDef(0);
    }

    /// TurnResolver.resolve, phases 7 and 8: closing damage, then the double-knockout margin rule.
    function closing(Season memory s, Arena memory ar, Result memory r, uint256 turn, uint256 preHpA, uint256 preHpB) private pure {
        int256 radius = Rules.safeRadius(turn, ar, s);
        uint256 closingA = Rules.outsideSafeZone(r.a, radius, ar) ? s.closingDamage : 0;
        uint256 closingB = Rules.outsideSafeZone(r.b, radius, ar) ? s.closingDamage : 0;
        r.a = r.a.withHp(r.a.hp() > closingA ? r.a.hp() - closingA : 0);
        r.b = r.b.withHp(r.b.hp() > closingB ? r.b.hp() - closingB : 0);
        if (r.a.hp() == 0 && r.b.hp() == 0) {
            int256 marginA = int256(preHpA) - int256(r.dmgB) - int256(closingA);
            int256 marginB = int256(preHpB) - int256(r.dmgA) - int256(closingB);
            if (marginA > marginB) r.a = r.a.withHp(1);
            if (marginB > marginA) r.b = r.b.withHp(1);
        }
    }

    /// TurnResolver.applyMove of a completed move (the fighter already on its new cell)
    function applyMove(Arena memory ar, uint256 moved, bool engaged, Season memory s) private pure returns (uint256) {
        moved = moved.withStamina(Rules.payStamina(moved.stamina(), engaged ? s.disengageStaminaCost : 0));
        if (ArenaLib.tile(ar, moved.x(), moved.y()) == K.HAZARD) moved = moved.withStamina(Rules.payStamina(moved.stamina(), s.hazardStaminaCost));
        return moved;
    }

    /// TurnResolver.guard
    function guard(uint256 f, uint256 act, Season memory s) private pure returns (uint256) {
        uint256 kind = act & 0xFF;
        if (kind != K.BLOCK && kind != K.RECOVER) return f;
        uint256 td = f.tempDef() + s.blockBonus;
        return f.withTempDef(td < s.blockCap ? td : s.blockCap);
    }
}
