// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import "./KernelTypes.sol";
import "./Combat.sol";

// The net of kernel v2 (engine-kernel IntMath, Net, InputEncoder, Energy) as internal libraries. Integer rules:
// Java's int64 accumulators wrap, so sums are taken exactly in int256 and truncated to int64 (wrapping is a ring
// homomorphism: the same value as Java's step-by-step wrap); every int32 result saturates as Fixed.sat32 does.

/// core/Fixed (the operations the kernel uses).
library Fixed {
    int256 internal constant ONE = 65536;

    /// Fixed.sat32
    function sat32(int256 v) internal pure returns (int256) {
        if (v > type(int32).max) return type(int32).max;
        if (v < type(int32).min) return type(int32).min;
        return v;
    }
    /// Fixed.roundShift (s in 0..63): floor(x / 2^s + 1/2), computed as Java does
    function roundShift(int256 v, uint256 s) internal pure returns (int256) {
        if (s == 0) return v;
        return (v >> s) + ((v >> (s - 1)) & 1);
    }
    /// Fixed.narrow of an int64 accumulator that Java wrapped: the exact sum is wrapped to int64 first
    function narrow(int256 exactSum) internal pure returns (int256) {
        return sat32(roundShift(int256(int64(exactSum)), 16));
    }
}

/// engine-kernel/IntMath: the exp and log2 tables of SPEC.md, three bytes per entry.
library IntMath {
    bytes internal constant EXP = hex"01000000f07d00e1eb00d43b00c75f00bb4b00aff200a549009b460091dd0089070080ba0078ed007199006ab7006440005e2d00587900531c004e130049580044e70040ba003cce00391f0035a9003269002f5b002c7c0029ca0027420024e10022a500208c001e93001cb9001afb0019590017d000165e0015040013be00128b00116c00105e000f60000e71000d91000cbf000bf9000b3f000a910009ed0009530008c300083b0007bb0007430006d20006690006050005a80005500004fe0004b00004680004230003e30003a700036e0003390003070002d80002ac00028200025c0002370002150001f40001d60001ba00019f00018600016e00015800014300012f00011d00010c0000fc0000ec0000de0000d10000c40000b80000ad0000a200009900008f00008700007f00007700007000006900006300005d00005700005200004d00004800004400004000003c00003800003500003200002f00002c00002900002700002400002200002000001e00001c00001b00001900001700001600001500001300001200001100001000000f00000e00000d00000d00000c00000b00000a00000a000009000009000008000008000007000007000006000006000006000005000005000005000004000004000004000004000003000003000003000003000003000002000002000002000002000002000002000002000002000001000001000001000001000001000001000001000001000001000001000001000001000001000001000001000001000001000001000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";
    bytes internal constant LOG2 = hex"0000000005ba000b5d0010eb001664001bc8002119002656002b8000309800359f003a94003f7800444c004910004dc500526a005700005b8900600300646f0068ce006d2000716500759d0079ca007dea0081ff008608008a06008dfa0091e20095c0009994009d5e00a11e00a4d400a88100ac2400afbe00b35000b6d900ba5900bdd100c14000c4a800c80700cb5f00ceaf00d1f700d53800d87200dba500ded000e1f500e51300e82a00eb3b00ee4500f14900f44600f73e00fa2f00fd1a010000";
    int256 internal constant LN2_Q16 = 45426;
    int256 internal constant EXP_ZERO_AT = 16 << 16;
    int256 internal constant MAX_LOSS = 16 << 16;

    function entry(bytes memory table, uint256 i) private pure returns (int256 v) {
        assembly { v := and(shr(232, mload(add(add(table, 32), mul(i, 3)))), 0xFFFFFF) }
    }

    /// IntMath.expNeg (z >= 0)
    function expNeg(int256 z) internal pure returns (int256) {
        if (z >= EXP_ZERO_AT) return 0;
        bytes memory t = EXP;
        uint256 idx = uint256(z >> 12);
        int256 frac = z & 0xFFF;
        int256 lo = entry(t, idx);
        int256 hi = entry(t, idx + 1);
        return lo + (((hi - lo) * frac) >> 12);
    }

    /// IntMath.sigmoid
    function sigmoid(int256 z) internal pure returns (int256) {
        int256 c = z < -EXP_ZERO_AT ? -EXP_ZERO_AT : (z > EXP_ZERO_AT ? EXP_ZERO_AT : z);
        if (c >= 0) return int256(uint256(1 << 32) / uint256(Fixed.ONE + expNeg(c)));
        int256 e = expNeg(-c);
        return (e << 16) / (Fixed.ONE + e);
    }

    /// IntMath.log2 (p > 0)
    function log2(int256 p) internal pure returns (int256) {
        uint256 u = uint256(p);
        uint256 msb = 0;
        while ((u >> (msb + 1)) != 0) msb++;
        uint256 m = msb >= 16 ? u >> (msb - 16) : u << (16 - msb);
        uint256 frac = m - 65536;
        bytes memory t = LOG2;
        int256 lo = entry(t, frac >> 10);
        int256 hi = entry(t, (frac >> 10) + 1);
        int256 l = lo + (((hi - lo) * int256(frac & 0x3FF)) >> 10);
        return ((int256(msb) - 16) << 16) + l;
    }

    /// IntMath.negLn: -ln(p / 65536) in Q16, capped at MAX_LOSS; p <= 0 gives the cap
    function negLn(int256 p) internal pure returns (int256) {
        if (p <= 0) return MAX_LOSS;
        int256 v = -Fixed.roundShift(log2(p) * LN2_Q16, 16);
        return v < 0 ? int256(0) : (v > MAX_LOSS ? MAX_LOSS : v);
    }

    /// IntMath.softmax over out[0..5)
    function softmax(int256[7] memory z) internal pure returns (int256[5] memory p) {
        int256 mx = z[0];
        for (uint256 k = 1; k < 5; k++) if (z[k] > mx) mx = z[k];
        int256 sum = 0;
        for (uint256 k = 0; k < 5; k++) {
            int256 d = mx - z[k];
            p[k] = expNeg(d < EXP_ZERO_AT ? d : EXP_ZERO_AT);
            sum += p[k];
        }
        for (uint256 k = 0; k < 5; k++) p[k] = (p[k] << 16) / sum;
    }
}

