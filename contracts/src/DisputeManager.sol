// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {PayloadLib} from "./PayloadLib.sol";
import {BeastNFT} from "./BeastNFT.sol";
import {Energy} from "./Energy.sol";
import {SeasonRegistry} from "./SeasonRegistry.sol";
import {CheckpointLedger} from "./CheckpointLedger.sol";
import {ValidatorRegistry} from "./ValidatorRegistry.sol";

/// Disputes over checkpoints. Timeline from filing at t0 (all windows from the season):
///   [t0, datasetDeadline]          private windows: {dataset bytes, S_owner} must be revealed
///   [.., commitDeadline]           active validators commit keccak256(abi.encode(chainid, this, h, round, sender, verdict, salt))
///   (commitDeadline, revealDeadline] validators reveal (verdict, salt)
///   after revealDeadline           anyone resolves
/// A private window whose dataset is not revealed by datasetDeadline resolves INVALID by default.
/// Outcome INVALID needs a quorum (revealed * 10000 >= quorumBps * active validators at filing)
/// and a supermajority (invalid * 10000 >= supermajorityBps * revealed); a quorum without the
/// supermajority upholds the checkpoint; no quorum is inconclusive (bond refunded): the first time the checkpoint
/// is reopened for one more dispute (round 2), the second time it is upheld (MAX_ROUNDS).
/// Wrong voters and validators that committed but never revealed are slashed `slashAmount`.
/// Every payout is a pull payment (withdraw), guarded against re-entry.
contract DisputeManager {
    error DisputeExists(bytes32 checkpointHash);
    error NoSuchDispute(bytes32 checkpointHash);
    error NotPrivate(bytes32 checkpointHash);
    error AlreadyRevealed(bytes32 checkpointHash);
    error DatasetMismatch(bytes32 expected, bytes32 got);
    error SecretMismatch(bytes32 expected, bytes32 got);
    error DatasetWindowClosed(bytes32 checkpointHash, uint64 deadline);
    error DatasetNotRevealed(bytes32 checkpointHash);
    error NotValidator(address caller);
    error TooEarly(uint64 opensAfter, uint256 nowTs);
    error TooLate(uint64 deadline, uint256 nowTs);
    error AlreadyCommitted(address validator);
    error ZeroCommitment(address validator);
    error JoinedAfterFiling(address validator, uint64 activeSince, uint64 filedBlock);
    error NotCommitted(address validator);
    error AlreadyVoted(address validator);
    error BadVerdict(uint8 verdict);
    error CommitmentMismatch(address validator);
    error AlreadyResolved(bytes32 checkpointHash);
    error TooManyVoters(uint256 max);
    error NothingToWithdraw(address account);
    error Reentrancy();
    error NotGovernor(address caller);
    error UnknownForcedError(bytes32 commitment);
    error ForcedErrorNotCaught(bytes32 checkpointHash);
    error ForcedErrorNotMissed(bytes32 checkpointHash);

    event DisputeFiled(bytes32 indexed checkpointHash, uint256 indexed beastId, address indexed challenger, uint256 bond, bool isPrivate);
    event DatasetRevealed(bytes32 indexed checkpointHash, bytes32 datasetHash, bytes32 ownerSecret, uint256 datasetLength);
    event VerdictCommitted(bytes32 indexed checkpointHash, address indexed validator);
    event VerdictRevealed(bytes32 indexed checkpointHash, address indexed validator, uint8 verdict);
    event DisputeResolved(bytes32 indexed checkpointHash, uint8 outcome, uint256 votesValid, uint256 votesInvalid, uint256 slashedFromValidators);
    event Credited(address indexed account, uint256 amount);
    event SlashBurned(bytes32 indexed checkpointHash, uint256 amount);
    event Withdrawal(address indexed account, uint256 amount);
    event ForcedErrorFunded(bytes32 indexed commitment, uint256 reward);
    event ForcedErrorCaught(bytes32 indexed checkpointHash, address indexed catcher, uint256 reward);
    event ForcedErrorMissed(bytes32 indexed checkpointHash, uint256 reward);

    uint8 public constant VERDICT_VALID = 1;
    uint8 public constant VERDICT_INVALID = 2;

    uint8 public constant OPEN = 1;
    uint8 public constant RESOLVED_VALID = 2;
    uint8 public constant RESOLVED_INVALID = 3;
    uint8 public constant RESOLVED_INCONCLUSIVE = 4;

    uint256 public constant MAX_VOTERS = 64;
    /// Disputes a checkpoint can have: an inconclusive first one reopens it, an inconclusive second one upholds it, so
    /// file / inconclusive / file cannot keep a checkpoint (and every descendant) from finalizing for ever.
    uint8 public constant MAX_ROUNDS = 2;

    struct Dispute {
        address challenger;
        uint64 filedAt;
        uint8 status;
        bool isPrivate;
        bool revealed;
        uint8 round;          // 1 for the first dispute on the checkpoint, 2 after a reopen (same slot as challenger)
        uint256 beastId;
        bytes32 prev;
        uint256 bond;
        uint256 locked;
        uint64 datasetDeadline;
        uint64 commitDeadline;
        uint64 revealDeadline;
        uint32 activeAtFiling;
        uint32 votesValid;
        uint32 votesInvalid;
        uint64 filedBlock;
    }

    BeastNFT public immutable beasts;
    Energy public immutable energy;
    SeasonRegistry public immutable season;
    CheckpointLedger public immutable ledger;
    ValidatorRegistry public immutable validators;
    address public immutable governor;

    mapping(bytes32 => Dispute) private disputes;
    mapping(bytes32 => address[]) private voters;
    mapping(bytes32 => mapping(address => bytes32)) public commitments;
    /// One validator is one voter: set on its first (and only) commitment, never by a zero commitment.
    mapping(bytes32 => mapping(address => bool)) public hasCommitted;
    mapping(bytes32 => mapping(address => uint8)) public verdicts;
    mapping(address => uint256) public owed;
    mapping(bytes32 => uint256) public forcedReward;   // commitment keccak256(abi.encodePacked(h, salt)) => reward
    uint256 public totalBonds;
    uint256 public totalOwed;
    uint256 public totalForced;
    uint256 private locked_ = 1;

    constructor(BeastNFT b, Energy e, SeasonRegistry s, CheckpointLedger l, ValidatorRegistry v) {
        beasts = b;
        energy = e;
        season = s;
        ledger = l;
        validators = v;
        governor = msg.sender;
    }

    modifier nonReentrant() {
        if (locked_ != 1) revert Reentrancy();
        locked_ = 2;
        _;
        locked_ = 1;
    }

    function getDispute(bytes32 h) external view returns (Dispute memory) {
        return disputes[h];
    }

    function disputeStatus(bytes32 h) external view returns (uint8) {
        return disputes[h].status;
    }

    function voterCount(bytes32 h) external view returns (uint256) {
        return voters[h].length;
    }

    /// The commitment for the dispute on h as it stands now: bound to its round, so a commitment (or its reveal) made
    /// in the first round says nothing about the re-filed one.
    function verdictCommitment(bytes32 h, address validator, uint8 verdict, bytes32 salt) public view returns (bytes32) {
        return keccak256(abi.encode(block.chainid, address(this), h, disputes[h].round, validator, verdict, salt));
    }

    /// Challenges a pending checkpoint inside its challenge window, posting bond = bondMultiplier x its locked ENERGY.
    function fileDispute(bytes calldata payload) external nonReentrant returns (bytes32 h) {
        PayloadLib.Payload memory p = PayloadLib.parse(payload);
        h = keccak256(payload);
        // one open or conclusive dispute per checkpoint; an inconclusive first round left the slot free for another
        // challenger (a second inconclusive round upheld the checkpoint: no third)
        Dispute storage prior = disputes[h];
        uint8 st = prior.status;
        uint8 round = prior.round;
        if ((st != 0 && st != RESOLVED_INCONCLUSIVE) || round >= MAX_ROUNDS) revert DisputeExists(h);
        // a private dataset revealed in the first round stays revealed: the owner never has to reveal it again, and
        // validators read it from that round's DatasetRevealed transaction
        bool revealedBefore = prior.revealed;
        if (st == RESOLVED_INCONCLUSIVE) delete disputes[h];
        uint256 lockedEnergy = ledger.markDisputed(h);
        uint256 bond = lockedEnergy * season.get(season.BOND_MULTIPLIER());
        if (bond == 0) bond = 1;
        energy.transferFrom(msg.sender, address(this), bond);
        totalBonds += bond;
        bool isPrivate = beasts.cDataset(p.beastId) != bytes32(0);
        uint64 t0 = uint64(block.timestamp);
        uint64 dd = t0 + (isPrivate ? uint64(season.get(season.DATASET_REVEAL_WINDOW())) : 0);
        uint64 cd = dd + uint64(season.get(season.COMMIT_WINDOW()));
        uint64 rd = cd + uint64(season.get(season.REVEAL_WINDOW()));
        Dispute storage d = disputes[h];
        d.challenger = msg.sender;
        d.filedAt = t0;
        d.filedBlock = uint64(block.number);
        d.status = OPEN;
        d.isPrivate = isPrivate;
        d.revealed = revealedBefore;
        d.round = round + 1;
        d.beastId = p.beastId;
        d.prev = p.prevCheckpointHash;
        d.bond = bond;
        d.locked = lockedEnergy;
        d.datasetDeadline = dd;
        d.commitDeadline = cd;
        d.revealDeadline = rd;
        d.activeAtFiling = uint32(validators.activeCount());
        emit DisputeFiled(h, p.beastId, msg.sender, bond, isPrivate);
    }

    /// Anyone holding them may reveal the private dataset (its stored zstd bytes) and S_owner.
    function revealDataset(bytes32 h, bytes calldata dataset, bytes32 ownerSecret) external {
        Dispute storage d = _open(h);
        if (!d.isPrivate) revert NotPrivate(h);
        if (d.revealed) revert AlreadyRevealed(h);
        if (block.timestamp > d.datasetDeadline) revert DatasetWindowClosed(h, d.datasetDeadline);
        bytes32 dh = keccak256(dataset);
        bytes32 expected = beasts.cDataset(d.beastId);
        if (dh != expected) revert DatasetMismatch(expected, dh);
        bytes32 sc = keccak256(abi.encodePacked(ownerSecret));
        bytes32 expectedSecret = beasts.ownerSecretCommitment(d.beastId);
        if (sc != expectedSecret) revert SecretMismatch(expectedSecret, sc);
        d.revealed = true;
        emit DatasetRevealed(h, dh, ownerSecret, dataset.length);
    }

    function commitVerdict(bytes32 h, bytes32 commitment) external {
        Dispute storage d = _open(h);
        if (!validators.isActive(msg.sender)) revert NotValidator(msg.sender);
        // only validators active before the filing vote (the quorum's denominator is the count at filing too)
        uint64 since = validators.activeSince(msg.sender);
        if (since >= d.filedBlock) revert JoinedAfterFiling(msg.sender, since, d.filedBlock);
        if (d.isPrivate && !d.revealed) revert DatasetNotRevealed(h);
        if (block.timestamp > d.commitDeadline) revert TooLate(d.commitDeadline, block.timestamp);
        if (commitment == bytes32(0)) revert ZeroCommitment(msg.sender);
        if (hasCommitted[h][msg.sender]) revert AlreadyCommitted(msg.sender);
        if (voters[h].length >= MAX_VOTERS) revert TooManyVoters(MAX_VOTERS);
        hasCommitted[h][msg.sender] = true;
        commitments[h][msg.sender] = commitment;
        voters[h].push(msg.sender);
        emit VerdictCommitted(h, msg.sender);
    }

    function revealVerdict(bytes32 h, uint8 verdict, bytes32 salt) external {
        Dispute storage d = _open(h);
        if (block.timestamp <= d.commitDeadline) revert TooEarly(d.commitDeadline, block.timestamp);
        if (block.timestamp > d.revealDeadline) revert TooLate(d.revealDeadline, block.timestamp);
        bytes32 c = commitments[h][msg.sender];
        if (c == bytes32(0)) revert NotCommitted(msg.sender);
        if (verdicts[h][msg.sender] != 0) revert AlreadyVoted(msg.sender);
        if (verdict != VERDICT_VALID && verdict != VERDICT_INVALID) revert BadVerdict(verdict);
        if (verdictCommitment(h, msg.sender, verdict, salt) != c) revert CommitmentMismatch(msg.sender);
        verdicts[h][msg.sender] = verdict;
        if (verdict == VERDICT_INVALID) d.votesInvalid++;
        else d.votesValid++;
        emit VerdictRevealed(h, msg.sender, verdict);
    }

    function resolve(bytes32 h) external nonReentrant {
        Dispute storage d = _open(h);
        bool defaulted = d.isPrivate && !d.revealed && block.timestamp > d.datasetDeadline;
        if (!defaulted && block.timestamp <= d.revealDeadline) revert TooEarly(d.revealDeadline, block.timestamp);
        uint8 outcome = _outcome(d, defaulted);
        d.status = outcome;
        totalBonds -= d.bond;
        (uint256 slashed, uint256 correct) = _slashVoters(h, outcome);
        _distribute(h, d, outcome, slashed, correct);
        emit DisputeResolved(h, outcome, d.votesValid, d.votesInvalid, slashed);
        if (outcome == RESOLVED_INCONCLUSIVE && d.round < MAX_ROUNDS) _clearVotes(h);
    }

    function _outcome(Dispute storage d, bool defaulted) private view returns (uint8) {
        if (defaulted) return RESOLVED_INVALID;
        uint256 revealed = uint256(d.votesValid) + d.votesInvalid;
        if (revealed == 0 || revealed * 10000 < season.get(season.QUORUM_BPS()) * d.activeAtFiling) return RESOLVED_INCONCLUSIVE;
        if (uint256(d.votesInvalid) * 10000 >= season.get(season.SUPERMAJORITY_BPS()) * revealed) return RESOLVED_INVALID;
        return RESOLVED_VALID;
    }

    function _right(uint8 outcome) private pure returns (uint8) {
        return outcome == RESOLVED_INVALID ? VERDICT_INVALID : (outcome == RESOLVED_VALID ? VERDICT_VALID : 0);
    }

    /// Slashes wrong voters (not on an inconclusive outcome) and committers that never revealed.
    function _slashVoters(bytes32 h, uint8 outcome) private returns (uint256 slashed, uint256 correct) {
        uint8 right = _right(outcome);
        uint256 slashEach = season.get(season.SLASH_AMOUNT());
        address[] storage vs = voters[h];
        for (uint256 i = 0; i < vs.length; i++) {
            uint8 v = verdicts[h][vs[i]];
            if (v == 0 || (right != 0 && v != right)) slashed += validators.slash(vs[i], slashEach);
            else if (right != 0) correct++;
        }
    }

    function _distribute(bytes32 h, Dispute storage d, uint8 outcome, uint256 slashed, uint256 correct) private {
        uint256 pool;
        address residual;
        if (outcome == RESOLVED_INVALID) {
            pool = ledger.invalidate(h, d.beastId, d.prev);
            // burned first: whoever filed (the cheater itself included) shares only the rest
            uint256 burnt = (pool * season.get(season.SLASH_BURN_BPS())) / 10000;
            if (burnt > 0) {
                energy.burn(burnt);
                pool -= burnt;
                emit SlashBurned(h, burnt);
            }
            residual = d.challenger;
            _credit(d.challenger, d.bond);
        } else if (outcome == RESOLVED_VALID) {
            ledger.uphold(h, uint64(block.timestamp)); // no time back: a vote's checkpoint is disputed at most MAX_ROUNDS times
            pool = d.bond;
            residual = beasts.ownerOf(d.beastId);
        } else {
            // inconclusive: the first time the checkpoint is pending again with a fresh challenge window (the dispute
            // slot is freed for round 2); the second time it stands (pending, finalisable after its deadline)
            if (d.round < MAX_ROUNDS) ledger.reopen(h);
            else ledger.uphold(h, uint64(block.timestamp)); // no time back: a vote's checkpoint is disputed at most MAX_ROUNDS times
            _credit(d.challenger, d.bond);
        }
        if (correct == 0) {
            if (pool > 0) _credit(residual, pool);
            if (slashed > 0) energy.burn(slashed);
            return;
        }
        uint256 each = ((pool * season.get(season.VALIDATOR_REWARD_BPS())) / 10000 + slashed) / correct;
        uint8 right = _right(outcome);
        address[] storage vs = voters[h];
        for (uint256 i = 0; i < vs.length; i++) {
            if (verdicts[h][vs[i]] == right) _credit(vs[i], each);
        }
        _credit(residual, pool + slashed - each * correct);
    }

    /// After an inconclusive outcome: forget the commitments and verdicts so that a new dispute starts clean.
    function _clearVotes(bytes32 h) private {
        address[] storage vs = voters[h];
        for (uint256 i = 0; i < vs.length; i++) {
            delete commitments[h][vs[i]];
            delete verdicts[h][vs[i]];
            delete hasCommitted[h][vs[i]];
        }
        delete voters[h];
    }

    function withdraw() external nonReentrant {
        uint256 a = owed[msg.sender];
        if (a == 0) revert NothingToWithdraw(msg.sender);
        owed[msg.sender] = 0;
        totalOwed -= a;
        energy.transfer(msg.sender, a);
        emit Withdrawal(msg.sender, a);
    }

    // ---- forced errors ----

    /// The protocol submits a deliberately wrong checkpoint through the normal ledger path and
    /// funds a hidden reward: commitment = keccak256(abi.encodePacked(checkpointHash, salt)).
    function fundForcedError(bytes32 commitment, uint256 reward) external {
        if (msg.sender != governor) revert NotGovernor(msg.sender);
        energy.transferFrom(msg.sender, address(this), reward);
        forcedReward[commitment] += reward;
        totalForced += reward;
        emit ForcedErrorFunded(commitment, reward);
    }

    /// After a dispute proved the forced error invalid, anyone reveals the salt: the challenger is paid.
    function claimForcedError(bytes32 h, bytes32 salt) external {
        bytes32 c = keccak256(abi.encodePacked(h, salt));
        uint256 r = forcedReward[c];
        if (r == 0) revert UnknownForcedError(c);
        if (disputes[h].status != RESOLVED_INVALID) revert ForcedErrorNotCaught(h);
        forcedReward[c] = 0;
        totalForced -= r;
        _credit(disputes[h].challenger, r);
        emit ForcedErrorCaught(h, disputes[h].challenger, r);
    }

    /// Nobody caught it: once the checkpoint finalised, the governor takes the reward back.
    function reclaimForcedError(bytes32 h, bytes32 salt) external {
        if (msg.sender != governor) revert NotGovernor(msg.sender);
        bytes32 c = keccak256(abi.encodePacked(h, salt));
        uint256 r = forcedReward[c];
        if (r == 0) revert UnknownForcedError(c);
        (,,,, uint8 status) = ledger.records(h);
        if (status != ledger.FINALIZED()) revert ForcedErrorNotMissed(h);
        forcedReward[c] = 0;
        totalForced -= r;
        _credit(governor, r);
        emit ForcedErrorMissed(h, r);
    }

    function _open(bytes32 h) private view returns (Dispute storage d) {
        d = disputes[h];
        if (d.status == 0) revert NoSuchDispute(h);
        if (d.status != OPEN) revert AlreadyResolved(h);
    }

    function _credit(address a, uint256 amount) private {
        if (amount == 0) return;
        owed[a] += amount;
        totalOwed += amount;
        emit Credited(a, amount);
    }
}
