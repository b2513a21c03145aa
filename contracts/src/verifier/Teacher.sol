// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import "./KernelTypes.sol";
import "./Combat.sol";
import "./Kernel.sol";

/// combat/Lookahead at TEACHER_DEPTH 1: every legal candidate of A, one turn resolved against greedy's reply
/// (both initiatives at one half when the two creatures step onto one cell), crits as expected extra damage, then
/// the leaf value. Candidates: moves N, S, E, W (0..3), REST 4, ATTACK 5, BLOCK 6.
library Lookahead {
    using F for uint256;

    int256 internal constant ILLEGAL = type(int256).min;
    int256 internal constant WIN = 1 << 20;

    /// The path distances to each goal cell, computed on first use (Lookahead.distTo / known); on an arena that fits
    /// the bitboard (pass: its passable cells) each distance is one early-stopping bitboard BFS instead.
    struct Cache { Arena arena; int256[][] distTo; bool bitboard; uint256 pass; }

    /// Lookahead.search: the candidate values and the best candidate (-1: over or exhausted)
    function search(Season memory s, Arena memory ar, uint256 turn, uint256 a, uint256 b)
        internal pure returns (int256[7] memory values, int256 best)
    {
        uint256 self = Rules.startOfTurn(a, s);
        if (Outcome.winner(turn, a, b, s) != 0 || Rules.isExhausted(self)) {
            for (uint256 c = 0; c < 7; c++) values[c] = ILLEGAL;
            return (values, -1);
        }
        bool bitboard = PathFinder.fitsBitboard(ar);
        Cache memory cache = Cache(ar, new int256[][](bitboard ? 0 : ar.width * ar.height), bitboard, bitboard ? PathFinder.passBits(ar) : 0);
        int256[6] memory enemyOut = GreedyPolicy.outputs(s, ar, b, a);
        for (uint256 c = 0; c < 7; c++) {
            values[c] = isLegal(c, ar, self, b) ? expectation(s, cache, TurnResolver.pack(turn, a, b), c, enemyOut) : ILLEGAL;
        }
        best = bestOf(values);
    }

    /// Lookahead.best: the first candidate in ORDER (ATTACK, BLOCK, N, S, E, W, REST) with the highest value
    function bestOf(int256[7] memory values) internal pure returns (int256 best) {
        uint8[7] memory order = [5, 6, 0, 1, 2, 3, 4];
        best = -1;
        for (uint256 i = 0; i < 7; i++) {
            uint256 c = order[i];
            if (values[c] != ILLEGAL && (best == -1 || values[c] > values[uint256(best)])) best = int256(c);
        }
    }

    /// Lookahead.outputs
    function outputs(uint256 c) internal pure returns (int256[6] memory out) {
        if (c == 5) out[K.OUT_POWER] = 1;
        else if (c == 6) out[K.OUT_BLOCK] = 1;
        else if (c != 4) out[c] = 1;
    }

    /// Lookahead.isLegal
    function isLegal(uint256 c, Arena memory ar, uint256 self, uint256 enemy) internal pure returns (bool) {
        if (c == 5) return Rules.canAttack(self, enemy);
        if (c == 6 || c == 4) return !Rules.isExhausted(self);
        return !Rules.isExhausted(self) && Rules.isOpenStep(ar, self, enemy, c);
    }

    /// Lookahead.expectation with plies 0 (the teacher's depth 1); pre: the packed BattleState
    function expectation(Season memory s, Cache memory cache, uint256 pre, uint256 c, int256[6] memory enemyOut)
        private pure returns (int256)
    {
        int256[6] memory out = outputs(c);
        bool isContested = contested(s, cache.arena, (pre >> 72) & ((1 << 72) - 1), pre & ((1 << 72) - 1), out, enemyOut);
        int256 sum = 0;
        for (uint256 init = 0; init <= (isContested ? 1 : 0); init++) {
            TurnResolver.Result memory r = TurnResolver.resolve(s, cache.arena, pre, out, enemyOut, init == 1 ? 4 : 0);
            sum += (isContested ? int256(128) : int256(256)) * (value(s, cache, r) + critBonus(r.dmgA, r.dmgB, s));
        }
        return sum >> 8;
    }

    /// Lookahead.critBonus
    function critBonus(uint256 dmgA, uint256 dmgB, Season memory s) private pure returns (int256) {
        return (64 * (int256(dmgA) - int256(dmgB)) * int256(s.critMultiplier - 1) * int256(s.critPer256)) >> 8;
    }

    /// Lookahead.value with plies 0: terminal or evaluate
    function value(Season memory s, Cache memory cache, TurnResolver.Result memory r) private pure returns (int256) {
        uint256 w = Outcome.winner(r.turn, r.a, r.b, s);
        if (w == 1) return WIN + (int256(s.maxTurns) - int256(r.turn));
        if (w == 2) return -WIN - (int256(s.maxTurns) - int256(r.turn));
        if (w == 3) return 0;
        return evaluate(s, cache, r.a, r.b);
    }

    /// Lookahead.evaluate
    function evaluate(Season memory s, Cache memory cache, uint256 a, uint256 b) private pure returns (int256) {
        int256 distance = pathDistance(cache, a, b);
        return 64 * (int256(a.hp()) - int256(b.hp()))
            + 8 * (int256(Rules.staminaAtCommit(a, s)) - int256(Rules.staminaAtCommit(b, s)))
            - 4 * distance
            - Rules.manhattan(a, b);
    }

    /// Lookahead.pathDistance (64 when cut off)
    function pathDistance(Cache memory cache, uint256 from, uint256 to) private pure returns (int256) {
        int256 w = int256(cache.arena.width);
        if (cache.bitboard) {
            uint256 n = PathFinder.NO_CELL;
            int256 dist = PathFinder.layersAt(cache.pass, cache.arena.width, to.x(), to.y(), [uint256(from.y() * w + from.x()), n, n, n, n])[0];
            return dist == PathFinder.UNREACHABLE ? int256(64) : dist;
        }
        uint256 goal = uint256(to.y() * w + to.x());
        if (cache.distTo[goal].length == 0) cache.distTo[goal] = PathFinder.distancesTo(cache.arena, to.x(), to.y());
        int256 d = cache.distTo[goal][uint256(from.y() * w + from.x())];
        return d == PathFinder.UNREACHABLE ? int256(64) : d;
    }

    /// Lookahead.contested
    function contested(Season memory s, Arena memory ar, uint256 preA, uint256 preB, int256[6] memory outA, int256[6] memory outB)
        private pure returns (bool)
    {
        uint256 a = Rules.startOfTurn(preA, s);
        uint256 b = Rules.startOfTurn(preB, s);
        uint256 actA = Appendage.commit(outA, ar, a, b, s);
        uint256 actB = Appendage.commit(outB, ar, b, a, s);
        if ((actA & 0xFF) != K.MOVE || (actB & 0xFF) != K.MOVE) return false;
        uint256 dA = (actA >> 8) & 0xFF;
        uint256 dB = (actB >> 8) & 0xFF;
        return a.x() + K.dx(dA) == b.x() + K.dx(dB) && a.y() + K.dy(dA) == b.y() + K.dy(dB);
    }
}