/// engine-kernel/BeastState, read and written in place in its canonical bytes (HEADER_SIZE 41, then w1, b1, w2, b2).
library StateBytes {
    uint256 internal constant N_IN = 200;
    uint256 internal constant HIDDEN = 64;
    uint256 internal constant N_OUT = 7;
    uint256 internal constant W1 = 41;
    uint256 internal constant B1 = W1 + 4 * HIDDEN * N_IN;
    uint256 internal constant W2 = B1 + 4 * HIDDEN;
    uint256 internal constant B2 = W2 + 4 * N_OUT * HIDDEN;
    uint256 internal constant SIZE = B2 + 4 * N_OUT;

    function i32(bytes memory st, uint256 off) internal pure returns (int256 v) {
        assembly { v := sar(224, mload(add(add(st, 32), off))) }
    }
    function setI32(bytes memory st, uint256 off, int256 v) internal pure {
        assembly {
            let p := add(add(st, 32), off)
            mstore(p, or(and(mload(p), not(shl(224, 0xFFFFFFFF))), shl(224, and(v, 0xFFFFFFFF))))
        }
    }
    function uN(bytes memory st, uint256 off, uint256 n) internal pure returns (uint256 v) {
        assembly { v := shr(sub(256, mul(8, n)), mload(add(add(st, 32), off))) }
    }
    function setUN(bytes memory st, uint256 off, uint256 n, uint256 v) internal pure {
        for (uint256 i = 0; i < n; i++) st[off + i] = bytes1(uint8(v >> (8 * (n - 1 - i))));
    }
    function seedCore(bytes memory st) internal pure returns (uint64) { return uint64(uN(st, 8, 8)); }
    function globalStep(bytes memory st) internal pure returns (uint32) { return uint32(uN(st, 16, 4)); }
    function activeMask(bytes memory st) internal pure returns (uint256) { return uN(st, 20, 4); }
    function lrShift(bytes memory st) internal pure returns (uint256) { return uN(st, 24, 1); }
    /// NetShape.unitActive
    function unitActive(uint256 mask, uint256 unit) internal pure returns (bool) { return ((mask >> (unit / 8)) & 1) != 0; }
}

