// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import "./KernelTypes.sol";
import "./Combat.sol";
import "./Kernel.sol";

/// curriculum/BoardDraw
library BoardDraw {
    /// BoardDraw.cells: {selfCell, enemyCell}, row-major, on distinct non-wall cells
    function cells(Rng memory r, Arena memory ar) internal pure returns (uint256 a, uint256 b) {
        uint256 open = 0;
        for (uint256 i = 0; i < ar.tiles.length; i++) if (uint8(ar.tiles[i]) != K.WALL) open++;
        if (open < 2) revert ArenaHasFewerThanTwoOpenCells();
        a = nthOpen(ar, SplitMix64.nextInt(r, open));
        uint256 bRank = SplitMix64.nextInt(r, open - 1);
        b = nthOpen(ar, bRank);
        if (b >= a) b = nthOpen(ar, bRank + 1);
    }

    /// BoardDraw.nthOpen
    function nthOpen(Arena memory ar, uint256 k) private pure returns (uint256) {
        for (uint256 i = 0; i < ar.tiles.length; i++) {
            if (uint8(ar.tiles[i]) != K.WALL) {
                if (k == 0) return i;
                k--;
            }
        }
        revert ArenaHasFewerThanTwoOpenCells();
    }

    /// BoardDraw.fighter
    function fighter(Rng memory r, uint256 cell, Arena memory ar, Season memory s) internal pure returns (uint256 f) {
        uint256 hp = 1 + SplitMix64.nextInt(r, s.maxHp);
        uint256 stamina = 1 + SplitMix64.nextInt(r, s.maxStamina);
        uint256 attackHi = s.maxPower < 15 ? s.maxPower : 15;
        uint256 attackLo = attackHi < 10 ? attackHi : 10;
        f = F.make(cell % ar.width, cell / ar.width, hp, stamina, attackLo + SplitMix64.nextInt(r, attackHi - attackLo + 1));
        f |= SplitMix64.nextInt(r, 33) << 16; // defense
        uint256 guards = s.blockBonus == 0 ? 0 : s.blockCap / s.blockBonus;
        uint256 td = s.blockBonus * SplitMix64.nextInt(r, guards + 1);
        f |= (td < s.blockCap ? td : s.blockCap) << 8; // tempDef
        f |= SplitMix64.nextInt(r, 4); // lastAction
    }
}

/// curriculum/TemplateRom: the sixteen 9x9 arenas, 81 tile codes each.
library TemplateRom {
    bytes internal constant ROM = hex"000000000000000000000101010101010100000100000000000100000100010101000100000100010001000100000100010000000100000100010101010100000100000000000000000000000000000000000000000100000000000000000100000000000000000100000000000000000100000000000000000000000000000000000100000000000000000100000000000000000100000000000000000100000000000000000000000000000001010101010000000001000000010000000001000100010000000000000100000000000001000100010000000001000000010000000001010101010000000000000000000000020202020002020202020000000000000002020001010001010002020001000000010002000000010001000000020001000000010002020001010001010002020000000000000002020202020002020202000100000000000000000100010101010100000100010000000100000100010001000100000100010001000100000100000001000100000101010101000100000000000000000100010101010101010100000000000000000000000000000000000000000001010101010000000001000000010000000001000200010000000001000000010000000001010001010000000000000000000000000000000000000000010001000100010001000000000000000000010001000100010001000000000000000000010001000100010001000000000000000000010001000100010001000000000000000000010001000100010001000000000000000000010101010101010100000000000000000000000101010101010101000000000000000000010101010101010100000000000000000000000101010101010101000000000000000000000000010000000000000000010001010100000000010000000100000101010001000100000000000001000100000101010101000100000000000000000100010101010101000100000000000000000000000202020202020200000200000000000200000200010101000200000200010001000200000000000001000000000200010101000200000200000000000200000202020002020200000000000000000000000000000000000000000000010001000000000001000000010000000100000000000100000000010001000000000100000000000100000001000000010000000000010001000000000000000100000000000000000000000000000100010001000100000000000000000000000100010001000100000000000000000000000100010001000100000000000000000000000100010001000100000000000000000000000001000000010000000001000100010000000001000100010000000001000100010000000000000100000000000001000100010000000001000100010000000001000100010000000001000000010000000000000000000000000101000100010100000100000000000100000000010101000000000100010201000100000000010001000000000100000000000100000101000100010100000000000000000000010000000000000000010100000000000000010101000000000000010101010000000000010101010100000000010101010000000000010101000000000000010100000000000000010000000000000000000000000000000000000202020202020200000201010101010200000201000000010200000201000100010200000200000100000200000201010101010200000202020202020200000000000000000000";

    /// TemplateRom.get
    function get(uint256 index) internal pure returns (Arena memory a) {
        bytes memory rom = ROM;
        a.width = 9;
        a.height = 9;
        a.tiles = new bytes(81);
        for (uint256 i = 0; i < 81; i++) a.tiles[i] = rom[index * 81 + i];
    }
}

