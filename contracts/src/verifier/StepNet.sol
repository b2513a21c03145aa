// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import "./KernelTypes.sol";
import "./Combat.sol";
import "./Kernel.sol";

/// The net's part of a micro-step as its own contract (code size): InputEncoder.encode, Net.forward, and for training
/// Net.lossAndGradient and Net.backwardAndUpdate. The state is the canonical BeastState bytes; the board the
/// canonical Board bytes; season the 42 canonical SeasonConstants bytes.
contract StepNet {
    /// Self-play's side A (Sampler.selfPlay): encode, forward, Net.policyOutputs, for one turn of a micro-step's arena
    /// game. The first turn (prev empty) runs the whole forward; a later turn gets the previous turn's inputs and exact
    /// hidden sums back (prev = this function's own `next` of that turn: int256 x[200] || int256 acc[64]) and adds only
    /// the inputs that changed (Net.forwardFrom: the same sums, the net being the same for every turn of a step).
    function policy(bytes calldata board, bytes calldata season, bytes calldata state, bytes calldata prev)
        external pure returns (int256[6] memory outputs, bytes memory next)
    {
        Net.Scratch memory t;
        InputEncoder.encode(BoardCodec.decode(board), SeasonCodec.decode(season, 0), t.x);
        uint256 src;
        uint256 xp;
        assembly {
            src := state.offset
            xp := prev.offset
        }
        if (prev.length == 0) Net.forward(src, t); // the weights straight from calldata
        else if (prev.length == 8448) Net.forwardFrom(src, t, xp, xp + 6400);
        else revert WitnessMalformed(prev.length);
        int256[6] memory o = Net.policyOutputs(t.out);
        int256[200] memory x = t.x;
        int256[64] memory acc = t.acc;
        assembly {
            // the ABI encoding of (outputs, next = x || acc), copied once and returned as it is
            let r := mload(0x40)
            mcopy(r, o, 192)
            mstore(add(r, 192), 224)
            mstore(add(r, 224), 8448)
            mcopy(add(r, 256), x, 6400)
            mcopy(add(r, 6656), acc, 2048)
            return(r, 8704)
        }
    }

    /// MicroStep.run from "encode" to "backward and update": the updated state's hash (the header as given) and, when
    /// withState (the verifier's debug view), its bytes; and the step's losses (Net.Losses: move, power, block; total
    /// = satAdd of the three).
    function train(bytes calldata board, bytes calldata season, bytes calldata state, uint256[4] calldata label, uint256 heads,
                   bool withState) external pure returns (bytes memory post, bytes32 postHash, int256[3] memory losses)
    {
        Net.Scratch memory t;
        post = state;
        InputEncoder.encode(BoardCodec.decode(board), SeasonCodec.decode(season, 0), t.x);
        uint256 src;
        assembly { src := state.offset }
        Net.forward(src, t); // the pre-update weights, read from calldata
        (losses[0], losses[1], losses[2]) = Net.lossAndGradient(t, Label(label[0], label[1], label[2], label[3]), heads);
        Net.backwardAndUpdate(post, t);
        postHash = keccak256(post);
        if (!withState) post = "";
    }
}
