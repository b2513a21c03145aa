// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import "./IStepVerifier.sol";
import "./KernelTypes.sol";
import "./Combat.sol";
import "./Kernel.sol";
import "./Sampler.sol";
import "./Teacher.sol";
import "./StepNet.sol";

/// The one-step verifier (issue 12 item 3; docs dk.md): the third twin of kernel v2. It re-executes micro-step k of a
/// window from the pre-state bytes and the window context, in Window.run's and MicroStep.run's order, and returns the
/// step digests D_k and D_{k+1}:
///   D_k = keccak256("CBD2" || u8 k || stateHash_k || lineage_k || i64 loss_k || i64 energy_k || contextHash).
/// The work is split across StepSampler (sample draw), StepTeacher (labels) and StepNet (encode, forward, losses,
/// backward and update) to stay under the 24 KB code limit. A private window's witness starts with S_owner || R_dataset
/// (spec/datasets.md 6a); a private step's record follows (StepSampler.drawPrivate), else the source's own witness.
contract StepVerifier is IStepVerifier {
    uint256 internal constant CTX_SIZE = 214;
    uint256 internal constant GROWTH_STEP = 64;
    uint8 internal constant PRIVATE = 3;

    StepSampler public immutable sampler;
    StepTeacher public immutable teacher;
    StepNet public immutable net;

    constructor(StepSampler sampler_, StepTeacher teacher_, StepNet net_) {
        sampler = sampler_;
        teacher = teacher_;
        net = net_;
    }

    /// What one step did (StepRecord's parts the digest and the debug view need).
    struct Post {
        bytes state;        // the post-state bytes: the debug view's only (stepPost), empty for step()
        bytes32 stateHash;  // keccak256 of the post-state bytes
        bytes32 lineage;
        int64 loss;
        int64 energy;
        uint8 source;
        bytes board;
        uint256[4] label;
        int256[3] losses;
        bytes32 preDigest;
        bytes32 postDigest;
    }

    /// The running values of Window.run after k steps.
    struct Running { uint8 k; bytes32 lineage; int64 loss; int64 energy; }

    /// IStepVerifier.step
    function step(uint8 k, bytes calldata preState, bytes calldata ctx, bytes32 lineage, int64 loss, int64 energy,
                  bytes calldata witness) external view returns (bytes32 preDigest, bytes32 postDigest) {
        Post memory p = run(Running(k, lineage, loss, energy), preState, ctx, witness, false);
        return (p.preDigest, p.postDigest);
    }

    /// The debug view of step(), for byte-level diffs: packed, postState (53,317 B) || lineage || i64 loss || i64 energy
    /// || u8 source || u8 move, power, block, weightShift || i32 losses move, power, block || preDigest || postDigest
    /// || the board's canonical bytes.
    function stepPost(uint8 k, bytes calldata preState, bytes calldata ctx, bytes32 lineage, int64 loss, int64 energy,
                      bytes calldata witness) external view returns (bytes memory) {
        Post memory p = run(Running(k, lineage, loss, energy), preState, ctx, witness, true);
        return bytes.concat(
            abi.encodePacked(p.state, p.lineage, p.loss, p.energy, p.source),
            abi.encodePacked(uint8(p.label[0]), uint8(p.label[1]), uint8(p.label[2]), uint8(p.label[3])),
            abi.encodePacked(int32(p.losses[0]), int32(p.losses[1]), int32(p.losses[2]), p.preDigest, p.postDigest, p.board));
    }

    /// The digest D_k of docs dk.md (checkpoint/StepDigest version 2).
    function digest(uint8 k, bytes32 stateHash, bytes32 lineage, int64 loss, int64 energy, bytes32 contextHash) public pure returns (bytes32) {
        return keccak256(abi.encodePacked(bytes4("CBD2"), k, stateHash, lineage, loss, energy, contextHash));
    }

    /// Window.run's iteration k: the growth spurt at GROWTH_STEP, MicroStep.run, then the running sums.
    function run(Running memory cur, bytes calldata preState, bytes calldata ctx, bytes calldata witness, bool withState)
        internal view returns (Post memory p)
    {
        if (cur.k >= 128) revert StepOutOfRange(cur.k);
        Context memory c = decodeContext(ctx);
        checkState(preState);
        p.preDigest = digest(cur.k, keccak256(preState), cur.lineage, cur.loss, cur.energy, c.hash);
        bytes memory st = preState;
        growth(cur, c, st);
        uint256 stepEnergy = microStep(c, st, ctx, witness, p, withState);
        unchecked {
            int256 total = Fixed.sat32(Fixed.sat32(p.losses[0] + p.losses[1]) + p.losses[2]); // Net.Losses.total
            p.loss = cur.loss + int64(total);
            p.energy = cur.energy + int64(uint64(stepEnergy));
        }
        p.lineage = keccak256(abi.encodePacked(cur.lineage, p.source, keccak256(p.board)));
        p.postDigest = digest(cur.k + 1, p.stateHash, p.lineage, p.loss, p.energy, c.hash);
    }

    /// Window.run's growth spurt: before micro-step GROWTH_STEP the requested slot wakes and growthSlotCost is charged
    /// (to the window's ENERGY and the state's energyTotal, both wrapping as Java's long). Window.run rejects a slot
    /// that is already live at the window's start.
    function growth(Running memory cur, Context memory c, bytes memory st) internal pure {
        uint256 slot = c.growthSlot;
        if (slot == 255) return;
        uint256 mask = StateBytes.activeMask(st);
        if (cur.k <= GROWTH_STEP && ((mask >> slot) & 1) != 0) revert GrowthSlotAlreadyLive(uint8(slot), uint32(mask));
        if (cur.k != GROWTH_STEP) return;
        unchecked {
            StateBytes.setUN(st, 20, 4, mask | (1 << slot));
            cur.energy += int64(uint64(c.training.growthSlotCost));
            StateBytes.setUN(st, 25, 8, uint64(StateBytes.uN(st, 25, 8)) + uint64(c.training.growthSlotCost));
        }
    }

    /// MicroStep.run: schedule, sample, labels, encode/forward/loss/backward/update, ENERGY, globalStep + 1. Returns
    /// the step's ENERGY (Energy.stepCost). The post-state's hash comes back from StepNet.train, its bytes only when
    /// withState (the debug view): the 53 kB state is not returned to a proof.
    function microStep(Context memory c, bytes memory st, bytes calldata ctx, bytes calldata witness, Post memory p, bool withState)
        internal view returns (uint256 stepEnergy)
    {
        // 1. schedule (Curriculum.epoch, lrShift, heads).
        uint32 gs = StateBytes.globalStep(st);
        uint256 epoch = uint256(gs) / c.training.stepsPerEpoch;
        StateBytes.setUN(st, 24, 1, c.training.lrShiftByEpoch[epoch < 15 ? epoch : 15]);
        uint256 heads = 1 | (epoch >= c.training.powerEpoch ? 2 : 0) | (epoch >= c.training.blockEpoch ? 4 : 0);
        // 2. sample (SampleSource.forStep, Sampler.draw).
        p.source = sourceFor(gs, c.datasetCommitment != bytes32(0));
        bool demonstrated = sample(c.datasetCommitment != bytes32(0), gs, st, ctx, witness, p);
        // 3. labels (MicroStep.teach): a private record's legal demonstration, else the teacher.
        if (!demonstrated) (p.label[0], p.label[1], p.label[2], p.label[3]) = teacher.label(p.board, ctx[5:47]);
        // 5. (before 4 here: the net's training reads neither field and leaves the header as it is) ENERGY for the
        // step; globalStep + 1 (unsigned 32-bit wrap); energyTotal wraps as Java's long.
        stepEnergy = Energy.stepCost(StateBytes.activeMask(st), c.training.baseStepCost);
        advance(st, gs, stepEnergy);
        // 4. encode, forward, loss and output gradients, backward and update.
        train(p, ctx[5:47], st, heads, withState);
    }

    /// StepNet.train of p's board and label on st: the post-state's hash, its bytes when withState, the losses.
    function train(Post memory p, bytes calldata season, bytes memory st, uint256 heads, bool withState) internal view {
        (p.state, p.stateHash, p.losses) = net.train(p.board, season, st, p.label, heads, withState);
    }

    /// MicroStep.run's last lines: energyTotal += the step's ENERGY (wrapping as Java's long), globalStep + 1 (unsigned
    /// 32-bit wrap).
    function advance(bytes memory st, uint32 gs, uint256 stepEnergy) internal pure {
        unchecked {
            StateBytes.setUN(st, 25, 8, uint64(StateBytes.uN(st, 25, 8)) + uint64(stepEnergy));
            StateBytes.setUN(st, 16, 4, uint32(gs + 1));
        }
    }

    /// Sampler.draw of p.source into p.board; a private record's legal demonstration into p.label (returns true). Every
    /// step of a private window has the witness prefix S_owner || R_dataset (the game checks both); a private step's
    /// record follows it (StepSampler.drawPrivate), else the source's own witness (a real-battle step's) or nothing.
    function sample(bool priv, uint32 gs, bytes memory st, bytes calldata ctx, bytes calldata witness, Post memory p)
        internal view returns (bool demonstrated)
    {
        if (p.source == PRIVATE) {
            (p.board, demonstrated, p.label) = sampler.drawPrivate(StateBytes.seedCore(st), gs, ctx[5:47], witness);
            return demonstrated;
        }
        if (priv && witness.length < 64) revert WitnessMalformed(witness.length);
        bytes calldata w = priv ? witness[64:] : witness;
        if (p.source != 2 && w.length != 0) revert UnexpectedWitness(w.length);
        p.board = sampler.draw(p.source, st, ctx, w);
    }

    /// SampleSource.forStep
    function sourceFor(uint32 globalStep, bool hasPrivateDataset) internal pure returns (uint8) {
        uint32 k = globalStep & 7;
        if (k == 3) return 1;
        if (k == 7) return 2;
        if (hasPrivateDataset && (k & 1) == 0) return PRIVATE;
        return 0;
    }

    /// BeastState.decode's checks (magic, version, shape, activeMask, lrShift, exact length).
    function checkState(bytes calldata st) internal pure {
        if (st.length != StateBytes.SIZE) revert StateLength(st.length, StateBytes.SIZE);
        if (bytes4(st[0:4]) != bytes4("CBST")) revert StateMagic();
        if (uint8(st[4]) != 2) revert StateVersion(uint8(st[4]));
        if (uint8(st[5]) != 200 || uint8(st[6]) != 64 || uint8(st[7]) != 7) revert StateShape(uint8(st[5]), uint8(st[6]), uint8(st[7]));
        uint32 mask = uint32(bytes4(st[20:24]));
        if (mask > 0xFF) revert StateActiveMask(mask);
        if (uint8(st[24]) > 31) revert StateLrShift(uint8(st[24]));
    }

    /// WindowContext's encoding and the constructors' checks (SeasonConstants, TrainingConstants, growthSlot).
    function decodeContext(bytes calldata ctx) internal pure returns (Context memory c) {
        if (ctx.length != CTX_SIZE) revert ContextLength(ctx.length, CTX_SIZE);
        if (bytes4(ctx[0:4]) != bytes4("CBWC")) revert ContextMagic();
        if (uint8(ctx[4]) != 2) revert ContextVersion(uint8(ctx[4]));
        bytes memory m = ctx;
        c.season = SeasonCodec.decode(m, 5);
        SeasonCodec.check(c.season);
        int32 spe = int32(uint32(bytes4(ctx[47:51])));
        if (spe < 128 || spe % 128 != 0) revert TrainingConstantOutOfRange(0, uint256(uint32(spe)));
        c.training.stepsPerEpoch = uint256(int256(spe));
        for (uint256 i = 0; i < 16; i++) {
            uint8 v = uint8(ctx[51 + i]);
            if (v > 31) revert TrainingConstantOutOfRange(1, v);
            c.training.lrShiftByEpoch[i] = v;
        }
        c.training.powerEpoch = uint8(ctx[67]);
        c.training.blockEpoch = uint8(ctx[68]);
        uint64 base = uint64(bytes8(ctx[69:77]));
        uint64 growthCost = uint64(bytes8(ctx[77:85]));
        if (base > 1 << 40) revert TrainingConstantOutOfRange(2, base);
        if (growthCost > 1 << 40) revert TrainingConstantOutOfRange(3, growthCost);
        c.training.baseStepCost = base;
        c.training.growthSlotCost = growthCost;
        c.epochSeed = bytes32(ctx[85:117]);
        c.checkpointRoot = bytes32(ctx[117:149]);
        c.datasetCommitment = bytes32(ctx[149:181]);
        c.realPoolCommitment = bytes32(ctx[181:213]);
        c.growthSlot = uint8(ctx[213]);
        if (c.growthSlot != 255 && c.growthSlot >= 8) revert GrowthSlotInvalid(uint8(c.growthSlot));
        c.hash = keccak256(ctx);
    }
}
