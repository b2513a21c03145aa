// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {PayloadLib} from "./PayloadLib.sol";
import {BeastNFT} from "./BeastNFT.sol";
import {Energy} from "./Energy.sol";
import {SeasonRegistry} from "./SeasonRegistry.sol";

/// The on-chain hash chain of every beast's checkpoints. Trainers deposit ENERGY once; each
/// submitCheckpoint checks the payload's binding (chain id, this contract, beast, window index =
/// previous + 1, prevCheckpointHash = stored head, globalStep advancing), locks
/// energyBurn * season price out of the deposit, stores the checkpoint record and opens a
/// challenge window. finalize() burns the locked ENERGY after the window; a dispute that proves
/// the checkpoint invalid hands the locked ENERGY to the DisputeManager instead (the cheater's slash).
contract CheckpointLedger {
    error WrongChainId(uint64 expected, uint64 got);
    error WrongLedger(address expected, address got);
    error WrongBeast(uint256 expected, uint256 got);
    error NotBeastOwner(address caller, uint256 beastId);
    error WrongWindowIndex(uint32 expected, uint32 got);
    error WrongPrevCheckpointHash(bytes32 expected, bytes32 got);
    error StaleGlobalStep(uint32 previous, uint32 got);
    error InsufficientDeposit(uint256 available, uint256 needed);
    error CostOverflow(uint256 cost);
    error EnergyBelowFloor(uint256 minWindowEnergy, uint64 energyBurn);
    error UnknownCheckpoint(bytes32 checkpointHash);
    error NotPending(bytes32 checkpointHash, uint8 status);
    error ChallengeWindowOpen(bytes32 checkpointHash, uint64 deadline);
    error ChallengeWindowClosed(bytes32 checkpointHash, uint64 deadline);
    error NotDisputeManager(address caller);
    error DuplicateCheckpoint(bytes32 checkpointHash, uint8 status);
    error ParentNotFinalized(bytes32 checkpointHash, bytes32 parent, uint8 parentStatus);
    error AlreadyWired();
    error SeasonChanged(uint256 trainedUnder, uint256 current);

    event Deposited(address indexed trainer, uint256 amount);
    event Withdrawn(address indexed trainer, uint256 amount);
    event CheckpointSubmitted(uint256 indexed beastId, uint32 indexed windowIndex, bytes32 checkpointHash, uint256 lockedEnergy, uint64 challengeDeadline);
    event CheckpointFinalized(bytes32 indexed checkpointHash, uint256 burnedEnergy);
    event CheckpointDisputed(bytes32 indexed checkpointHash);
    event CheckpointInvalidated(bytes32 indexed checkpointHash, uint256 indexed beastId, bytes32 rolledBackTo);
    event CheckpointUpheld(bytes32 indexed checkpointHash, uint64 deadline);
    event CheckpointReopened(bytes32 indexed checkpointHash, uint64 challengeDeadline);
    event ResubmitAllowed(bytes32 indexed checkpointHash);

    uint8 public constant NONE = 0;
    uint8 public constant PENDING = 1;
    uint8 public constant DISPUTED = 2;
    uint8 public constant FINALIZED = 3;
    uint8 public constant INVALIDATED = 4;
    uint256 private constant ANY_SEASON = type(uint256).max;

    /// One storage slot per checkpoint: locked (96) | deadline (64) | windowIndex (32) | globalStep (32) | status (8) |
    /// seasonVersion (24): SeasonRegistry.season() when it was submitted, i.e. the constants it is judged under (the
    /// dispute game binds the window context to them).
    struct Record {
        uint96 locked;
        uint64 deadline;
        uint32 windowIndex;
        uint32 globalStep;
        uint8 status;
        uint24 seasonVersion;
    }

    BeastNFT public immutable beasts;
    Energy public immutable energy;
    SeasonRegistry public immutable season;
    address public immutable deployer;
    address public disputeManager;

    mapping(uint256 => bytes32) public head;          // checkpoint_root per beast
    mapping(bytes32 => Record) internal recs;
    mapping(address => uint256) public deposits;
    /// beast => ~P (bitwise not, so that 0 means none and P = 0, genesis, is storable): P is the parent of a checkpoint
    /// invalidated while it was not the head. submitCheckpoint accepts P as prevCheckpointHash besides the head (once),
    /// so the owner can resubmit from the last good checkpoint when the head descends from the invalidated one.
    mapping(uint256 => bytes32) private resume;
    /// INVALIDATED checkpoints that may be submitted again: invalidated by default (the owner did not answer in time),
    /// not proven wrong. A window is deterministic, so without this an honest but offline owner's beast was stuck. It goes
    /// back on its own parent; the head moves to it only when it extends the head (its descendants stay the head's chain).
    mapping(bytes32 => bool) public resubmittable;
    // No running totals: two more storage writes would cost ~10k gas per submitCheckpoint.
    // Invariant (checked by the tests): ENERGY held = sum(deposits) + sum(locked of PENDING/DISPUTED records).

    constructor(BeastNFT b, Energy e, SeasonRegistry s) {
        beasts = b;
        energy = e;
        season = s;
        deployer = msg.sender;
    }

    /// Wires the DisputeManager once (it is deployed after the ledger).
    function setDisputeManager(address dm) external {
        if (msg.sender != deployer || disputeManager != address(0)) revert AlreadyWired();
        disputeManager = dm;
    }

    function deposit(uint256 amount) external {
        energy.transferFrom(msg.sender, address(this), amount);
        deposits[msg.sender] += amount;
        emit Deposited(msg.sender, amount);
    }

    function withdraw(uint256 amount) external {
        uint256 d = deposits[msg.sender];
        if (d < amount) revert InsufficientDeposit(d, amount);
        unchecked { deposits[msg.sender] = d - amount; }
        energy.transfer(msg.sender, amount);
        emit Withdrawn(msg.sender, amount);
    }

    function submitCheckpoint(uint256 beastId, bytes calldata payload) external returns (bytes32 h) {
        return _submit(beastId, payload, ANY_SEASON);
    }

    /// As submitCheckpoint, bound to the season (SeasonRegistry.season(), bumped by every applied governance change)
    /// the window was trained and pre-flighted under: a change applied between pre-flight and inclusion reverts the
    /// submission instead of having an honest window judged under constants it never saw.
    function submitCheckpointUnder(uint256 beastId, bytes calldata payload, uint256 seasonVersion) external returns (bytes32 h) {
        return _submit(beastId, payload, seasonVersion);
    }

    /// trainedUnder: the season version the caller trained under (ANY_SEASON: whatever is in force).
    function _submit(uint256 beastId, bytes calldata payload, uint256 trainedUnder) private returns (bytes32 h) {
        PayloadLib.Payload memory p = PayloadLib.parse(payload);
        if (p.chainId != block.chainid) revert WrongChainId(uint64(block.chainid), p.chainId);
        if (p.ledger != address(this)) revert WrongLedger(address(this), p.ledger);
        if (p.beastId != beastId) revert WrongBeast(beastId, p.beastId);
        if (beasts.ownerOf(beastId) != msg.sender) revert NotBeastOwner(msg.sender, beastId);
        h = keccak256(payload);
        // A payload is recorded once: an INVALIDATED one must never come back as PENDING (its dispute slot is used),
        // and re-submitting a pending or finalized one is a replay. (The slot is written below, so the load makes that write warm.)
        uint8 was = recs[h].status;
        bool again = was != NONE; // a window lost on its owner's clock, sent again byte for byte
        if (again) {
            if (was != INVALIDATED || !resubmittable[h]) revert DuplicateCheckpoint(h, was);
            resubmittable[h] = false;
        }

        bytes32 prev = head[beastId];
        if (again) {
            // it was accepted once on this very parent, and the windows already built on it are its descendants: it
            // goes back in place (the checks below still hold it to its parent) without moving the head off them
            prev = p.prevCheckpointHash;
            if (resume[beastId] == ~prev) delete resume[beastId]; // the revived window takes the resume point's place
        } else if (p.prevCheckpointHash != prev) {
            // the one other parent allowed: the resume point left by an invalidation below the head (used once)
            bytes32 rs = resume[beastId];
            if (rs != bytes32(0) && p.prevCheckpointHash == ~rs) {
                prev = p.prevCheckpointHash;
                delete resume[beastId];
            }
        }
        uint32 expectedWindow;
        uint32 lastStep;
        if (prev != bytes32(0)) {
            Record storage r = recs[prev];
            expectedWindow = r.windowIndex + 1;
            lastStep = r.globalStep;
        }
        if (p.windowIndex != expectedWindow) revert WrongWindowIndex(expectedWindow, p.windowIndex);
        if (p.prevCheckpointHash != prev) revert WrongPrevCheckpointHash(prev, p.prevCheckpointHash);
        if (!PayloadLib.stepAdvances(lastStep, p.globalStep)) revert StaleGlobalStep(lastStep, p.globalStep);

        bool extendsHead = p.prevCheckpointHash == head[beastId];
        _record(h, p, trainedUnder);
        if (!again || extendsHead) head[beastId] = h;
    }

    /// Locks the checkpoint's cost and writes its record (a helper of _submit, for the stack).
    function _record(bytes32 h, PayloadLib.Payload memory p, uint256 trainedUnder) private {
        (uint256 cost, uint256 window, uint256 version) = _lock(p.energyBurn);
        if (trainedUnder != ANY_SEASON && trainedUnder != version) revert SeasonChanged(trainedUnder, version);
        uint64 deadline = uint64(block.timestamp + window);
        recs[h] = Record(uint96(cost), deadline, p.windowIndex, p.globalStep, PENDING, uint24(version));
        emit CheckpointSubmitted(p.beastId, p.windowIndex, h, cost, deadline);
    }

    /// Takes energyBurn x price out of the caller's deposit; returns it, the challenge window and the season version.
    function _lock(uint64 energyBurn) private returns (uint256 cost, uint256 window, uint256 version) {
        uint256 price;
        uint256 floor;
        (price, window, floor, version) = season.checkpointTerms();
        // energyBurn is declared by the trainer and prices its own slash: it may not be below one honest window's ENERGY
        if (energyBurn < floor) revert EnergyBelowFloor(floor, energyBurn);
        cost = uint256(energyBurn) * price;
        if (cost > type(uint96).max) revert CostOverflow(cost);
        uint256 d = deposits[msg.sender];
        if (d < cost) revert InsufficientDeposit(d, cost);
        unchecked { deposits[msg.sender] = d - cost; }
    }

    /// After the challenge window, with no dispute open and its parent finalized: burn the locked ENERGY.
    /// Takes the payload itself (h = keccak256(payload)) to learn the parent without storing it per record: nothing
    /// descending from an invalidated checkpoint can ever finalize, so checkpoints finalize in chain order.
    function finalize(bytes calldata payload) external {
        bytes32 h = keccak256(payload);
        Record storage r = recs[h];
        if (r.status != PENDING) revert NotPending(h, r.status);
        if (block.timestamp <= r.deadline) revert ChallengeWindowOpen(h, r.deadline);
        // a recorded payload passed submitCheckpoint's checks: 179 bytes, prevCheckpointHash at bytes 65..96 (0 for window 0)
        bytes32 parent = bytes32(payload[65:97]);
        if (parent != bytes32(0)) {
            uint8 ps = recs[parent].status;
            if (ps != FINALIZED) revert ParentNotFinalized(h, parent, ps);
        }
        r.status = FINALIZED;
        uint256 amount = r.locked;
        energy.burn(amount);
        emit CheckpointFinalized(h, amount);
    }

    // ---- DisputeManager hooks ----

    modifier onlyDisputeManager() {
        if (msg.sender != disputeManager) revert NotDisputeManager(msg.sender);
        _;
    }

    /// Marks a pending checkpoint disputed; returns its locked ENERGY (the bond is priced from it).
    function markDisputed(bytes32 h) external onlyDisputeManager returns (uint256 locked) {
        Record storage r = recs[h];
        if (r.status == NONE) revert UnknownCheckpoint(h);
        if (r.status != PENDING) revert NotPending(h, r.status);
        if (block.timestamp > r.deadline) revert ChallengeWindowClosed(h, r.deadline);
        r.status = DISPUTED;
        emit CheckpointDisputed(h);
        return r.locked;
    }

    /// The checkpoint stands: pending again (finalisable once its challenge deadline has passed). Its challenge window
    /// is lengthened by the time the dispute took (filed at `disputedSince`): one game at a time, so without this a
    /// cheater's own puppet filing first and then running out its clock (or naming an honest step) would use up the
    /// time an honest challenger had to file, and the cheat would finalize. A liar's dispute of an honest window
    /// delays its finality by the game's length and costs the liar its bond.
    function uphold(bytes32 h, uint64 disputedSince) external onlyDisputeManager {
        Record storage r = recs[h];
        if (r.status != DISPUTED) revert NotPending(h, r.status);
        r.status = PENDING;
        if (block.timestamp > disputedSince) r.deadline += uint64(block.timestamp) - disputedSince;
        emit CheckpointUpheld(h, r.deadline);
    }

    /// The dispute was inconclusive: pending again with a fresh challenge window, so another challenger can file.
    function reopen(bytes32 h) external onlyDisputeManager {
        Record storage r = recs[h];
        if (r.status != DISPUTED) revert NotPending(h, r.status);
        r.status = PENDING;
        uint64 deadline = uint64(block.timestamp + season.get(season.CHALLENGE_WINDOW()));
        r.deadline = deadline;
        emit CheckpointReopened(h, deadline);
    }

    /// The checkpoint is invalid: its locked ENERGY goes to the DisputeManager. The head moves back to its predecessor
    /// only when h IS the head (records hold no parent hash, so whether h is an ancestor of the head is unknown). When
    /// h is not the head, its predecessor becomes the beast's resume point (unless it is INVALIDATED itself): if the
    /// head descends from h (nothing there can ever finalize: finalize needs a finalized parent), the owner resubmits
    /// from that point. An existing resume point is replaced only when it was h itself or the new one is shallower
    /// (an invalidated ancestor of the old point), so invalidating an abandoned descendant never takes it away.
    function invalidate(bytes32 h, uint256 beastId, bytes32 prev) external onlyDisputeManager returns (uint256 amount) {
        Record storage r = recs[h];
        if (r.status != DISPUTED) revert NotPending(h, r.status);
        r.status = INVALIDATED;
        amount = r.locked;
        if (head[beastId] == h) {
            head[beastId] = prev;
        } else if (recs[prev].status != INVALIDATED) {
            bytes32 rs = resume[beastId];
            if (rs == bytes32(0) || ~rs == h || _depth(prev) < _depth(~rs)) resume[beastId] = ~prev;
        }
        energy.transfer(msg.sender, amount);
        emit CheckpointInvalidated(h, beastId, head[beastId]);
    }

    /// The dispute game invalidated h by default (its owner never answered): h may be submitted again.
    function allowResubmit(bytes32 h) external onlyDisputeManager {
        if (recs[h].status != INVALIDATED) revert NotPending(h, recs[h].status);
        resubmittable[h] = true;
        emit ResubmitAllowed(h);
    }

    /// Window index + 1 (0 for genesis, the parent of window 0).
    function _depth(bytes32 x) private view returns (uint256) {
        return x == bytes32(0) ? 0 : uint256(recs[x].windowIndex) + 1;
    }

    // ---- views ----

    /// The record of checkpoint h (as the former public getter: Java reads component5 as the status).
    function records(bytes32 h) external view returns (uint96 locked, uint64 deadline, uint32 windowIndex, uint32 globalStep, uint8 status) {
        Record storage r = recs[h];
        return (r.locked, r.deadline, r.windowIndex, r.globalStep, r.status);
    }

    /// The season version checkpoint h was submitted under (0: no such checkpoint).
    function seasonOf(bytes32 h) external view returns (uint256) {
        return recs[h].seasonVersion;
    }

    /// The parent, besides the head, that the next submitCheckpoint of the beast may build on (set: false if none).
    function resumePoint(uint256 beastId) external view returns (bool set, bytes32 parent) {
        bytes32 rs = resume[beastId];
        return (rs != bytes32(0), ~rs);
    }

    function parsePayload(bytes calldata payload) external pure returns (PayloadLib.Payload memory) {
        return PayloadLib.parse(payload);
    }

    /// keccak256(abi.encodePacked(typed fields)): must equal keccak256 of the Java payload bytes.
    function hashFields(PayloadLib.Payload calldata p) external pure returns (bytes32) {
        PayloadLib.Payload memory m = p;
        return PayloadLib.hash(m);
    }

    function encodeFields(PayloadLib.Payload calldata p) external pure returns (bytes memory) {
        PayloadLib.Payload memory m = p;
        return PayloadLib.encode(m);
    }
}
