// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStepVerifier} from "../verifier/IStepVerifier.sol";

/// TEST FIXTURE ONLY: never deployed by the CLI's Deployment (it deploys no verifier of this kind). It stands in for
/// the real one-step verifier (contracts/src/verifier, another branch) so that the dispute game's mechanics can be
/// tested before that verifier is merged: D_k is computed here from the inputs exactly as the game and StepDigest v2
/// define it, and D_k+1 is looked up in a table the test programs with the true successors from the Java replay
/// (StepDigest.replay). Unprogrammed pre-digests revert, so a proof from a wrong pre-state can never pass.
contract ProgrammedStepVerifier is IStepVerifier {
    error UnprogrammedStep(uint8 k, bytes32 preDigest);

    mapping(bytes32 => bytes32) public next;

    function program(bytes32[] calldata pre, bytes32[] calldata post) external {
        for (uint256 i = 0; i < pre.length; i++) next[pre[i]] = post[i];
    }

    function step(uint8 k, bytes calldata preState, bytes calldata ctx, bytes32 lineage, int64 loss, int64 energy,
                  bytes calldata) external view returns (bytes32 preDigest, bytes32 postDigest) {
        preDigest = keccak256(abi.encodePacked(bytes4("CBD2"), k, keccak256(preState), lineage, loss, energy, keccak256(ctx)));
        postDigest = next[preDigest];
        if (postDigest == bytes32(0)) revert UnprogrammedStep(k, preDigest);
    }
}
