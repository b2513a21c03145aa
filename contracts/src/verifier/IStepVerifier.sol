// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

interface IStepVerifier {
    /// Re-executes micro-step k (0..127) of one window and returns (D_k, D_{k+1}).
    /// preState: canonical BeastState bytes after k steps; ctx: canonical WindowContext bytes;
    /// lineage, loss, energy: the window's running values after k steps;
    /// witness: what the sample draw needs beyond state and context (a private record or real-battle
    /// pool entry with its Merkle path, ...); empty when the step's source needs none.
    /// Reverts with a named custom error on malformed input.
    function step(uint8 k, bytes calldata preState, bytes calldata ctx, bytes32 lineage, int64 loss,
                  int64 energy, bytes calldata witness) external view returns (bytes32 preDigest, bytes32 postDigest);
}
