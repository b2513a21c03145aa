// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// Checkpoint payload v1 (spec/checkpoint-payload.md): 179 bytes, abi.encodePacked of
/// uint8 version | uint64 chainId | address ledger | uint256 beastId | uint32 windowIndex |
/// bytes32 prevCheckpointHash | uint32 globalStep | uint64 energyBurn | uint32 activeMask |
/// uint8 lrShift | bytes32 h128 | bytes32 lineageHash | uint8 lossDrop.
library PayloadLib {
    uint256 internal constant LENGTH = 179;

    error BadPayloadLength(uint256 length);
    error BadVersion(uint8 version);
    error BadLrShift(uint8 lrShift);
    error BadLossDrop(uint8 lossDrop);
    error BadPrevCheckpointHash(uint32 windowIndex, bytes32 prevCheckpointHash);

    struct Payload {
        uint8 version;
        uint64 chainId;
        address ledger;
        uint256 beastId;
        uint32 windowIndex;
        bytes32 prevCheckpointHash;
        uint32 globalStep;
        uint64 energyBurn;
        uint32 activeMask;
        uint8 lrShift;
        bytes32 h128;
        bytes32 lineageHash;
        uint8 lossDrop;
    }

    /// Reads big-endian fields straight out of calldata and validates them like the Java decoder.
    function parse(bytes calldata b) internal pure returns (Payload memory p) {
        if (b.length != LENGTH) revert BadPayloadLength(b.length);
        uint256 w0;
        uint256 w1;
        uint256 w2;
        uint256 w3;
        uint256 w4;
        uint256 w5;
        assembly {
            w0 := calldataload(b.offset)            // bytes 0..31
            w1 := calldataload(add(b.offset, 29))   // beastId
            w2 := calldataload(add(b.offset, 61))   // windowIndex(4) prev(28..)
            w3 := calldataload(add(b.offset, 65))   // prev
            w4 := calldataload(add(b.offset, 97))   // globalStep(4) energyBurn(8) activeMask(4) lrShift(1) h128...
            w5 := calldataload(add(b.offset, 146))  // lineageHash
        }
        p.version = uint8(w0 >> 248);
        p.chainId = uint64(w0 >> 184);
        p.ledger = address(uint160(w0 >> 24));
        p.beastId = w1;
        p.windowIndex = uint32(w2 >> 224);
        p.prevCheckpointHash = bytes32(w3);
        p.globalStep = uint32(w4 >> 224);
        p.energyBurn = uint64(w4 >> 160);
        p.activeMask = uint32(w4 >> 128);
        p.lrShift = uint8(w4 >> 120);
        p.h128 = bytes32(b[114:146]);
        p.lineageHash = bytes32(w5);
        p.lossDrop = uint8(b[178]);
        check(p);
    }

    function check(Payload memory p) internal pure {
        if (p.version != 1) revert BadVersion(p.version);
        if (p.lrShift > 31) revert BadLrShift(p.lrShift);
        if (p.lossDrop > 1) revert BadLossDrop(p.lossDrop);
        if ((p.windowIndex == 0) != (p.prevCheckpointHash == bytes32(0))) {
            revert BadPrevCheckpointHash(p.windowIndex, p.prevCheckpointHash);
        }
    }

    /// abi.encodePacked of the typed fields (two halves, to keep the stack shallow).
    function encode(Payload memory p) internal pure returns (bytes memory) {
        bytes memory a = abi.encodePacked(p.version, p.chainId, p.ledger, p.beastId, p.windowIndex, p.prevCheckpointHash);
        bytes memory c = abi.encodePacked(p.globalStep, p.energyBurn, p.activeMask, p.lrShift, p.h128, p.lineageHash, p.lossDrop);
        return bytes.concat(a, c);
    }

    function hash(Payload memory p) internal pure returns (bytes32) {
        return keccak256(encode(p));
    }

    /// uint32 serial-number arithmetic: next is strictly after prev when (next - prev) mod 2^32 is in 1..2^31-1.
    function stepAdvances(uint32 prev, uint32 next) internal pure returns (bool) {
        unchecked {
            uint32 d = next - prev;
            return d != 0 && d < 0x80000000;
        }
    }
}
