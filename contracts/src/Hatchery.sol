// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// engine-kernel Hatchery on chain: seed_core deterministically gives the initial BeastState (SPEC.md "Hatching"), so
/// the dispute game can anchor D_0 of window 0 on it (the state window 0 starts from). Java's names and order:
/// one SplitMix64 stream seeded with seedCore ^ HATCH_DOMAIN draws, in order, every w1 entry (row-major, uniform in
/// +-W1_LIMIT) and then the w2 entries of the units live at hatch (row-major over [k][j], uniform in +-W2_LIMIT);
/// dormant units' w2 and all biases are 0. uniform(r, limit) = remUnsigned(r.next(), 2 limit + 1) - limit.
/// state builds the canonical encoding (BeastState.toBytes) in memory, eight i32 entries per word (two SplitMix64
/// draws a round), and stateHash hashes it: paid only by a step-0 proof on window 0 (spec/contracts.md "Window 0").
library Hatchery {
    uint64 internal constant HATCH_DOMAIN = 0x4841544348000000; // "HATCH"
    int256 internal constant W1_LIMIT = 8026;  // floor(65536 sqrt(3 / N_IN))
    int256 internal constant W2_LIMIT = 14189; // floor(65536 sqrt(3 / HIDDEN))
    // NetShape (kernel v2): N_IN 200, HIDDEN 64, N_OUT 7, 8 slots of 8 units; HATCH_MASK 0x0F: units 0..31 live.
    uint256 internal constant N_IN = 200;
    uint256 internal constant HIDDEN = 64;
    uint256 internal constant N_OUT = 7;
    uint32 internal constant HATCH_MASK = 0x0F;
    /// BeastState.HEADER_SIZE and ENCODED_SIZE.
    uint256 internal constant HEADER_SIZE = 41;
    uint256 internal constant ENCODED_SIZE = 53317;

    /// Keccak-256 of BeastState.toBytes() of Hatchery.hatch(seedCore), i.e. BeastState.hash().
    function stateHash(uint64 seedCore) internal pure returns (bytes32 h) {
        bytes memory s = state(seedCore);
        assembly { h := keccak256(add(s, 32), mload(s)) }
    }

    /// BeastState.toBytes() of Hatchery.hatch(seedCore), built in memory (no calldata: a step-0 proof of window 0 runs
    /// on it, spec/contracts.md "Window 0"):
    ///   "CBST" u8 2 u8 200 u8 64 u8 7 | u64 seedCore | u32 globalStep 0 | u32 activeMask 0x0F | u8 lrShift 0 |
    ///   u64 energyTotal 0 | i64 prevWindowLoss 0 | i32 w1[64][200] | i32 b1[64] (0) | i32 w2[7][64] | i32 b2[7] (0).
    /// The bytes object sits 23 bytes past the free memory pointer so that w1 (state byte 41) starts word-aligned and
    /// each word takes eight entries; the draws are unrolled eight a word, two at a time (SplitMix64.next in two lanes
    /// of one word, then each uniform's remainder), every intermediate masked to 64 bits as Java's long arithmetic wraps.
    function state(uint64 seedCore) internal pure returns (bytes memory s) {
        assembly {
            let base := mload(0x40)
            s := add(base, 23)
            mstore(s, 53317)
            let p := add(s, 32) // the state's first byte; w1 starts at p + 41 = base + 96
            mstore(p, or(shl(128, or(shl(64, 0x4342535402C84007), seedCore)), shl(64, 0x0F)))
            mstore(add(p, 32), 0) // header bytes 32..40 (the rest of prevWindowLoss)
            let m64 := 0xFFFFFFFFFFFFFFFF
            // Two SplitMix64 draws at a time: lane A (bits 0..63) and lane B (bits 128..191) of one word hold the states
            // of draws n and n + 1; each round adds 2 GAMMA to both. The 64-bit lanes are 128 bits apart, so a lane's
            // product with a 64-bit constant (< 2^128) never reaches the other lane, and masking to the lanes (m2)
            // after every shift-xor and product keeps each lane exactly Java's wrapping long arithmetic.
            let m2 := 0x0000000000000000FFFFFFFFFFFFFFFF0000000000000000FFFFFFFFFFFFFFFF
            let x := xor(seedCore, 0x4841544348000000) // SplitMix64(seedCore ^ HATCH_DOMAIN)
            let x2 := or(and(sub(x, 0x9E3779B97F4A7C15), m64), shl(128, x)) // lanes: state - GAMMA, state
            // 2 GAMMA in both lanes, read back from scratch memory so that it stays on the stack (the optimizer would
            // otherwise copy the 256-bit literal from code for every round)
            mstore(0, 0x3c6ef372fe94f82a00000000000000003c6ef372fe94f82a)
            let k2 := mload(0)
            let z := 0
            let out := add(base, 96)
            // w1: HIDDEN x N_IN = 12,800 entries, uniform in +-8026 (remainder by 16,053)
            for { let end := add(out, 51200) } lt(out, end) { out := add(out, 32) } {
                let word := 0
                x2 := and(add(x2, k2), m2)
                z := and(mul(and(xor(x2, shr(30, x2)), m2), 0xBF58476D1CE4E5B9), m2)
                z := and(mul(and(xor(z, shr(27, z)), m2), 0x94D049BB133111EB), m2)
                z := xor(z, shr(31, z))
                word := or(shl(64, word), or(shl(32, and(sub(mod(and(z, m64), 16053), 8026), 0xFFFFFFFF)), and(sub(mod(shr(128, z), 16053), 8026), 0xFFFFFFFF)))
                x2 := and(add(x2, k2), m2)
                z := and(mul(and(xor(x2, shr(30, x2)), m2), 0xBF58476D1CE4E5B9), m2)
                z := and(mul(and(xor(z, shr(27, z)), m2), 0x94D049BB133111EB), m2)
                z := xor(z, shr(31, z))
                word := or(shl(64, word), or(shl(32, and(sub(mod(and(z, m64), 16053), 8026), 0xFFFFFFFF)), and(sub(mod(shr(128, z), 16053), 8026), 0xFFFFFFFF)))
                x2 := and(add(x2, k2), m2)
                z := and(mul(and(xor(x2, shr(30, x2)), m2), 0xBF58476D1CE4E5B9), m2)
                z := and(mul(and(xor(z, shr(27, z)), m2), 0x94D049BB133111EB), m2)
                z := xor(z, shr(31, z))
                word := or(shl(64, word), or(shl(32, and(sub(mod(and(z, m64), 16053), 8026), 0xFFFFFFFF)), and(sub(mod(shr(128, z), 16053), 8026), 0xFFFFFFFF)))
                x2 := and(add(x2, k2), m2)
                z := and(mul(and(xor(x2, shr(30, x2)), m2), 0xBF58476D1CE4E5B9), m2)
                z := and(mul(and(xor(z, shr(27, z)), m2), 0x94D049BB133111EB), m2)
                z := xor(z, shr(31, z))
                word := or(shl(64, word), or(shl(32, and(sub(mod(and(z, m64), 16053), 8026), 0xFFFFFFFF)), and(sub(mod(shr(128, z), 16053), 8026), 0xFFFFFFFF)))
                mstore(out, word)
            }
            // b1: 64 zero entries (8 words)
            for { let end := add(out, 256) } lt(out, end) { out := add(out, 32) } { mstore(out, 0) }
            // w2[k][j]: each row of 64 entries is 8 words; units 0..31 (the first 4 words) live, uniform in +-14189
            for { let w := 0 } lt(w, 28) { w := add(w, 1) } {
                let word := 0
                x2 := and(add(x2, k2), m2)
                z := and(mul(and(xor(x2, shr(30, x2)), m2), 0xBF58476D1CE4E5B9), m2)
                z := and(mul(and(xor(z, shr(27, z)), m2), 0x94D049BB133111EB), m2)
                z := xor(z, shr(31, z))
                word := or(shl(64, word), or(shl(32, and(sub(mod(and(z, m64), 28379), 14189), 0xFFFFFFFF)), and(sub(mod(shr(128, z), 28379), 14189), 0xFFFFFFFF)))
                x2 := and(add(x2, k2), m2)
                z := and(mul(and(xor(x2, shr(30, x2)), m2), 0xBF58476D1CE4E5B9), m2)
                z := and(mul(and(xor(z, shr(27, z)), m2), 0x94D049BB133111EB), m2)
                z := xor(z, shr(31, z))
                word := or(shl(64, word), or(shl(32, and(sub(mod(and(z, m64), 28379), 14189), 0xFFFFFFFF)), and(sub(mod(shr(128, z), 28379), 14189), 0xFFFFFFFF)))
                x2 := and(add(x2, k2), m2)
                z := and(mul(and(xor(x2, shr(30, x2)), m2), 0xBF58476D1CE4E5B9), m2)
                z := and(mul(and(xor(z, shr(27, z)), m2), 0x94D049BB133111EB), m2)
                z := xor(z, shr(31, z))
                word := or(shl(64, word), or(shl(32, and(sub(mod(and(z, m64), 28379), 14189), 0xFFFFFFFF)), and(sub(mod(shr(128, z), 28379), 14189), 0xFFFFFFFF)))
                x2 := and(add(x2, k2), m2)
                z := and(mul(and(xor(x2, shr(30, x2)), m2), 0xBF58476D1CE4E5B9), m2)
                z := and(mul(and(xor(z, shr(27, z)), m2), 0x94D049BB133111EB), m2)
                z := xor(z, shr(31, z))
                word := or(shl(64, word), or(shl(32, and(sub(mod(and(z, m64), 28379), 14189), 0xFFFFFFFF)), and(sub(mod(shr(128, z), 28379), 14189), 0xFFFFFFFF)))
                mstore(out, word)
                out := add(out, 32)
                if eq(and(w, 3), 3) { // the row's dormant half: units 32..63
                    mstore(out, 0)
                    mstore(add(out, 32), 0)
                    mstore(add(out, 64), 0)
                    mstore(add(out, 96), 0)
                    out := add(out, 128)
                }
            }
            mstore(out, 0) // b2: 7 zero entries (28 bytes)
            mstore(0x40, add(out, 32))
        }
    }
}
