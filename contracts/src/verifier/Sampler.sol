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

interface INetPolicy {
    function policy(bytes calldata board, bytes calldata season, bytes calldata state) external pure returns (int256[6] memory);
}

/// engine-kernel/Sampler: the board of a micro-step from its source (SELF_PLAY 0, TEMPLATE 1, REAL_BATTLE 2; PRIVATE 3
/// is not supported by this verifier and reverts UnsupportedSource(3)).
contract StepSampler {
    using F for uint256;

    uint64 internal constant SELF_PLAY_DOMAIN = 0x53454C4650000000;
    uint64 internal constant TEMPLATE_DOMAIN = 0x54454D504C000000;
    uint64 internal constant REAL_DOMAIN = 0x5245414C00000000;
    uint256 internal constant CTX_SEASON = 5;
    uint256 internal constant CTX_EPOCH_SEED = 85;
    uint256 internal constant CTX_CHECKPOINT_ROOT = 117;
    uint256 internal constant CTX_REAL_POOL = 181;

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

    /// The real-battle draw pool[next() mod count], opened against the context's R_pool (the records Merkle root of
    /// spec/datasets.md 6a over the pool boards' canonical bytes, tags "CBPL"/"CBPR"). witness: u32 count || u32 index
    /// || u16 len || board (len B) || u8 depth || depth x bytes32 sibling (bottom-up; RealBattlePool.witness).
    function realBattle(uint256 draw64, bytes32 commitment, Season memory season, bytes calldata witness) private pure returns (bytes memory) {
        if (witness.length < 11) revert WitnessMalformed(witness.length);
        uint256 n = uint32(bytes4(witness[0:4]));
        uint256 index = uint32(bytes4(witness[4:8]));
        uint256 len = uint16(bytes2(witness[8:10]));
        if (n == 0 || witness.length < 11 + len) revert WitnessMalformed(witness.length);
        uint256 depth = uint8(witness[10 + len]);
        if (depth != merkleDepth(n) || witness.length != 11 + len + 32 * depth) revert WitnessMalformed(witness.length);
        uint256 drawn = draw64 % n;
        if (index != drawn) revert PoolBoardMismatch(index, drawn);
        bytes calldata board = witness[10:10 + len];
        bytes32 h = keccak256(abi.encodePacked(bytes4("CBPL"), uint32(index), board));
        for (uint256 j = 0; j < depth; j++) {
            uint256 o = 11 + len + 32 * j;
            bytes32 sib = bytes32(witness[o:o + 32]);
            h = ((index >> j) & 1) == 0 ? keccak256(abi.encodePacked(h, sib)) : keccak256(abi.encodePacked(sib, h));
        }
        bytes32 got = keccak256(abi.encodePacked(bytes4("CBPR"), uint32(n), h));
        if (got != commitment) revert PoolCommitmentMismatch(got, commitment);
        // Java trains on any pool board its teacher has room for (Lookahead: at most the season's cells).
        Board memory b = BoardCodec.decode(board);
        if (b.arena.width * b.arena.height > season.arenaWidth * season.arenaHeight) revert BoardMalformed();
        return board;
    }

    /// RecordsMerkle.depth: ceil(log2(count)), 0 for one record
    function merkleDepth(uint256 count) private pure returns (uint256 d) {
        while ((1 << d) < count) d++;
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
        // One calldata buffer for every policy call: the board comes first, so its bytes sit at a fixed offset.
        bytes memory callData = abi.encodeCall(INetPolicy.policy, (BoardCodec.encode(b), ctx[CTX_SEASON:CTX_SEASON + 42], state));
        for (uint256 t = 0; t < turns && Outcome.winner(b.turn, b.self, b.enemy, season) == 0; t++) selfPlayTurn(r, season, b, callData);
        return BoardCodec.encode(b);
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
    /// in place in the call buffer).
    function policyOf(bytes memory callData, Board memory b) private view returns (int256[6] memory out) {
        bytes memory boardBytes = BoardCodec.encode(b);
        uint256 n = boardBytes.length;
        address target = address(net);
        bool ok;
        assembly {
            // selector (4) + three head words (96) + the board's length word (32)
            mcopy(add(callData, add(32, 132)), add(boardBytes, 32), n)
            ok := staticcall(gas(), target, add(callData, 32), mload(callData), out, 192)
            if iszero(ok) {
                returndatacopy(0, 0, returndatasize())
                revert(0, returndatasize())
            }
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