// ---- the PRIVATE source (spec/datasets.md 6a): one record of the owner's dataset, opened under R_dataset ----

/// The witness names a record other than the one this step draws (PrivateSampling.index).
error PrivateIndexMismatch(uint256 expected, uint256 got);
/// The record's path has the wrong number of siblings for the dataset's count (RecordsMerkle.depth).
error RecordPathDepth(uint256 got, uint256 expected);
/// The record and its path do not reach R_dataset.
error RecordPathMismatch(uint256 index, bytes32 got, bytes32 expected);
/// The record's demonstration bytes are none Java decodes (curriculum/Demonstration's constructor).
error DemonstrationMalformed(uint8 kind, uint8 dir, uint8 outcome);

/// curriculum/PrivateSampling
library PrivateSampling {
    /// PrivateSampling.index: splitMix64(seedCore ^ fold(S_owner) ^ globalStep) mod count (count > 0)
    function index(uint64 seedCore, uint64 secretFold, uint32 globalStep, uint256 count) internal pure returns (uint256) {
        return uint256(SplitMix64.hash(seedCore ^ secretFold ^ uint64(globalStep))) % count;
    }
}

/// core/RecordsMerkle with the dataset's tags ("CBRL" leaves, "CBRR" root).
library RecordsMerkle {
    /// RecordsMerkle.depth: ceil(log2(count)), 0 for one record
    function depth(uint256 count) internal pure returns (uint256 d) {
        while ((uint256(1) << d) < count) d++;
    }

    /// RecordsMerkle.opening read back (spec/datasets.md 6a): u32 count || u32 index || u16 len || record (len B) ||
    /// u8 depth || depth x bytes32 sibling (bottom-up), its shape checked; returns the record and the root its path
    /// reaches under the tree's tags (R_dataset "CBRL"/"CBRR", the real-battle pool's R_pool "CBPL"/"CBPR"). The
    /// caller compares the index and the root: each kind of witness names its own mismatch.
    function open(bytes4 leafTag, bytes4 rootTag, bytes calldata o)
        internal pure returns (uint256 count, uint256 index, bytes calldata record, bytes32 root)
    {
        if (o.length < 11) revert WitnessMalformed(o.length);
        count = uint32(bytes4(o[0:4]));
        index = uint32(bytes4(o[4:8]));
        uint256 len = uint16(bytes2(o[8:10]));
        if (count == 0 || o.length < 11 + len) revert WitnessMalformed(o.length);
        uint256 d = depth(count);
        if (uint8(o[10 + len]) != d) revert RecordPathDepth(uint8(o[10 + len]), d);
        if (o.length != 11 + len + 32 * d) revert WitnessMalformed(o.length);
        record = o[10:10 + len];
        root = rootOf(leafTag, rootTag, count, index, record, o[11 + len:]);
    }

    /// The root RecordsMerkle.verify compares: keccak(rootTag || u32 count || the top node of record i's path)
    function rootOf(bytes4 leafTag, bytes4 rootTag, uint256 count, uint256 i, bytes calldata record, bytes calldata path)
        private pure returns (bytes32)
    {
        bytes32 h = keccak256(abi.encodePacked(leafTag, uint32(i), record));
        for (uint256 j = 0; j < path.length / 32; j++) {
            bytes32 sib = bytes32(path[32 * j:32 * j + 32]);
            h = ((i >> j) & 1) == 0 ? keccak256(abi.encodePacked(h, sib)) : keccak256(abi.encodePacked(sib, h));
        }
        return keccak256(abi.encodePacked(rootTag, uint32(count), h));
    }
}