/// engine-kernel/Net
library Net {
    using StateBytes for bytes;

    /// NetScratch: the pass's working arrays; ones and others list the non-zero inputs (forward fills them): the byte
    /// offsets 4i of the inputs equal to ONE, and (4i, x_i) pairs of the rest (nOthers of them; zero (0, 0) entries
    /// follow, which forward reads to round its loop up to four entries and which add nothing).
    struct Scratch {
        int256[200] x; int256[64] pre; int256[64] h; int256[7] out; int256[7] g;
        uint256[] ones; uint256 nOnes; uint256[] others; uint256 nOthers;
        int256[64] acc; // the exact hidden sums b1_j << 16 + sum_i w_ji x_i (0 for an inactive unit), before Fixed.narrow
    }

    /// Net.forward of the state whose canonical bytes are in calldata at src (the pre-update weights are read where
    /// they are, never copied). Java sums only the non-zero inputs; so does this, in Yul: each product of an int32
    /// weight and a Q16 value is below 2^63 in magnitude and a sum of at most 200 of them cannot overflow 256 bits, so
    /// the EVM's modular add and mul give the exact sum, which Fixed.narrow wraps to int64. An input equal to ONE adds
    /// w << 16: those weights are summed first and shifted once (the same exact sum). The loops take four entries a
    /// round (others is padded with (0, 0) entries, which add nothing).
    function forward(uint256 src, Scratch memory t) internal pure {
        uint256 mask;
        assembly { mask := shr(224, calldataload(add(src, 20))) }
        listInputs(t);
        uint256 pOnes;
        uint256 end4;
        uint256 endOnes;
        uint256 pOthers;
        uint256 endOthers;
        {
            uint256[] memory lo = t.ones;
            uint256[] memory lx = t.others;
            uint256 ones = t.nOnes;
            uint256 others = t.nOthers;
            assembly {
                pOnes := add(lo, 32)
                end4 := add(pOnes, shl(5, and(ones, not(3))))
                endOnes := add(pOnes, shl(5, ones))
                pOthers := add(lx, 32)
                endOthers := add(pOthers, shl(6, and(add(others, 3), not(3))))
            }
        }
        int256[64] memory h = t.h;
        for (uint256 j = 0; j < 64; j++) {
            if (!StateBytes.unitActive(mask, j)) { t.pre[j] = 0; h[j] = 0; continue; }
            uint256 base = src + StateBytes.W1 + 4 * 200 * j;
            int256 acc;
            {
                uint256 b1 = src + StateBytes.B1 + 4 * j;
                assembly { acc := sar(224, calldataload(b1)) }
            }
            assembly {
                for { let p := pOnes } lt(p, end4) { p := add(p, 128) } {
                    acc := add(acc, add(add(sar(224, calldataload(add(base, mload(p)))),
                                            sar(224, calldataload(add(base, mload(add(p, 32)))))),
                                        add(sar(224, calldataload(add(base, mload(add(p, 64))))),
                                            sar(224, calldataload(add(base, mload(add(p, 96))))))))
                }
                for { let p := end4 } lt(p, endOnes) { p := add(p, 32) } {
                    acc := add(acc, sar(224, calldataload(add(base, mload(p)))))
                }
                acc := shl(16, acc) // (b1_j + the ONE inputs' weights) << 16
                for { let p := pOthers } lt(p, endOthers) { p := add(p, 256) } {
                    acc := add(acc, add(add(mul(sar(224, calldataload(add(base, mload(p)))), mload(add(p, 32))),
                                            mul(sar(224, calldataload(add(base, mload(add(p, 64))))), mload(add(p, 96)))),
                                        add(mul(sar(224, calldataload(add(base, mload(add(p, 128))))), mload(add(p, 160))),
                                            mul(sar(224, calldataload(add(base, mload(add(p, 192))))), mload(add(p, 224))))))
                }
            }
            t.acc[j] = acc;
            int256 pj = Fixed.narrow(acc);
            t.pre[j] = pj;
            h[j] = pj > 0 ? pj : int256(0);
        }
        outputs(src, t);
    }

    /// Net.forward of the same weights as an earlier pass whose inputs were xPrev and exact hidden sums accPrev (both
    /// in calldata at those offsets): each live unit's sum is accPrev_j plus w_ji (x_i - xPrev_i) over the inputs that
    /// changed, which is the same exact integer sum as forward's (the sums are exact in int256, see forward), so the
    /// same pre-activations. Self-play's later turns of one micro-step use it: the net does not change between them
    /// and a turn changes a few of the 200 inputs.
    function forwardFrom(uint256 src, Scratch memory t, uint256 xPrev, uint256 accPrev) internal pure {
        uint256 mask;
        assembly { mask := shr(224, calldataload(add(src, 20))) }
        int256[200] memory x = t.x;
        uint256[] memory lx = new uint256[](408); // (4i, x_i - xPrev_i) pairs, then up to three (0, 0) entries
        uint256 pD;
        uint256 endD;
        assembly {
            pD := add(lx, 32)
            let q := pD
            let c := xPrev
            for { let p := x } lt(p, add(x, 6400)) { p := add(p, 32) } {
                let d := sub(mload(p), calldataload(c))
                if d {
                    mstore(q, shr(3, sub(p, x))) // 4i
                    mstore(add(q, 32), d)
                    q := add(q, 64)
                }
                c := add(c, 32)
            }
            endD := add(pD, shl(8, shr(8, add(sub(q, pD), 192)))) // rounded up to four pairs (the padding is zero)
        }
        int256[64] memory h = t.h;
        int256[64] memory pre = t.pre;
        int256[64] memory accs = t.acc;
        for (uint256 j = 0; j < 64; j++) {
            if (!StateBytes.unitActive(mask, j)) continue; // pre, h and acc stay 0
            uint256 base = src + StateBytes.W1 + 4 * 200 * j;
            int256 acc;
            assembly {
                acc := calldataload(add(accPrev, shl(5, j)))
                for { let p := pD } lt(p, endD) { p := add(p, 256) } {
                    acc := add(acc, add(add(mul(sar(224, calldataload(add(base, mload(p)))), mload(add(p, 32))),
                                            mul(sar(224, calldataload(add(base, mload(add(p, 64))))), mload(add(p, 96)))),
                                        add(mul(sar(224, calldataload(add(base, mload(add(p, 128))))), mload(add(p, 160))),
                                            mul(sar(224, calldataload(add(base, mload(add(p, 192))))), mload(add(p, 224))))))
                }
            }
            accs[j] = acc;
            int256 pj = Fixed.narrow(acc);
            pre[j] = pj;
            h[j] = pj > 0 ? pj : int256(0);
        }
        outputs(src, t);
    }

    /// Net.forward's output layer: out_k = narrow(b2_k << 16 + sum_j w2_kj h_j).
    function outputs(uint256 src, Scratch memory t) private pure {
        int256[64] memory h = t.h;
        // the output sums run over the units with h_j != 0 only (the others add nothing): (4j, h_j) pairs
        uint256[] memory live = new uint256[](128);
        uint256 endLive;
        assembly {
            let q := add(live, 32)
            for { let j := 0 } lt(j, 64) { j := add(j, 1) } {
                let hj := mload(add(h, shl(5, j)))
                if hj {
                    mstore(q, shl(2, j))
                    mstore(add(q, 32), hj)
                    q := add(q, 64)
                }
            }
            endLive := q
        }
        for (uint256 k = 0; k < 7; k++) {
            uint256 base = src + StateBytes.W2 + 4 * 64 * k;
            uint256 b2 = src + StateBytes.B2 + 4 * k;
            int256 acc;
            assembly {
                acc := shl(16, sar(224, calldataload(b2)))
                for { let q := add(live, 32) } lt(q, endLive) { q := add(q, 64) } {
                    acc := add(acc, mul(sar(224, calldataload(add(base, mload(q)))), mload(add(q, 32))))
                }
            }
            t.out[k] = Fixed.narrow(acc);
        }
    }

    /// Fills t.ones / t.others from t.x (in input order).
    function listInputs(Scratch memory t) private pure {
        uint256[] memory lo = new uint256[](200);
        uint256[] memory lx = new uint256[](408); // + up to three (0, 0) padding entries
        int256[200] memory x = t.x;
        uint256 n1;
        uint256 nx;
        assembly {
            for { let i := 0 } lt(i, 200) { i := add(i, 1) } {
                let v := mload(add(x, shl(5, i)))
                if v {
                    switch eq(v, 65536)
                    case 1 {
                        mstore(add(add(lo, 32), shl(5, n1)), shl(2, i))
                        n1 := add(n1, 1)
                    }
                    default {
                        let q := add(add(lx, 32), shl(6, nx))
                        mstore(q, shl(2, i))
                        mstore(add(q, 32), v)
                        nx := add(nx, 1)
                    }
                }
            }
        }
        t.ones = lo;
        t.nOnes = n1;
        t.others = lx;
        t.nOthers = nx;
    }

    /// Net.lossAndGradient: fills t.g, returns the unweighted losses (move, power, block)
    function lossAndGradient(Scratch memory t, Label memory label, uint256 heads) internal pure returns (int256 move, int256 power, int256 blk) {
        for (uint256 k = 0; k < 7; k++) t.g[k] = 0;
        if ((heads & 1) != 0 && label.move != 255) {
            int256[5] memory p = IntMath.softmax(t.out);
            for (uint256 k = 0; k < 5; k++) t.g[k] = p[k] - (k == label.move ? Fixed.ONE : int256(0));
            move = IntMath.negLn(p[label.move]);
        }
        if ((heads & 2) != 0 && label.power != 255) power = logistic(t, 5, label.power);
        if ((heads & 4) != 0 && label.blockFlag != 255) blk = logistic(t, 6, label.blockFlag);
        if (label.weightShift > 0) {
            for (uint256 k = 0; k < 7; k++) t.g[k] = Fixed.sat32(t.g[k] << label.weightShift);
        }
    }

    /// Net.logistic
    function logistic(Scratch memory t, uint256 k, uint256 y) private pure returns (int256) {
        int256 sgm = IntMath.sigmoid(t.out[k]);
        t.g[k] = sgm - (y == 1 ? Fixed.ONE : int256(0));
        return IntMath.negLn(y == 1 ? sgm : Fixed.ONE - sgm);
    }

    /// Net.backwardAndUpdate (hidden gradients from the old w2; every update one rounding, saturating)
    function backwardAndUpdate(bytes memory st, Scratch memory t) internal pure {
        int256[64] memory gh = hiddenGradients(st, t);
        updateOutputs(st, t);
        updateHidden(st, t, gh);
    }

    /// Net.backwardAndUpdate, first loop: gh_j = narrow(sum_k w2_kj * g_k) for live units with pre_j > 0 (an inactive
    /// unit has pre 0). Yul; the sum of seven products of an int32 and a saturated int32 gradient is exact in int256.
    function hiddenGradients(bytes memory st, Scratch memory t) private pure returns (int256[64] memory gh) {
        int256[64] memory pre = t.pre;
        int256[7] memory g = t.g;
        uint256 w2 = StateBytes.W2;
        assembly { w2 := add(add(st, 32), w2) }
        for (uint256 j = 0; j < 64; j++) {
            int256 acc;
            assembly {
                if sgt(mload(add(pre, shl(5, j))), 0) {
                    let col := add(w2, shl(2, j))
                    for { let k := 0 } lt(k, 7) { k := add(k, 1) } {
                        acc := add(acc, mul(sar(224, mload(add(col, shl(8, k)))), mload(add(g, shl(5, k)))))
                    }
                }
            }
            if (acc != 0) gh[j] = Fixed.narrow(acc);
        }
    }

    /// Net.backwardAndUpdate, second loop: w2 and b2. A unit with h_j = 0 (every inactive one) leaves w2_kj as it is
    /// (the rounded product is 0), so only units with h_j != 0 are visited; the row update is Yul.
    function updateOutputs(bytes memory st, Scratch memory t) private pure {
        uint256 shift = 16 + st.lrShift();
        int256[64] memory h = t.h;
        for (uint256 k = 0; k < 7; k++) {
            int256 gk = t.g[k];
            if (gk == 0) continue;
            uint256 row = StateBytes.W2 + 4 * 64 * k;
            assembly { row := add(add(st, 32), row) }
            assembly {
                for { let j := 0 } lt(j, 64) { j := add(j, 1) } {
                    let hj := mload(add(h, shl(5, j)))
                    if hj {
                        let v := mul(gk, hj)
                        let d := add(sar(shift, v), and(sar(sub(shift, 1), v), 1))
                        if iszero(eq(signextend(3, d), d)) { d := xor(0x7fffffff, sar(255, d)) } // sat32
                        let ptr := add(row, shl(2, j))
                        let w := mload(ptr)
                        let nw := sub(sar(224, w), d)
                        if iszero(eq(signextend(3, nw), nw)) { nw := xor(0x7fffffff, sar(255, nw)) } // sat32
                        mstore(ptr, or(and(w, 0x00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff), shl(224, nw)))
                    }
                }
            }
            satSubAt(st, StateBytes.B2 + 4 * k, Fixed.roundShift(gk, shift - 16));
        }
    }

    /// Net.backwardAndUpdate, third loop: w1 (non-zero inputs only, the lists forward made) and b1. The row update
    /// is Yul (updateRow); an input equal to ONE subtracts sat32(roundShift(g_j << 16, shift)), the same for
    /// every such input of the row.
    function updateHidden(bytes memory st, Scratch memory t, int256[64] memory gh) private pure {
        uint256 shift = 16 + st.lrShift();
        uint256 pOnes;
        uint256 pOthers;
        {
            uint256[] memory lo = t.ones;
            uint256[] memory lx = t.others;
            assembly { pOnes := add(lo, 32) pOthers := add(lx, 32) }
        }
        uint256 endOnes = pOnes + 32 * t.nOnes;
        uint256 endOthers = pOthers + 64 * t.nOthers;
        uint256 rows;
        assembly { rows := add(add(st, 32), 41) } // StateBytes.W1
        for (uint256 j = 0; j < 64; j++) {
            int256 gj = gh[j];
            if (gj == 0) continue;
            updateRow(rows + 4 * 200 * j, gj, shift, pOnes, endOnes, pOthers, endOthers);
            satSubAt(st, StateBytes.B1 + 4 * j, Fixed.roundShift(gj, shift - 16));
        }
    }

    /// One w1 row (at memory address base): w_ji := satSub(w_ji, sat32(roundShift(g_j * x_i, shift))) over the lists
    /// (Yul, the saturations inline).
    function updateRow(uint256 base, int256 gj, uint256 shift, uint256 pOnes, uint256 endOnes, uint256 pOthers, uint256 endOthers)
        private pure
    {
        assembly {
            let keep := 0x00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff
            let v1 := shl(16, gj)
            let d1 := add(sar(shift, v1), and(sar(sub(shift, 1), v1), 1))
            if iszero(eq(signextend(3, d1), d1)) { d1 := xor(0x7fffffff, sar(255, d1)) } // sat32
            if iszero(d1) { pOnes := endOnes } // nothing to subtract
            for { } lt(pOnes, endOnes) { pOnes := add(pOnes, 32) } {
                let ptr := add(base, mload(pOnes))
                let w := mload(ptr)
                let nw := sub(sar(224, w), d1)
                if iszero(eq(signextend(3, nw), nw)) { nw := xor(0x7fffffff, sar(255, nw)) } // sat32
                mstore(ptr, or(and(w, keep), shl(224, nw)))
            }
            for { } lt(pOthers, endOthers) { pOthers := add(pOthers, 64) } {
                let v := mul(gj, mload(add(pOthers, 32)))
                let d := add(sar(shift, v), and(sar(sub(shift, 1), v), 1))
                if iszero(eq(signextend(3, d), d)) { d := xor(0x7fffffff, sar(255, d)) } // sat32
                let ptr := add(base, mload(pOthers))
                let w := mload(ptr)
                let nw := sub(sar(224, w), d)
                if iszero(eq(signextend(3, nw), nw)) { nw := xor(0x7fffffff, sar(255, nw)) } // sat32
                mstore(ptr, or(and(w, keep), shl(224, nw)))
            }
        }
    }

    /// w := Fixed.satSub(w, Fixed.sat32(delta)) for the int32 at byte offset off
    function satSubAt(bytes memory st, uint256 off, int256 delta) private pure {
        st.setI32(off, Fixed.sat32(st.i32(off) - Fixed.sat32(delta)));
    }

    /// Net.policyOutputs: each direction's logit minus stay's (saturating), then the attack and block flags
    function policyOutputs(int256[7] memory out) internal pure returns (int256[6] memory o) {
        for (uint256 d = 0; d < 4; d++) o[d] = Fixed.sat32(out[d] - out[4]);
        o[4] = out[5] > 0 ? int256(1) : int256(0);
        o[5] = out[6] > 0 ? int256(1) : int256(0);
    }
}

