// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import "./KernelTypes.sol";
import "./Combat.sol";
import "./Kernel.sol";

/// The net's part of a micro-step as its own contract (code size): InputEncoder.encode, Net.forward, and for training
/// Net.lossAndGradient and Net.backwardAndUpdate. The state is the canonical BeastState bytes; the board the
/// canonical Board bytes; season the 42 canonical SeasonConstants bytes.
contract StepNet {
    /// Self-play's side A (Sampler.selfPlay): encode, forward, Net.policyOutputs.
    function policy(bytes calldata board, bytes calldata season, bytes calldata state) external pure returns (int256[6] memory) {
        Net.Scratch memory t;
        InputEncoder.encode(BoardCodec.decode(board), SeasonCodec.decode(season, 0), t.x);
        uint256 src;
        assembly { src := state.offset }
        Net.forward(src, t); // the weights straight from calldata
        return Net.policyOutputs(t.out);
    }

    /// MicroStep.run from "encode" to "backward and update": returns the updated state bytes (the header untouched)
    /// and the step's losses (Net.Losses: move, power, block; total = satAdd of the three).
    function train(bytes calldata board, bytes calldata season, bytes calldata state, uint256[4] calldata label, uint256 heads)
        external pure returns (bytes memory post, int256[3] memory losses)
    {
        Net.Scratch memory t;
        post = state;
        InputEncoder.encode(BoardCodec.decode(board), SeasonCodec.decode(season, 0), t.x);
        uint256 src;
        assembly { src := state.offset }
        Net.forward(src, t); // the pre-update weights, read from calldata
        (losses[0], losses[1], losses[2]) = Net.lossAndGradient(t, Label(label[0], label[1], label[2], label[3]), heads);
        Net.backwardAndUpdate(post, t);
    }
}