/// curriculum/Labels' demonstration half: Labels.isLegal and Labels.demonstrated (Demonstration: kind 255 = none).
library DemonstrationLabels {
    /// Demonstration's constructor checks: an action kind or none; a Dir for a MOVE, else none; outcome 0, 1, 2 or 255
    function check(uint256 kind, uint256 dir, uint256 outcome) internal pure {
        bool kindOk = kind <= K.RECOVER || kind == 255;
        bool dirOk = kind == K.MOVE ? dir < K.COUNT : dir == K.NONE;
        if (!kindOk || !dirOk || (outcome > 2 && outcome != 255)) revert DemonstrationMalformed(uint8(kind), uint8(dir), uint8(outcome));
    }

    /// Labels.isLegal (present demonstrations): the action is legal for self at commit (after the start-of-turn payment)
    function isLegal(uint256 kind, uint256 dir, Board memory b, Season memory s) internal pure returns (bool) {
        uint256 self = Rules.startOfTurn(b.self, s);
        if (kind == K.ATTACK) return Rules.canAttack(self, b.enemy);
        if (kind == K.MOVE) return !Rules.isExhausted(self) && Rules.isOpenStep(b.arena, self, b.enemy, dir);
        if (kind == K.BLOCK || kind == K.REST) return !Rules.isExhausted(self);
        return Rules.isExhausted(self); // RECOVER
    }

    /// Labels.demonstrated: (move, power, block, weightShift 0), 255 in a head the action says nothing about
    function demonstrated(uint256 kind, uint256 dir) internal pure returns (uint256[4] memory l) {
        if (kind == K.ATTACK) return [uint256(255), 1, 255, 0];
        if (kind == K.BLOCK) return [uint256(255), 0, 1, 0];
        if (kind == K.MOVE) return [dir, 0, 0, 0];
        if (kind == K.REST) return [uint256(4), 0, 0, 0]; // Label.STAY
        return [uint256(255), 255, 255, 0]; // RECOVER trains nothing
    }
}

interface INetPolicy {
    function policy(bytes calldata board, bytes calldata season, bytes calldata state, bytes calldata prev)
        external pure returns (int256[6] memory outputs, bytes memory next);
}