/// engine-kernel/InputEncoder
library InputEncoder {
    using F for uint256;

    uint256 internal constant HAZARD_NEIGHBOURS = 49;
    uint256 internal constant DX_ONE_HOT = 53;
    uint256 internal constant DY_ONE_HOT = 70;
    uint256 internal constant SIGNS = 87;
    uint256 internal constant CLOSER_STEPS = 91;
    uint256 internal constant ADJACENT = 95;
    uint256 internal constant WITHIN_TWO = 96;
    uint256 internal constant SELF_STATS = 97;
    uint256 internal constant ENEMY_STATS = 102;
    uint256 internal constant SELF_LEVELS = 107;
    uint256 internal constant ENEMY_LEVELS = 130;
    uint256 internal constant SELF_LAST_ACTION = 153;
    uint256 internal constant ENEMY_LAST_ACTION = 158;
    uint256 internal constant SELF_STAMINA_LEVELS = 163;
    uint256 internal constant ENEMY_STAMINA_LEVELS = 171;
    uint256 internal constant OPEN_STEPS = 179;
    uint256 internal constant DAMAGE = 183;
    uint256 internal constant TRADES = 185;
    uint256 internal constant PATH_STEPS = 189;
    uint256 internal constant TURN = 193;
    uint256 internal constant OUTSIDE_ZONE = 194;
    uint256 internal constant SAFE_STEPS = 196;
    int256 internal constant ONE = 65536;

    /// InputEncoder.encode
    function encode(Board memory b, Season memory s, int256[200] memory x) internal pure {
        unchecked { // small values only (coordinates, stats, turn): nothing here can overflow
            Arena memory ar = b.arena;
            uint256 self = b.self;
            uint256 enemy = b.enemy;
            assembly { calldatacopy(x, calldatasize(), 6400) } // x = 0 (calldatacopy past the end writes zeros)
            wallView(ar, self.x(), self.y(), x);
            int256 dx = enemy.x() - self.x();
            int256 dy = enemy.y() - self.y();
            int256 manhattan = K.abs(dx) + K.abs(dy);
            for (uint256 d = 0; d < 4; d++) {
                int256 nx = self.x() + K.dx(d);
                int256 ny = self.y() + K.dy(d);
                if (ArenaLib.tile(ar, nx, ny) == K.HAZARD) x[HAZARD_NEIGHBOURS + d] = ONE;
                if (K.abs(enemy.x() - nx) + K.abs(enemy.y() - ny) < manhattan) x[CLOSER_STEPS + d] = ONE;
                if (Rules.isOpenStep(ar, self, enemy, d)) x[OPEN_STEPS + d] = ONE;
            }
            x[DX_ONE_HOT + uint256(clamp8(dx) + 8)] = ONE;
            x[DY_ONE_HOT + uint256(clamp8(dy) + 8)] = ONE;
            if (dx > 0) x[SIGNS] = ONE;
            if (dx < 0) x[SIGNS + 1] = ONE;
            if (dy > 0) x[SIGNS + 2] = ONE;
            if (dy < 0) x[SIGNS + 3] = ONE;
            if (manhattan == 1) x[ADJACENT] = ONE;
            if (manhattan <= 2) x[WITHIN_TWO] = ONE;
            stats(self, s, x, SELF_STATS);
            stats(enemy, s, x, ENEMY_STATS);
            levels(self, x, SELF_LEVELS);
            levels(enemy, x, ENEMY_LEVELS);
            x[SELF_LAST_ACTION + min(self.lastAction(), 4)] = ONE;
            x[ENEMY_LAST_ACTION + min(enemy.lastAction(), 4)] = ONE;
            x[SELF_STAMINA_LEVELS + min(Rules.staminaAtCommit(self, s), 7)] = ONE;
            x[ENEMY_STAMINA_LEVELS + min(Rules.staminaAtCommit(enemy, s), 7)] = ONE;
            uint256 dealt = Rules.damage(Rules.effectiveMaxPower(self, s), false, enemy, s);
            uint256 taken = Rules.damage(Rules.effectiveMaxPower(enemy, s), false, self, s);
            x[DAMAGE] = fraction(dealt, s.maxPower);
            x[DAMAGE + 1] = fraction(taken, s.maxPower);
            if (dealt >= taken) x[TRADES] = ONE;
            if (dealt >= enemy.hp()) x[TRADES + 1] = ONE;
            if (taken >= self.hp()) x[TRADES + 2] = ONE;
            if (self.hp() > enemy.hp()) x[TRADES + 3] = ONE;
            pathSteps(ar, self, enemy, x);
            x[TURN] = fraction(min(b.turn, s.maxTurns), s.maxTurns);
            int256 radius = Rules.safeRadius(b.turn, ar, s);
            if (Rules.outsideSafeZone(self, radius, ar)) x[OUTSIDE_ZONE] = ONE;
            if (Rules.outsideSafeZone(enemy, radius, ar)) x[OUTSIDE_ZONE + 1] = ONE;
            for (uint256 d = 0; d < 4; d++) {
                if (Rules.isOpenStep(ar, self, enemy, d)
                    && !Rules.outsideSafeZone(self.atCell(self.x() + K.dx(d), self.y() + K.dy(d)), radius, ar)) x[SAFE_STEPS + d] = ONE;
            }
        }
    }

    /// InputEncoder.encode's 7 x 7 wall view around (sx, sy): x[(oy + 3) * 7 + ox + 3] = ONE where the tile is WALL
    /// or off the grid (ArenaLib.tile), in Yul.
    function wallView(Arena memory ar, int256 sx, int256 sy, int256[200] memory x) private pure {
        bytes memory tiles = ar.tiles;
        uint256 w = ar.width;
        uint256 h = ar.height;
        assembly {
            let t := add(tiles, 32)
            for { let oy := 0 } lt(oy, 7) { oy := add(oy, 1) } {
                let yy := add(sy, sub(oy, 3))
                let rowOff := or(slt(yy, 0), iszero(slt(yy, h)))
                for { let ox := 0 } lt(ox, 7) { ox := add(ox, 1) } {
                    let xx := add(sx, sub(ox, 3))
                    let wall := 1
                    if iszero(or(rowOff, or(slt(xx, 0), iszero(slt(xx, w))))) { wall := eq(byte(0, mload(add(t, add(mul(yy, w), xx)))), 1) }
                    if wall { mstore(add(x, shl(5, add(mul(oy, 7), ox))), 65536) }
                }
            }
        }
    }

    /// InputEncoder.pathSteps (the distances from PathFinder.distancesAt: the same values as distancesTo's)
    function pathSteps(Arena memory ar, uint256 self, uint256 enemy, int256[200] memory x) private pure {
        uint256[5] memory cells = PathFinder.cellAndNeighbours(ar, self.x(), self.y());
        int256[5] memory dist = PathFinder.distancesAt(ar, enemy.x(), enemy.y(), cells);
        int256 here = dist[0];
        if (here == PathFinder.UNREACHABLE) return;
        for (uint256 d = 0; d < 4; d++) {
            if (cells[1 + d] == PathFinder.NO_CELL) continue; // not passable
            int256 there = dist[1 + d];
            if (there != PathFinder.UNREACHABLE && there < here) x[PATH_STEPS + d] = ONE;
        }
    }

    /// InputEncoder.levels
    function levels(uint256 f, int256[200] memory x, uint256 base) private pure {
        x[base + min(f.attack(), 15)] = ONE;
        x[base + 16 + min(f.tempDef() / 16, 6)] = ONE;
    }

    /// InputEncoder.stats
    function stats(uint256 f, Season memory s, int256[200] memory x, uint256 base) private pure {
        x[base] = fraction(f.hp(), s.maxHp);
        x[base + 1] = fraction(f.stamina(), s.maxStamina);
        x[base + 2] = fraction(f.attack(), s.maxPower);
        x[base + 3] = fraction(min(f.defense(), 64), 64);
        x[base + 4] = fraction(f.tempDef(), s.blockCap);
    }

    /// InputEncoder.fraction: floor(v * 65536 / max), 0 when max is 0, at most Integer.MAX_VALUE
    function fraction(uint256 v, uint256 max) internal pure returns (int256) {
        if (max == 0) return 0;
        uint256 q = (v << 16) / max;
        return q > uint256(uint32(type(int32).max)) ? type(int32).max : int256(q);
    }

    function min(uint256 a, uint256 b) private pure returns (uint256) { return a < b ? a : b; }
    function clamp8(int256 v) private pure returns (int256) { return v < -8 ? int256(-8) : (v > 8 ? int256(8) : v); }
}

