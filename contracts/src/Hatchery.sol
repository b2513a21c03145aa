// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// engine-kernel Hatchery on chain: seed_core deterministically gives the initial BeastState (SPEC.md "Hatching"), so
/// the dispute game can anchor D_0 of window 0 on it (the state window 0 starts from). Java's names and order:
/// one SplitMix64 stream seeded with seedCore ^ HATCH_DOMAIN draws, in order, every w1 entry (row-major, uniform in
/// +-W1_LIMIT) and then the w2 entries of the units live at hatch (row-major over [k][j], uniform in +-W2_LIMIT);
/// dormant units' w2 and all biases are 0. uniform(r, limit) = remUnsigned(r.next(), 2 limit + 1) - limit.
/// The canonical encoding (BeastState.toBytes) is built in memory and hashed: ~1.1M gas, paid only by a step-0 proof
/// on window 0 (spec/contracts.md "Window 0").
library Hatchery {
    uint64 internal constant HATCH_DOMAIN = 0x4841544348000000; // "HATCH"
    uint256 internal constant W1_LIMIT = 8026;
    uint256 internal constant W2_LIMIT = 14189;
    // NetShape: N_IN 200, HIDDEN 64, N_OUT 7, 8 slots of 8 units; HATCH_MASK 0x0F (units 0..31 live)
    uint256 internal constant N_IN = 200;
    uint256 internal constant HIDDEN = 64;
    uint256 internal constant N_OUT = 7;
    uint32 internal constant HATCH_MASK = 0x0F;
    uint256 internal constant HATCH_LIVE_UNITS = 32;
    /// BeastState.HEADER_SIZE and ENCODED_SIZE (kernel v2).
    uint256 internal constant HEADER_SIZE = 41;
    uint256 internal constant ENCODED_SIZE = 53317;

    /// Keccak-256 of BeastState.toBytes() of Hatchery.hatch(seedCore): BeastState.hash().
    function stateHash(uint64 seedCore) internal pure returns (bytes32 h) {
        bytes memory s = hatch(seedCore);
        assembly { h := keccak256(add(s, 32), mload(s)) }
    }

    /// BeastState.toBytes() of Hatchery.hatch(seedCore): "CBST" 2 200 64 7 | seedCore | globalStep 0 | activeMask 0x0F |
    /// lrShift 0 | energyTotal 0 | prevWindowLoss 0 | w1 | b1 (0) | w2 | b2 (0), big-endian.
    function hatch(uint64 seedCore) internal pure returns (bytes memory s) {
        s = new bytes(ENCODED_SIZE); // zeroed: biases, dormant w2 and the zero header fields need no writes
        uint256 gamma = 0x9E3779B97F4A7C15;
        uint256 m1 = 0xBF58476D1CE4E5B9;
        uint256 m2 = 0x94D049BB133111EB;
        uint256 mask64 = 0xFFFFFFFFFFFFFFFF;
        assembly {
            let p := add(s, 32)
            // header bytes 0..31: "CBST" 2 200 64 7 | seedCore (8..15) | globalStep 0 (16..19) | activeMask 0x0F (20..23) |
            // lrShift, energyTotal, prevWindowLoss 0
            mstore(p, or(shl(128, or(shl(64, 0x4342535402C84007), seedCore)), shl(64, 0x0F)))
            let state := xor(seedCore, 0x4841544348000000) // HATCH_DOMAIN
            // w1: HIDDEN x N_IN entries from byte 41, each an i32 (big-endian two's complement)
            let n1 := add(mul(2, 8026), 1)
            let out := add(p, 41)
            for { let i := 0 } lt(i, 12800) { i := add(i, 1) } {
                state := and(add(state, gamma), mask64)
                let z := state
                z := and(mul(xor(z, shr(30, z)), m1), mask64)
                z := and(mul(xor(z, shr(27, z)), m2), mask64)
                z := xor(z, shr(31, z))
                let v := and(sub(mod(z, n1), 8026), 0xFFFFFFFF)
                // write 4 bytes big-endian: read-modify-write the word that starts at out
                let w := mload(out)
                mstore(out, or(and(w, 0x00000000FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF), shl(224, v)))
                out := add(out, 4)
            }
            // b1: HIDDEN zero entries; w2 [k][j] from byte 41 + 4 (12800 + 64), drawn for live units j < 32
            let n2 := add(mul(2, 14189), 1)
            let w2 := add(p, add(41, mul(4, 12864)))
            for { let k := 0 } lt(k, 7) { k := add(k, 1) } {
                for { let j := 0 } lt(j, 32) { j := add(j, 1) } {
                    state := and(add(state, gamma), mask64)
                    let z := state
                    z := and(mul(xor(z, shr(30, z)), m1), mask64)
                    z := and(mul(xor(z, shr(27, z)), m2), mask64)
                    z := xor(z, shr(31, z))
                    let v := and(sub(mod(z, n2), 14189), 0xFFFFFFFF)
                    let at := add(w2, mul(4, add(mul(k, 64), j)))
                    let w := mload(at)
                    mstore(at, or(and(w, 0x00000000FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF), shl(224, v)))
                }
            }
        }
    }
}