/// engine-kernel/Sampler: the board of a micro-step from its source (SELF_PLAY 0, TEMPLATE 1, REAL_BATTLE 2 through draw;
/// PRIVATE 3 through drawPrivate, which also gives MicroStep.teach's demonstration label).
contract StepSampler {
    using F for uint256;

    uint64 internal constant SELF_PLAY_DOMAIN = 0x53454C4650000000;
    uint64 internal constant TEMPLATE_DOMAIN = 0x54454D504C000000;
    uint64 internal constant REAL_DOMAIN = 0x5245414C00000000;
    uint256 internal constant CTX_SEASON = 5;
    uint256 internal constant CTX_EPOCH_SEED = 85;
    uint256 internal constant CTX_CHECKPOINT_ROOT = 117;
    uint256 internal constant CTX_REAL_POOL = 181;
    uint256 internal constant PREV = 8448; // StepNet.policy's prev / next: int256 x[200] || int256 acc[64]

    INetPolicy public immutable net;

    constructor(INetPolicy net_) {
        net = net_;
    }

    /// Sampler.draw: the canonical board bytes. state: the canonical BeastState (seedCore, globalStep and for
    /// self-play the net); ctx: the canonical WindowContext (checked by the caller); witness: for a real-battle
    /// step, the drawn board with its Merkle path under the context's R_pool (realBattle).
    function draw(uint8 source, bytes calldata state, bytes calldata ctx, bytes calldata witness) external view returns (bytes memory) {
        Season memory season = SeasonCodec.decode(ctx, CTX_SEASON);
        uint64 seedCore = uint64(bytes8(state[8:16]));
        uint64 globalStep = uint64(uint32(bytes4(state[16:20])));
        if (source == 0) {
            // keyed by (seedCore, checkpoint_root)
            uint64 key = seedCore ^ fold64(bytes32(ctx[CTX_CHECKPOINT_ROOT:CTX_CHECKPOINT_ROOT + 32]));
            return selfPlay(season, SplitMix64.seeded(SplitMix64.hash(key ^ SplitMix64.hash(globalStep ^ SELF_PLAY_DOMAIN))), state, ctx);
        }
        if (source == 1) {
            Rng memory r = stepStream(seedCore, globalStep, TEMPLATE_DOMAIN);
            Arena memory arena = season.arenaWidth == 9 && season.arenaHeight == 9
                ? TemplateRom.get(uint256(fold64(bytes32(ctx[CTX_EPOCH_SEED:CTX_EPOCH_SEED + 32]))) % 16)
                : ArenaLib.generate(SplitMix64.next(r), season);
            bool near = SplitMix64.nextInt(r, 2) == 0;
            return BoardCodec.encode(place(r, arena, season, near));
        }
        if (source == 2) {
            Rng memory r = stepStream(seedCore, globalStep, REAL_DOMAIN);
            return realBattle(uint256(SplitMix64.next(r)), bytes32(ctx[CTX_REAL_POOL:CTX_REAL_POOL + 32]), season, witness);
        }
        revert UnsupportedSource(source);
    }

    /// Sampler.draw's PRIVATE case, dataset.get(Sampler.privateIndex), and MicroStep.teach's demonstration half. witness
    /// (spec/datasets.md 6a): S_owner (32) || R_dataset (32) || u32 count || u32 index || u16 len || record (len B) ||
    /// u8 depth || depth x bytes32 sibling; the dispute game checks S_owner against the owner's commitment and R_dataset
    /// against the beast's. Here: the index is PrivateSampling.index of this step under fold(S_owner), the record sits at
    /// it under R_dataset, and the record is Board v2 || u8 kind || u8 dir || u8 outcome. Returns the board's canonical
    /// bytes and, when the record's demonstration is legal on its board, its label (demonstrated); else the teacher labels.
    function drawPrivate(uint64 seedCore, uint32 globalStep, bytes calldata season, bytes calldata witness)
        external pure returns (bytes memory board, bool demonstrated, uint256[4] memory label)
    {
        bytes calldata record = openRecord(seedCore, globalStep, witness);
        uint256 n = record.length;
        if (n < 3) revert BoardMalformed();
        board = record[:n - 3];
        Board memory b = BoardCodec.decode(board);
        Season memory s = SeasonCodec.decode(season, 0);
        // as for a pool board: any board the teacher has room for (at most the season's cells)
        if (b.arena.width * b.arena.height > s.arenaWidth * s.arenaHeight) revert BoardMalformed();
        (uint256 kind, uint256 dir) = (uint8(record[n - 3]), uint8(record[n - 2]));
        DemonstrationLabels.check(kind, dir, uint8(record[n - 1]));
        if (kind != 255 && DemonstrationLabels.isLegal(kind, dir, b, s)) {
            demonstrated = true;
            label = DemonstrationLabels.demonstrated(kind, dir);
        }
    }

    /// The record a private step draws, checked: its index is this step's, its path reaches R_dataset.
    function openRecord(uint64 seedCore, uint32 globalStep, bytes calldata witness) private pure returns (bytes calldata record) {
        if (witness.length < 64) revert WitnessMalformed(witness.length);
        (uint256 count, uint256 index, bytes calldata rec, bytes32 got) = RecordsMerkle.open("CBRL", "CBRR", witness[64:]);
        uint256 want = PrivateSampling.index(seedCore, fold64(bytes32(witness[0:32])), globalStep, count);
        if (index != want) revert PrivateIndexMismatch(want, index);
        if (got != bytes32(witness[32:64])) revert RecordPathMismatch(index, got, bytes32(witness[32:64]));
        record = rec;
    }

    /// The real-battle draw pool[next() mod count], opened against the context's R_pool (the records Merkle root of
    /// spec/datasets.md 6a over the pool boards' canonical bytes, tags "CBPL"/"CBPR"). witness: u32 count || u32 index
    /// || u16 len || board (len B) || u8 depth || depth x bytes32 sibling (bottom-up; RealBattlePool.witness).
    function realBattle(uint256 draw64, bytes32 commitment, Season memory season, bytes calldata witness) private pure returns (bytes memory) {
        (uint256 n, uint256 index, bytes calldata board, bytes32 got) = RecordsMerkle.open("CBPL", "CBPR", witness);
        if (index != draw64 % n) revert PoolBoardMismatch(index, draw64 % n);
        if (got != commitment) revert PoolCommitmentMismatch(got, commitment);
        // Java trains on any pool board its teacher has room for (Lookahead: at most the season's cells).
        Board memory b = BoardCodec.decode(board);
        if (b.arena.width * b.arena.height > season.arenaWidth * season.arenaHeight) revert BoardMalformed();
        return board;
    }

    /// Sampler.stepStream
    function stepStream(uint64 seedCore, uint64 globalStep, uint64 domain) private pure returns (Rng memory) {
        return SplitMix64.seeded(SplitMix64.hash(seedCore ^ SplitMix64.hash(globalStep ^ domain)));
    }

    /// WindowContext.fold64 / PrivateSampling.fold: XOR of the four big-endian 64-bit words
    function fold64(bytes32 v) internal pure returns (uint64) {
        uint256 u = uint256(v);
        return uint64(u >> 192) ^ uint64(u >> 128) ^ uint64(u >> 64) ^ uint64(u);
    }

    /// Sampler.selfPlay: the beast's net (through the StepNet contract) against a random-or-greedy enemy
    function selfPlay(Season memory season, Rng memory r, bytes calldata state, bytes calldata ctx) private view returns (bytes memory) {
        Board memory b = selfPlayStart(r, season);
        uint256 turns = SplitMix64.nextInt(r, 8);
        if (turns == 0 || Outcome.winner(b.turn, b.self, b.enemy, season) != 0) return BoardCodec.encode(b);
        bytes memory callData = policyCall(b, ctx, state);
        for (uint256 t = 0; t < turns && Outcome.winner(b.turn, b.self, b.enemy, season) == 0; t++) selfPlayTurn(r, season, b, callData);
        return BoardCodec.encode(b);
    }

    /// One calldata buffer for every policy call of a step: the board first among the arguments, so its bytes sit at a
    /// fixed offset, and room for prev (the previous turn's inputs and sums, which each call returns straight into it;
    /// its length is 0 for the first turn: policyOf).
    function policyCall(Board memory b, bytes calldata ctx, bytes calldata state) private pure returns (bytes memory callData) {
        callData = abi.encodeCall(INetPolicy.policy, (BoardCodec.encode(b), ctx[CTX_SEASON:CTX_SEASON + 42], state, new bytes(PREV)));
        assembly { mstore(add(add(callData, 36), mload(add(callData, 132))), 0) } // prev's length: 0 (the first turn)
    }

    /// Sampler.selfPlay's start: a generated arena, near with probability 3/4, Sampler.place.
    function selfPlayStart(Rng memory r, Season memory season) private pure returns (Board memory) {
        Arena memory arena = ArenaLib.generate(SplitMix64.next(r), season);
        bool near = SplitMix64.nextInt(r, 4) != 0;
        return place(r, arena, season, near);
    }

    /// One turn of Sampler.selfPlay's loop: the net's outputs for A, the enemy's drawn (or greedy) outputs, the crits
    /// and the initiative from one draw, then TurnResolver.resolve; the board advances in place.
    function selfPlayTurn(Rng memory r, Season memory season, Board memory b, bytes memory callData) private view {
        int256[6] memory outA = policyOf(callData, b);
        int256[6] memory outB;
        for (uint256 k = 0; k < 4; k++) outB[k] = int256(SplitMix64.nextInt(r, 17)) - 8;
        outB[4] = int256(SplitMix64.nextInt(r, 16));
        outB[5] = SplitMix64.nextInt(r, 4) == 0 ? int256(1) : int256(0);
        if (SplitMix64.nextInt(r, 4) != 0) outB = GreedyPolicy.outputs(season, b.arena, b.enemy, b.self);
        TurnResolver.Result memory res = TurnResolver.resolve(season, b.arena, TurnResolver.pack(b.turn, b.self, b.enemy), outA, outB,
            turnFlags(SplitMix64.next(r), season.critPer256));
        b.turn = res.turn;
        b.self = res.a;
        b.enemy = res.b;
    }

    /// The TurnInput of one drawn 64-bit value: critA (bits 0..7), critB (8..15), initiativeB (bit 16).
    function turnFlags(uint64 bits, uint256 critPer256) private pure returns (uint256) {
        return ((bits & 0xFF) < critPer256 ? 1 : 0) | (((bits >> 8) & 0xFF) < critPer256 ? 2 : 0) | (((bits >> 16) & 1) << 2);
    }

    /// Net.forward + Net.policyOutputs of side A's board, through the net contract (the board's bytes are rewritten
    /// in place in the call buffer; the call's `next`, this turn's inputs and exact hidden sums, is copied into the
    /// buffer's prev, so the next turn's forward adds only what changed: StepNet.policy).
    function policyOf(bytes memory callData, Board memory b) private view returns (int256[6] memory out) {
        bytes memory boardBytes = BoardCodec.encode(b);
        uint256 n = boardBytes.length;
        address target = address(net);
        bool ok;
        assembly {
            // selector (4) + four head words (128) + the board's length word (32)
            mcopy(add(callData, add(32, 164)), add(boardBytes, 32), n)
            ok := staticcall(gas(), target, add(callData, 32), mload(callData), 0, 0)
            if iszero(ok) {
                returndatacopy(0, 0, returndatasize())
                revert(0, returndatasize())
            }
            returndatacopy(out, 0, 192)
            let prev := add(add(callData, 36), mload(add(callData, 132))) // prev's length word
            mstore(prev, PREV)
            returndatacopy(add(prev, 32), 256, PREV) // (outputs, offset, length) precede next's bytes
        }
    }

    /// Sampler.place: self and enemy (the enemy near self when asked and possible), then the turn
    function place(Rng memory r, Arena memory arena, Season memory season, bool near) internal pure returns (Board memory b) {
        (uint256 c0, uint256 c1) = BoardDraw.cells(r, arena);
        uint256 w = arena.width;
        if (near) {
            int256 sx = int256(c0 % w);
            int256 sy = int256(c0 / w);
            uint256 count = 0;
            uint256[12] memory cand;
            for (int256 dy = -2; dy <= 2; dy++) {
                for (int256 dx = -2; dx <= 2; dx++) {
                    int256 m = K.abs(dx) + K.abs(dy);
                    if (m < 1 || m > 2) continue;
                    if (!ArenaLib.inside(arena, sx + dx, sy + dy) || !ArenaLib.passable(arena, sx + dx, sy + dy)) continue;
                    cand[count++] = uint256((sy + dy) * int256(w) + (sx + dx));
                }
            }
            if (count > 0) c1 = cand[SplitMix64.nextInt(r, count)];
        }
        b.arena = arena;
        b.self = BoardDraw.fighter(r, c0, arena, season);
        b.enemy = BoardDraw.fighter(r, c1, arena, season);
        b.turn = SplitMix64.nextInt(r, season.maxTurns);
    }
}