/// engine-kernel/Energy and NetShape.activeParams
library Energy {
    uint256 internal constant SLAB_PARAMS = 64 * 208 + 7;

    /// Energy.stepCost
    function stepCost(uint256 activeMask, uint256 baseStepCost) internal pure returns (uint256) {
        uint256 m = activeMask & 0xFF;
        uint256 c = 0;
        while (m != 0) { c += m & 1; m >>= 1; }
        return baseStepCost * (c * 8 * 208 + 7) / SLAB_PARAMS;
    }
}

/// combat/Board's canonical bytes: u8 w, u8 h, tiles, Fighter self (9 B), Fighter enemy (9 B), u16 turn.
library BoardCodec {
    /// Board.toBytes
    function encode(Board memory b) internal pure returns (bytes memory) {
        return abi.encodePacked(uint8(b.arena.width), uint8(b.arena.height), b.arena.tiles, uint72(b.self), uint72(b.enemy), uint16(b.turn));
    }

    /// Board.decode (reverts BoardMalformed on a wrong length or an unknown tile code)
    function decode(bytes memory data) internal pure returns (Board memory b) {
        if (data.length < 2) revert BoardMalformed();
        uint256 w = uint8(data[0]);
        uint256 h = uint8(data[1]);
        if (w == 0 || h == 0 || data.length != 2 + w * h + 20) revert BoardMalformed();
        bytes memory t = new bytes(w * h);
        bool bad;
        assembly {
            let src := add(data, 34)
            let dst := add(t, 32)
            let n := mload(t)
            mcopy(dst, src, n)
            // a tile code above HAZARD (2) has a bit of 0xFC set or is 3 (bits 0 and 1): 32 tiles a word, the last word
            // masked to its tiles
            let fc := 0xfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfc
            let lsb := 0x0101010101010101010101010101010101010101010101010101010101010101
            let full := and(n, not(31))
            for { let i := 0 } lt(i, full) { i := add(i, 32) } {
                let v := mload(add(dst, i))
                bad := or(bad, or(and(v, fc), and(and(v, shr(1, v)), lsb)))
            }
            if and(n, 31) {
                let tail := shl(3, sub(32, and(n, 31)))
                let v := and(mload(add(dst, full)), shl(tail, shr(tail, not(0))))
                bad := or(bad, or(and(v, fc), and(and(v, shr(1, v)), lsb)))
            }
            bad := iszero(iszero(bad))
        }
        if (bad) revert BoardMalformed();
        b.arena = Arena(w, h, t);
        uint256 o = 2 + w * h;
        b.self = StateBytes.uN(data, o, 9);
        b.enemy = StateBytes.uN(data, o + 9, 9);
        b.turn = StateBytes.uN(data, o + 18, 2);
    }
}