/// curriculum/Labels
library Labels {
    /// Labels.of ("of" is reserved in Solidity): the teacher's label of a board (NONE = 255 in every head when there is nothing to choose)
    function ofBoard(Board memory b, Season memory s) internal pure returns (Label memory label) {
        (int256[7] memory values, int256 best) = Lookahead.search(s, b.arena, b.turn, b.self, b.enemy);
        if (best < 0) return Label(255, 255, 255, 0);
        uint256 move = 255;
        for (uint256 c = 0; c < 5; c++) {
            if (values[c] != Lookahead.ILLEGAL && (move == 255 || values[c] > values[move])) move = c;
        }
        label.move = move;
        label.power = best == 5 ? 1 : 0;
        label.blockFlag = values[6] != Lookahead.ILLEGAL && values[6] > values[move] ? 1 : 0;
        label.weightShift = weightShift(values, uint256(best));
    }

    /// Labels.weightShift: 1 when the best and the worst legal action are half a win apart
    function weightShift(int256[7] memory values, uint256 best) private pure returns (uint256) {
        int256 worst = values[best];
        for (uint256 c = 0; c < 7; c++) if (values[c] != Lookahead.ILLEGAL && values[c] < worst) worst = values[c];
        return values[best] - worst >= Lookahead.WIN / 2 ? 1 : 0;
    }
}

/// The teacher's part of a micro-step as its own contract (code size): MicroStep.teach for the public sources.
contract StepTeacher {
    /// Labels.of on a canonical board under the 42 canonical season bytes; returns (move, power, block, weightShift).
    function label(bytes calldata board, bytes calldata season) external pure returns (uint256, uint256, uint256, uint256) {
        Board memory b = BoardCodec.decode(board);
        Label memory l = Labels.ofBoard(b, SeasonCodec.decode(season, 0));
        return (l.move, l.power, l.blockFlag, l.weightShift);
    }
}
