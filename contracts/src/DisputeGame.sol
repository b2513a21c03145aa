// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {PayloadLib} from "./PayloadLib.sol";
import {BeastNFT} from "./BeastNFT.sol";
import {Energy} from "./Energy.sol";
import {SeasonRegistry} from "./SeasonRegistry.sol";
import {CheckpointLedger} from "./CheckpointLedger.sol";
import {IStepVerifier} from "./verifier/IStepVerifier.sol";
import {Hatchery} from "./Hatchery.sol";

/// The dispute game (issue 12; successor of DisputeManager's vote): one honest, live party wins against any number
/// of lying validators or any amount of stake, because the outcome is one micro-step re-executed on chain.
///
///   fileDispute(payload)         challenger, with bond = bondMultiplier x the checkpoint's locked ENERGY
///   postDigests(h, D_1..D_128,   the beast's owner (its node answers automatically); a private beast also reveals
///     S_owner, usedRecords)      S_owner (checked against its commitment) and the records its window drew, with their
///                                paths (emitted, not stored: the challenger replays with them and checks the paths
///                                against R_dataset off chain; the dataset itself is never revealed).
///   nameStep(h, k)               challenger: the first step it disputes, k = 0..127 (the transition D_k -> D_k+1)
///                                or k = 128 (the window-end check against the payload)
///   proveStep(...)               the owner must open the named step (it alone surely holds every input, private
///                                records included); anyone may (the result, not the caller, decides who is paid:
///                                copying a move earns nothing). k < 128 re-executes micro-step k through IStepVerifier
///                                from the pre-state whose digest is D_k (D_0: the anchored pre-state: window 0's is the
///                                hatch state of the beast's seed_core, built here (the proof may leave the state out);
///                                a later window's is the state
///                                the previous payload's h128 commits to); k = 128 checks
///                                the 128th state and running values against the payload. The computed D_k+1 equal
///                                to the posted one upholds the checkpoint, different invalidates it.
///   timeout(h)                   anyone, once the clock of the party to move ran out: that party loses. An owner
///                                that let its clock run out may submit the same payload again (an honest but offline
///                                owner is never stuck; a cheater pays a new lock each time).
/// Chess clock: the owner has ownerClock seconds in all (hours: answering needs its node or its owner online),
/// running while it must post digests or open the named step; the challenger has commitWindow + revealWindow in all,
/// running while it must name a step.
/// Payouts as DisputeManager's: INVALID burns slashBurnBps of the lock and pays the challenger its bond and the rest;
/// VALID pays the bond to the owner (covering its two transactions many times over at default prices).
/// Every proof's window context is the one the chain says (WrongContext names the field): the season and training
/// constants in force when the checkpoint was submitted (SeasonRegistry.contextTerms(CheckpointLedger.seasonOf(h))), the
/// epoch seed of the beast's seed_core at the window's start step, the previous checkpoint, the beast's C_dataset, the
/// season's real-battle pool commitment, and the growth slot the training plan gives the window's start.
/// No outcome depends on a vote or a count of anything.
contract DisputeGame {
    error DisputeExists(bytes32 checkpointHash);
    error NoSuchDispute(bytes32 checkpointHash);
    error AlreadyResolved(bytes32 checkpointHash);
    error OutOfTurn(bytes32 checkpointHash, uint8 stage);
    error NotTrainer(address caller, address trainer);
    error NotChallenger(address caller, address challenger);
    error ClockExpired(bytes32 checkpointHash, uint64 deadline);
    error ClockRunning(bytes32 checkpointHash, uint64 deadline);
    error BadStep(uint8 k);
    error SecretMismatch(bytes32 expected, bytes32 got);
    error DigestsMismatch(bytes32 posted, bytes32 given);
    error BadDigestCount(uint256 count);
    error VerifierDisagrees(uint8 k, bytes32 preDigest, bytes32 verifierPreDigest);
    error PayloadMismatch(bytes32 checkpointHash, bytes32 given);
    error WrongPreState(uint8 k, bytes32 expected, bytes32 got);
    error WrongContext(bytes32 field, bytes32 expected, bytes32 got);
    error BadContextLength(uint256 length);
    error BadStateLength(uint256 length);
    error NotAnchored(bytes32 stateHash, bytes32 prevH128);
    error WrongPrevPayload(bytes32 expected, bytes32 got);
    error NotHatchState(uint64 seedCore, bytes32 expected, bytes32 got);
    error MissingAnchor(bytes32 prevCheckpointHash);
    error WrongWitnessSecret(bytes32 expected, bytes32 got);
    error WrongWitnessRoot(bytes32 expected, bytes32 got);
    error BadWitnessLength(uint256 length);
    error NothingToWithdraw(address account);
    error Reentrancy();

    event DisputeFiled(bytes32 indexed checkpointHash, uint256 indexed beastId, address indexed challenger, address trainer,
                       uint256 bond, uint64 trainerDeadline, bytes payload);
    event DigestsPosted(bytes32 indexed checkpointHash, bytes32[] digests, bytes32 ownerSecret, bytes usedRecords, uint64 challengerDeadline);
    event StepNamed(bytes32 indexed checkpointHash, uint8 k, uint64 ownerDeadline);
    event StepProven(bytes32 indexed checkpointHash, uint8 k, address indexed prover, bytes32 computed, bytes32 posted, bytes witness);
    event DisputeResolved(bytes32 indexed checkpointHash, uint8 outcome, uint8 reason);
    event Credited(address indexed account, uint256 amount);
    event SlashBurned(bytes32 indexed checkpointHash, uint256 amount);
    event Withdrawal(address indexed account, uint256 amount);

    uint8 public constant AWAIT_DIGESTS = 1;
    uint8 public constant AWAIT_STEP = 2;
    uint8 public constant AWAIT_PROOF = 3;
    uint8 public constant RESOLVED_VALID = 4;
    uint8 public constant RESOLVED_INVALID = 5;

    uint8 public constant BY_PROOF = 1;
    uint8 public constant BY_TIMEOUT = 2;

    uint8 public constant STEPS = 128;
    // Canonical BeastState header: magic(4) version nIn hidden nOut | seedCore i64 | globalStep u32 at 16 |
    // activeMask u32 at 20 | lrShift u8 at 24 | energyTotal i64 at 25 | prevWindowLoss i64 at 33 | weights from 41.
    uint256 private constant STATE_HEADER = 41;
    // WindowContext (engine-kernel, version 2), 214 bytes: "CBWC" | u8 2 | SeasonConstants (42) at 5 | TrainingConstants
    // (38) at 47 | epochSeed at 85 | checkpointRoot at 117 | datasetCommitment at 149 | realPoolCommitment at 181 |
    // u8 growthSlot at 213.
    uint256 private constant CTX_SIZE = 214;
    uint8 private constant NO_GROWTH = 255;

    struct Game {
        address challenger;
        uint64 turnStart;
        uint8 stage;
        uint8 step;
        bool isPrivate;
        address trainer;
        uint32 trainerClock;      // seconds left to the owner
        uint32 challengerClock;   // seconds left to the challenger
        uint32 filedAt;           // when the game began (an upheld checkpoint's challenge window grows by its length)
        uint256 beastId;
        bytes32 prev;
        bytes32 digestsRoot;      // keccak256(abi.encodePacked(D_1..D_128))
        bytes32 ownerSecret;      // revealed with the digests (private beasts)
        uint128 bond;
        uint128 locked;
    }

    BeastNFT public immutable beasts;
    Energy public immutable energy;
    SeasonRegistry public immutable season;
    CheckpointLedger public immutable ledger;
    IStepVerifier public immutable verifier;

    mapping(bytes32 => Game) private games;
    mapping(address => uint256) public owed;
    uint256 public totalBonds;
    uint256 public totalOwed;
    uint256 private locked_ = 1;

    constructor(BeastNFT b, Energy e, SeasonRegistry s, CheckpointLedger l, IStepVerifier v) {
        beasts = b;
        energy = e;
        season = s;
        ledger = l;
        verifier = v;
    }

    modifier nonReentrant() {
        if (locked_ != 1) revert Reentrancy();
        locked_ = 2;
        _;
        locked_ = 1;
    }

    function getGame(bytes32 h) external view returns (Game memory) {
        return games[h];
    }

    /// When the clock of the party to move runs out (0 once resolved).
    function deadline(bytes32 h) public view returns (uint64) {
        Game storage g = games[h];
        if (g.stage == AWAIT_DIGESTS || g.stage == AWAIT_PROOF) return g.turnStart + g.trainerClock;
        if (g.stage == AWAIT_STEP) return g.turnStart + g.challengerClock;
        return 0;
    }

    /// Challenges a pending checkpoint inside its challenge window. A checkpoint upheld by an earlier game may be
    /// challenged again while its window lasts (each liar pays its own bond to the owner); one game at a time.
    function fileDispute(bytes calldata payload) external nonReentrant returns (bytes32 h) {
        PayloadLib.Payload memory p = PayloadLib.parse(payload);
        h = keccak256(payload);
        uint8 st = games[h].stage;
        if (st != 0 && st < RESOLVED_VALID) revert DisputeExists(h);
        uint256 lockedEnergy = ledger.markDisputed(h); // reverts unless PENDING and inside its challenge window
        uint256 bond = lockedEnergy * season.get(season.BOND_MULTIPLIER());
        if (bond == 0) bond = 1;
        energy.transferFrom(msg.sender, address(this), bond);
        totalBonds += bond;
        address trainer = beasts.ownerOf(p.beastId);
        Game storage g = games[h];
        g.challenger = msg.sender;
        g.turnStart = uint64(block.timestamp);
        g.filedAt = uint32(block.timestamp);
        g.stage = AWAIT_DIGESTS;
        g.step = 0;
        g.isPrivate = beasts.cDataset(p.beastId) != bytes32(0);
        g.trainer = trainer;
        g.trainerClock = uint32(season.get(season.OWNER_CLOCK()));
        g.challengerClock = uint32(season.get(season.COMMIT_WINDOW()) + season.get(season.REVEAL_WINDOW()));
        g.beastId = p.beastId;
        g.prev = p.prevCheckpointHash;
        g.digestsRoot = bytes32(0);
        g.ownerSecret = bytes32(0);
        g.bond = uint128(bond);
        g.locked = uint128(lockedEnergy);
        emit DisputeFiled(h, p.beastId, msg.sender, trainer, bond, deadline(h), payload);
    }

    /// The owner's answer: the window's step digests D_1..D_128 (D_0 is the anchored pre-state's) and, for a private
    /// beast, S_owner (the sample draw needs it; checked against the commitment made at hatch).
    function postDigests(bytes32 h, bytes32[] calldata digests, bytes32 ownerSecret, bytes calldata usedRecords) external {
        Game storage g = _turn(h, AWAIT_DIGESTS);
        if (msg.sender != g.trainer) revert NotTrainer(msg.sender, g.trainer);
        if (digests.length != STEPS) revert BadDigestCount(digests.length);
        if (g.isPrivate) {
            bytes32 expected = beasts.ownerSecretCommitment(g.beastId);
            bytes32 got = keccak256(abi.encodePacked(ownerSecret));
            if (got != expected) revert SecretMismatch(expected, got);
            g.ownerSecret = ownerSecret;
        }
        g.digestsRoot = keccak256(abi.encodePacked(digests));
        g.trainerClock -= uint32(block.timestamp - g.turnStart);
        g.turnStart = uint64(block.timestamp);
        g.stage = AWAIT_STEP;
        emit DigestsPosted(h, digests, g.ownerSecret, usedRecords, deadline(h));
    }

    /// The challenger names the first disputed step: 0..127, or 128 for the window-end check.
    function nameStep(bytes32 h, uint8 k) external {
        Game storage g = _turn(h, AWAIT_STEP);
        if (msg.sender != g.challenger) revert NotChallenger(msg.sender, g.challenger);
        if (k > STEPS) revert BadStep(k);
        g.challengerClock -= uint32(block.timestamp - g.turnStart);
        g.turnStart = uint64(block.timestamp);
        g.step = k;
        g.stage = AWAIT_PROOF;
        emit StepNamed(h, k, deadline(h));
    }

    /// One-step proof inputs: the state after k steps (after 128 for the window-end check; empty at step 0 of window 0:
    /// the hatch state is built on chain), the window context, the running values after k steps, the verifier's witness,
    /// and (every window but window 0) the anchor.
    struct Proof {
        bytes preState;
        bytes ctx;
        bytes32 lineage;
        int64 loss;
        int64 energy;
        bytes witness;
        bytes anchor;
    }

    /// Where the window starts: the previous payload's globalStep, activeMask and h128 (window 0: the hatch state's
    /// step 0 and mask, no h128), and the previous window's context hash (what that h128 was made with).
    struct Start {
        uint32 globalStep;
        uint32 activeMask;
        bytes32 prevH128;
        bytes32 prevContextHash;
    }

    /// Settles the named step. `anchor` is abi.encode(bytes prevPayload, bytes32 prevContextHash) for every window
    /// but window 0 (empty there): the previous payload gives the window's start (globalStep, activeMask: the context's
    /// epoch seed and growth slot follow from them) and, at k = 0, the h128 the pre-state must be committed by.
    /// `witness` goes to the verifier untouched (private windows: it starts with S_owner, the revealed one, and
    /// R_dataset, the beast's).
    function proveStep(bytes calldata payload, bytes32[] calldata digests, Proof calldata pr) external nonReentrant {
        bytes32 h = keccak256(payload);
        Game storage g = _turn(h, AWAIT_PROOF);
        if (digests.length != STEPS) revert BadDigestCount(digests.length);
        bytes32 root = keccak256(abi.encodePacked(digests));
        if (root != g.digestsRoot) revert DigestsMismatch(g.digestsRoot, root);
        Start memory start = _start(g, pr.anchor);
        checkContext(h, g.beastId, g.prev, start.globalStep, start.activeMask, pr.ctx);
        uint8 k = g.step;
        bytes32 posted = digests[k == STEPS ? STEPS - 1 : k];
        bytes32 computed = k == STEPS ? _windowEnd(payload, posted, pr) : _oneStep(g, start, k, digests, pr);
        emit StepProven(h, k, msg.sender, computed, posted, pr.witness);
        _resolve(h, g, computed == posted ? RESOLVED_VALID : RESOLVED_INVALID, BY_PROOF);
    }

    /// D_k+1 as the verifier computes it from the pre-state whose digest is D_k.
    function _oneStep(Game storage g, Start memory start, uint8 k, bytes32[] calldata digests, Proof calldata pr)
        private view returns (bytes32 post)
    {
        if (g.isPrivate) _checkWitnessPrefix(g, pr.witness);
        if (k == 0 && g.prev == bytes32(0) && pr.preState.length == 0) return _hatchStep(g, pr);
        bytes32 expectedPre = k == 0 ? _anchoredD0(g, start, pr) : digests[k - 1];
        // the inputs must open the posted D_k before any re-execution (a named error, whatever the verifier does)
        bytes32 given = stepDigest(k, keccak256(pr.preState), pr.lineage, pr.loss, pr.energy, keccak256(pr.ctx));
        if (given != expectedPre) revert WrongPreState(k, expectedPre, given);
        bytes32 pre;
        (pre, post) = verifier.step(k, pr.preState, pr.ctx, pr.lineage, pr.loss, pr.energy, pr.witness);
        if (pre != given) revert VerifierDisagrees(k, given, pre);
    }

    /// Step 0 of window 0 with no pre-state in the proof: D_0's state is the hatch state of the beast's seed_core, built
    /// here in memory and handed to the verifier as it is (the ~53 kB state costs no transaction calldata; a proof that
    /// carries the state instead has it checked against the same hatch state in _anchoredD0).
    function _hatchStep(Game storage g, Proof calldata pr) private view returns (bytes32 post) {
        if (pr.lineage != bytes32(0) || pr.loss != 0 || pr.energy != 0) revert WrongPreState(0, bytes32(0), pr.lineage);
        bytes memory st = Hatchery.state(beasts.seedCore(g.beastId));
        bytes32 given = stepDigest(0, keccak256(st), bytes32(0), 0, 0, keccak256(pr.ctx));
        bytes32 pre;
        (pre, post) = verifier.step(0, st, pr.ctx, bytes32(0), 0, 0, pr.witness);
        if (pre != given) revert VerifierDisagrees(0, given, pre);
    }

    /// The posted D_128 opened by its preimage: it stands (returned as is) only if the payload is what that end
    /// state says; else zero (never a digest).
    function _windowEnd(bytes calldata payload, bytes32 posted, Proof calldata pr) private pure returns (bytes32) {
        bytes32 d128 = stepDigest(STEPS, keccak256(pr.preState), pr.lineage, pr.loss, pr.energy, keccak256(pr.ctx));
        if (d128 != posted) revert WrongPreState(STEPS, posted, d128);
        return _windowEndHolds(payload, pr) ? d128 : bytes32(0);
    }

    /// Ends a game whose party to move let its clock run out: no digests, or the named step not opened -> INVALID;
    /// no step named -> the checkpoint stands.
    function timeout(bytes32 h) external nonReentrant {
        Game storage g = games[h];
        if (g.stage == 0) revert NoSuchDispute(h);
        if (g.stage >= RESOLVED_VALID) revert AlreadyResolved(h);
        uint64 dl = deadline(h);
        if (block.timestamp <= dl) revert ClockRunning(h, dl);
        _resolve(h, g, g.stage == AWAIT_STEP ? RESOLVED_VALID : RESOLVED_INVALID, BY_TIMEOUT);
    }

    /// D_k = keccak256("CBD2" || u8 k || stateHash || lineage || i64 loss || i64 energy || contextHash).
    function stepDigest(uint8 k, bytes32 stateHash, bytes32 lineage, int64 loss, int64 energy_, bytes32 contextHash)
        public pure returns (bytes32)
    {
        return keccak256(abi.encodePacked(bytes4("CBD2"), k, stateHash, lineage, loss, energy_, contextHash));
    }

    function withdraw() external nonReentrant {
        uint256 a = owed[msg.sender];
        if (a == 0) revert NothingToWithdraw(msg.sender);
        owed[msg.sender] = 0;
        totalOwed -= a;
        energy.transfer(msg.sender, a);
        emit Withdrawal(msg.sender, a);
    }

    // ---- internals ----

    function _turn(bytes32 h, uint8 stage) private view returns (Game storage g) {
        g = games[h];
        if (g.stage == 0) revert NoSuchDispute(h);
        if (g.stage >= RESOLVED_VALID) revert AlreadyResolved(h);
        if (g.stage != stage) revert OutOfTurn(h, g.stage);
        uint64 dl = deadline(h);
        if (block.timestamp > dl) revert ClockExpired(h, dl);
    }

    /// The window's start from the anchor (window > 0: the previous payload, checked against prevCheckpointHash).
    function _start(Game storage g, bytes calldata anchor) private view returns (Start memory st) {
        if (g.prev == bytes32(0)) {
            st.activeMask = Hatchery.HATCH_MASK;
            return st;
        }
        if (anchor.length == 0) revert MissingAnchor(g.prev);
        (bytes memory prevPayload, bytes32 prevCtxHash) = abi.decode(anchor, (bytes, bytes32));
        bytes32 ph = keccak256(prevPayload);
        if (ph != g.prev) revert WrongPrevPayload(g.prev, ph);
        uint256 w;
        bytes32 h128;
        assembly {
            w := mload(add(add(prevPayload, 32), 97))          // payload bytes 97.. : globalStep(4) energyBurn(8) activeMask(4)
            h128 := mload(add(add(prevPayload, 32), 114))      // payload bytes 114..145 (PayloadLib)
        }
        st.globalStep = uint32(w >> 224);
        st.activeMask = uint32(w >> 128);
        st.prevH128 = h128;
        st.prevContextHash = prevCtxHash;
    }

    /// The window context must be the one the chain says for checkpoint h of beast beastId (previous checkpoint prev,
    /// starting at startStep with startMask), field by field, in WindowContext's order; else WrongContext(field).
    /// Public so a node (or a test) can check a context before it spends a proof on it.
    function checkContext(bytes32 h, uint256 beastId, bytes32 prev, uint32 startStep, uint32 startMask, bytes calldata ctx)
        public view
    {
        if (ctx.length != CTX_SIZE) revert BadContextLength(ctx.length);
        if (bytes5(ctx[0:5]) != bytes5(abi.encodePacked(bytes4("CBWC"), uint8(2)))) {
            revert WrongContext("magic/version", bytes32(abi.encodePacked(bytes4("CBWC"), uint8(2))), bytes32(ctx[0:5]));
        }
        SeasonRegistry.ContextTerms memory t = season.contextTerms(ledger.seasonOf(h));
        _field("season", t.seasonHash, keccak256(ctx[5:47]));
        _field("training", t.trainingHash, keccak256(ctx[47:85]));
        _field("epochSeed", epochSeed(beasts.seedCore(beastId), startStep, uint32(bytes4(ctx[47:51]))), bytes32(ctx[85:117]));
        _field("checkpointRoot", prev, bytes32(ctx[117:149]));
        _field("datasetCommitment", beasts.cDataset(beastId), bytes32(ctx[149:181]));
        _field("realPoolCommitment", t.realPoolCommitment, bytes32(ctx[181:213]));
        _field("growthSlot", bytes32(uint256(growthSlot(startStep / STEPS, startMask))), bytes32(uint256(uint8(ctx[213]))));
    }

    function _field(bytes32 name, bytes32 want, bytes32 got) private pure {
        if (got != want) revert WrongContext(name, want, got);
    }

    /// engine-kernel TrainingPlan.epochSeed(seedCore, Curriculum.epoch(startStep)) = keccak("CBEPOCH" || i64 seedCore ||
    /// i32 epoch), epoch = startStep / stepsPerEpoch (a zero stepsPerEpoch, which no valid season has, gives epoch 0).
    function epochSeed(uint64 seedCore, uint32 startStep, uint32 stepsPerEpoch) public pure returns (bytes32) {
        uint32 epoch = stepsPerEpoch == 0 ? 0 : startStep / stepsPerEpoch;
        return keccak256(abi.encodePacked(bytes7("CBEPOCH"), seedCore, epoch));
    }

    /// engine-kernel TrainingPlan.growthSlot: windows 2, 4, 6, 8 wake slots 4, 5, 6, 7 unless already live.
    function growthSlot(uint32 windowIndex, uint32 activeMask) public pure returns (uint8) {
        if (windowIndex >= 2 && windowIndex <= 8 && windowIndex % 2 == 0) {
            uint32 slot = 4 + (windowIndex / 2 - 1);
            if (((activeMask >> slot) & 1) == 0) return uint8(slot);
        }
        return NO_GROWTH;
    }

    /// Keccak-256 of the hatch state of seedCore (engine-kernel Hatchery.hatch(seedCore).hash()): D_0's state of window 0.
    function hatchStateHash(uint64 seedCore) external pure returns (bytes32) {
        return Hatchery.stateHash(seedCore);
    }

    /// A private step's witness starts with S_owner (the revealed one) and R_dataset (the beast's, committed at
    /// hatch); the verifier checks the record and its path against that root (spec/datasets.md "Records commitment").
    function _checkWitnessPrefix(Game storage g, bytes calldata witness) private view {
        if (witness.length < 64) revert BadWitnessLength(witness.length);
        bytes32 s = bytes32(witness[0:32]);
        if (s != g.ownerSecret) revert WrongWitnessSecret(g.ownerSecret, s);
        bytes32 r = bytes32(witness[32:64]);
        bytes32 want = beasts.recordsRoot(g.beastId);
        if (r != want) revert WrongWitnessRoot(want, r);
    }

    /// D_0: its state is window 0's hatch state (recomputed from the beast's seed_core), or for a window i > 0 the one
    /// the previous payload's h128 = keccak("CBH1" || stateHash || prevContextHash) commits to; its running values are zero.
    function _anchoredD0(Game storage g, Start memory start, Proof calldata pr) private view returns (bytes32) {
        bytes32 sh = keccak256(pr.preState);
        if (g.prev == bytes32(0)) {
            uint64 seed = beasts.seedCore(g.beastId);
            bytes32 want = Hatchery.stateHash(seed);
            if (sh != want) revert NotHatchState(seed, want, sh);
        } else if (keccak256(abi.encodePacked(bytes4("CBH1"), sh, start.prevContextHash)) != start.prevH128) {
            revert NotAnchored(sh, start.prevH128);
        }
        if (pr.lineage != bytes32(0) || pr.loss != 0 || pr.energy != 0) revert WrongPreState(0, bytes32(0), pr.lineage);
        return stepDigest(0, sh, bytes32(0), 0, 0, keccak256(pr.ctx));
    }

    /// Window.run's finish from the 128th state: prevWindowLoss := loss, then h128, lineage, lossDrop, ENERGY,
    /// activeMask, lrShift and globalStep against the payload.
    function _windowEndHolds(bytes calldata payload, Proof calldata pr) private pure returns (bool) {
        bytes calldata st = pr.preState;
        if (st.length < STATE_HEADER) revert BadStateLength(st.length);
        PayloadLib.Payload memory p = PayloadLib.parse(payload);
        int64 oldPrev = int64(uint64(bytes8(st[33:41])));
        bool lossDrop = oldPrev > 0 && pr.loss < oldPrev;
        bytes32 finalHash = keccak256(abi.encodePacked(st[0:33], pr.loss, st[41:]));
        bytes32 h128 = keccak256(abi.encodePacked(bytes4("CBH1"), finalHash, keccak256(pr.ctx)));
        return h128 == p.h128 && pr.lineage == p.lineageHash && (p.lossDrop == 1) == lossDrop
            && pr.energy >= 0 && uint64(pr.energy) == p.energyBurn
            && uint32(bytes4(st[20:24])) == p.activeMask && uint8(st[24]) == p.lrShift
            && uint32(bytes4(st[16:20])) == p.globalStep;
    }

    function _resolve(bytes32 h, Game storage g, uint8 outcome, uint8 reason) private {
        g.stage = outcome;
        uint256 bond = g.bond;
        totalBonds -= bond;
        if (outcome == RESOLVED_INVALID) {
            uint256 pool = ledger.invalidate(h, g.beastId, g.prev);
            // an owner that never answered may have been offline, not dishonest: the same payload may come back
            if (reason == BY_TIMEOUT) ledger.allowResubmit(h);
            uint256 burnt = (pool * season.get(season.SLASH_BURN_BPS())) / 10000;
            if (burnt > 0) {
                energy.burn(burnt);
                emit SlashBurned(h, burnt);
            }
            _credit(g.challenger, bond + pool - burnt);
        } else {
            ledger.uphold(h, g.filedAt);
            _credit(g.trainer, bond);
        }
        emit DisputeResolved(h, outcome, reason);
    }

    function _credit(address a, uint256 amount) private {
        if (amount == 0) return;
        owed[a] += amount;
        totalOwed += amount;
        emit Credited(a, amount);
    }
}