/// combat/SeasonConstants.decode (range checks: SeasonConstants' constructor)
library SeasonCodec {
    function decode(bytes memory data, uint256 off) internal pure returns (Season memory s) {
        uint256[21] memory v;
        for (uint256 i = 0; i < 21; i++) v[i] = StateBytes.uN(data, off + 2 * i, 2);
        s = Season(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15],
                   v[16], v[17], v[18], v[19], v[20]);
    }

    function check(Season memory s) internal pure {
        uint256[21] memory lo = [uint256(3), 3, 0, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 1, 0];
        uint256[21] memory hi = [uint256(32), 32, 200, s.wallPer256 <= 255 ? 255 - s.wallPer256 : 0, 65535, 255, 255, 255, s.maxStamina, 255, 255, 4096, 255,
                                 256, 16, 65535, 64, 255, 65535, 255, 255];
        uint256[21] memory v = [s.arenaWidth, s.arenaHeight, s.wallPer256, s.hazardPer256, s.maxHp, s.maxStamina,
            s.actionStaminaCost, s.hazardStaminaCost, s.recoverStamina, s.blockBonus, s.blockCap, s.damageScale, s.maxPower,
            s.critPer256, s.critMultiplier, s.maxTurns, s.blockThreatScale, s.disengageStaminaCost, s.closingTurn,
            s.closingInterval, s.closingDamage];
        for (uint256 i = 0; i < 21; i++) if (v[i] < lo[i] || v[i] > hi[i]) revert SeasonConstantOutOfRange(uint8(i), v[i]);
    }
}
