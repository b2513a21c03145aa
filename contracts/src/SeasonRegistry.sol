// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// The tunable combat and training constants of the current season, changed only through a
/// governance timelock: propose, wait `timelockDelay`, apply (or cancel). Keys are
/// keccak256 of the constant's name (e.g. keccak256("energyPrice")); the Java side reads them
/// with get(key). Safety invariant kept on every apply:
/// unbondingDelay > challengeWindow + datasetRevealWindow + commitWindow + revealWindow, and
/// minWindowEnergy <= the ENERGY of an honest hatch-mask window under baseStepCost (hatchWindowEnergy).
contract SeasonRegistry {
    error NotGovernor(address caller);
    error NoSuchProposal(uint256 id);
    error TimelockNotExpired(uint256 id, uint256 eta, uint256 nowTs);
    error AlreadyDone(uint256 id);
    error InvariantViolated(bytes32 key, uint256 value);
    error LengthMismatch();
    error ProposalExpired(uint256 id, uint256 expiredAt, uint256 nowTs);
    error SupersededProposal(uint256 id, uint256 newest);

    event Proposed(uint256 indexed id, bytes32 indexed key, uint256 value, uint256 eta);
    event Applied(uint256 indexed id, bytes32 indexed key, uint256 value, uint256 season);
    event Cancelled(uint256 indexed id);

    bytes32 public constant ENERGY_PRICE = keccak256("energyPrice");
    bytes32 public constant BOND_MULTIPLIER = keccak256("bondMultiplier");
    bytes32 public constant CHALLENGE_WINDOW = keccak256("challengeWindow");
    bytes32 public constant DATASET_REVEAL_WINDOW = keccak256("datasetRevealWindow");
    /// The dispute game's owner clock: seconds in all an owner has to post its step digests and open the named step
    /// (hours: answering needs its node or its owner online). Its own key, not the vote's datasetRevealWindow.
    bytes32 public constant OWNER_CLOCK = keccak256("ownerClock");
    bytes32 public constant COMMIT_WINDOW = keccak256("commitWindow");
    bytes32 public constant REVEAL_WINDOW = keccak256("revealWindow");
    bytes32 public constant UNBONDING_DELAY = keccak256("unbondingDelay");
    bytes32 public constant MIN_STAKE = keccak256("minStake");
    bytes32 public constant QUORUM_BPS = keccak256("quorumBps");
    bytes32 public constant SUPERMAJORITY_BPS = keccak256("supermajorityBps");
    bytes32 public constant VALIDATOR_REWARD_BPS = keccak256("validatorRewardBps");
    bytes32 public constant SLASH_AMOUNT = keccak256("slashAmount");
    /// Least energyBurn a checkpoint may declare: the ENERGY of one 128-step window at the hatch mask (the fewest
    /// active slots an honest window has), derived from the Java constants at deployment. The lock, and so the
    /// cheater's slash and the challenger's bond, is never below floor x energyPrice.
    bytes32 public constant MIN_WINDOW_ENERGY = keccak256("minWindowEnergy");
    /// Share (bps) of every invalidated checkpoint's lock that is burned before the challenger and the validators are
    /// paid: a cheater that disputes its own checkpoint still loses at least this share.
    bytes32 public constant SLASH_BURN_BPS = keccak256("slashBurnBps");
    /// Governed price of one micro-step of the full slab (Java TrainingConstants.baseStepCost).
    bytes32 public constant BASE_STEP_COST = keccak256("baseStepCost");

    /// Mirrors of the Java net shape (engine-kernel Window.STEPS, NetShape.activeParams(NetShape.HATCH_MASK),
    /// NetShape.SLAB_PARAMS; OnChainSeasonTest checks they are equal): an honest window at the hatch mask burns
    /// WINDOW_STEPS x floor(baseStepCost x HATCH_ACTIVE_PARAMS / SLAB_PARAMS) ENERGY (Java Energy.stepCost), the least
    /// any honest window burns, so minWindowEnergy may never exceed it under the baseStepCost in force.
    uint256 public constant WINDOW_STEPS = 128;
    uint256 public constant HATCH_ACTIVE_PARAMS = 6663;
    uint256 public constant SLAB_PARAMS = 13319;

    struct Proposal {
        bytes32 key;
        uint256 value;
        uint64 eta;
        bool done;
    }

    address public immutable governor;
    uint256 public immutable timelockDelay;
    uint256 public season = 1;
    mapping(bytes32 => uint256) public get;
    Proposal[] public proposals;
    /// A proposal can be applied only within GRACE_PERIOD after its eta.
    uint256 public constant GRACE_PERIOD = 7 days;
    /// key => id + 1 of the newest proposal for it (0: none). Only the newest proposal of a key can be applied, so
    /// proposals for one key cannot be applied out of order (an older value overwriting a newer decision).
    mapping(bytes32 => uint256) public newestProposal;
    /// season (32) | energyPrice (96) | challengeWindow (64) | minWindowEnergy (64), refreshed on every apply: one cold
    /// load in submitCheckpoint.
    uint256 private terms;

    /// What a window context (engine-kernel WindowContext) takes from the season in force, per season version: the
    /// Keccak-256 of the SeasonConstants encoding (21 x u16), of the TrainingConstants encoding (i32 stepsPerEpoch,
    /// 16 x u8 lrShiftByEpoch, u8 powerEpoch, u8 blockEpoch, i64 baseStepCost, i64 growthSlotCost) and the real-battle
    /// pool's commitment (key realPoolCommitment). A hash is zero when a value does not fit its field (no context can
    /// be made under that version). Recorded at construction and on every apply, so the dispute game checks a window's
    /// context against the constants in force when it was submitted (CheckpointLedger.seasonOf), never today's.
    struct ContextTerms {
        bytes32 seasonHash;
        bytes32 trainingHash;
        bytes32 realPoolCommitment;
    }
    mapping(uint256 => ContextTerms) private contextTermsAt;
    bytes32 public constant REAL_POOL_COMMITMENT = keccak256("realPoolCommitment");

    constructor(uint256 delay, bytes32[] memory keys, uint256[] memory values) {
        if (keys.length != values.length) revert LengthMismatch();
        governor = msg.sender;
        timelockDelay = delay;
        for (uint256 i = 0; i < keys.length; i++) get[keys[i]] = values[i];
        _checkInvariants(bytes32(0), 0);
        _packTerms();
        _recordContextTerms();
    }

    /// The four values submitCheckpoint needs, in one call (one storage slot).
    function checkpointTerms() external view returns (uint256 price, uint256 challengeWindow, uint256 minWindowEnergy, uint256 version) {
        uint256 t = terms;
        return (uint96(t >> 128), uint64(t >> 64), uint64(t), t >> 224);
    }

    function _packTerms() private {
        terms = (season << 224) | (get[ENERGY_PRICE] << 128) | (get[CHALLENGE_WINDOW] << 64) | get[MIN_WINDOW_ENERGY];
    }

    /// The context terms of season version v (all zero for a version that never existed).
    function contextTerms(uint256 v) external view returns (ContextTerms memory) {
        return contextTermsAt[v];
    }

    function _recordContextTerms() private {
        contextTermsAt[season] = ContextTerms(_seasonHash(), _trainingHash(), bytes32(get[REAL_POOL_COMMITMENT]));
    }

    /// combat/SeasonConstants.encode: the 21 fields as u16, in encoding order.
    function _seasonHash() private view returns (bytes32) {
        bytes32[21] memory k = [keccak256("arenaWidth"), keccak256("arenaHeight"), keccak256("wallPer256"), keccak256("hazardPer256"),
            keccak256("maxHp"), keccak256("maxStamina"), keccak256("actionStaminaCost"), keccak256("hazardStaminaCost"),
            keccak256("recoverStamina"), keccak256("blockBonus"), keccak256("blockCap"), keccak256("damageScale"),
            keccak256("maxPower"), keccak256("critPer256"), keccak256("critMultiplier"), keccak256("maxTurns"),
            keccak256("blockThreatScale"), keccak256("disengageStaminaCost"),
            keccak256("closingTurn"), keccak256("closingInterval"), keccak256("closingDamage")];
        bytes memory b = new bytes(42);
        for (uint256 i = 0; i < 21; i++) {
            uint256 v = get[k[i]];
            if (v > type(uint16).max) return bytes32(0);
            b[2 * i] = bytes1(uint8(v >> 8));
            b[2 * i + 1] = bytes1(uint8(v));
        }
        return keccak256(b);
    }

    /// curriculum/TrainingConstants.encode: i32 stepsPerEpoch, 16 x u8 lrShiftByEpoch[i], u8 powerEpoch, u8 blockEpoch,
    /// i64 baseStepCost, i64 growthSlotCost.
    function _trainingHash() private view returns (bytes32) {
        uint256 spe = get[keccak256("stepsPerEpoch")];
        uint256 power = get[keccak256("powerEpoch")];
        uint256 blk = get[keccak256("blockEpoch")];
        uint256 base = get[BASE_STEP_COST];
        uint256 growth = get[keccak256("growthSlotCost")];
        if (spe > uint256(uint32(type(int32).max)) || power > 255 || blk > 255 || base > uint256(uint64(type(int64).max))
            || growth > uint256(uint64(type(int64).max))) return bytes32(0);
        bytes32[16] memory lk = [keccak256("lrShiftByEpoch[0]"), keccak256("lrShiftByEpoch[1]"), keccak256("lrShiftByEpoch[2]"),
            keccak256("lrShiftByEpoch[3]"), keccak256("lrShiftByEpoch[4]"), keccak256("lrShiftByEpoch[5]"), keccak256("lrShiftByEpoch[6]"),
            keccak256("lrShiftByEpoch[7]"), keccak256("lrShiftByEpoch[8]"), keccak256("lrShiftByEpoch[9]"), keccak256("lrShiftByEpoch[10]"),
            keccak256("lrShiftByEpoch[11]"), keccak256("lrShiftByEpoch[12]"), keccak256("lrShiftByEpoch[13]"),
            keccak256("lrShiftByEpoch[14]"), keccak256("lrShiftByEpoch[15]")];
        bytes memory lr = new bytes(16);
        for (uint256 i = 0; i < 16; i++) {
            uint256 v = get[lk[i]];
            if (v > 255) return bytes32(0);
            lr[i] = bytes1(uint8(v));
        }
        return keccak256(abi.encodePacked(uint32(spe), lr, uint8(power), uint8(blk), uint64(base), uint64(growth)));
    }

    function proposalCount() external view returns (uint256) {
        return proposals.length;
    }

    function propose(bytes32 key, uint256 value) external returns (uint256 id) {
        if (msg.sender != governor) revert NotGovernor(msg.sender);
        id = proposals.length;
        uint64 eta = uint64(block.timestamp + timelockDelay);
        proposals.push(Proposal(key, value, eta, false));
        newestProposal[key] = id + 1;
        emit Proposed(id, key, value, eta);
    }

    function cancel(uint256 id) external {
        if (msg.sender != governor) revert NotGovernor(msg.sender);
        if (id >= proposals.length) revert NoSuchProposal(id);
        Proposal storage p = proposals[id];
        if (p.done) revert AlreadyDone(id);
        p.done = true;
        emit Cancelled(id);
    }

    /// Anyone may apply a proposal once its timelock has expired, within GRACE_PERIOD, if it is its key's newest.
    function applyProposal(uint256 id) external {
        if (id >= proposals.length) revert NoSuchProposal(id);
        Proposal storage p = proposals[id];
        if (p.done) revert AlreadyDone(id);
        if (block.timestamp < p.eta) revert TimelockNotExpired(id, p.eta, block.timestamp);
        if (block.timestamp > p.eta + GRACE_PERIOD) revert ProposalExpired(id, p.eta + GRACE_PERIOD, block.timestamp);
        uint256 newest = newestProposal[p.key] - 1;
        if (newest != id) revert SupersededProposal(id, newest);
        p.done = true;
        get[p.key] = p.value;
        _checkInvariants(p.key, p.value); // reverts the whole apply if the new value breaks an invariant
        season++;
        _packTerms();
        _recordContextTerms();
        emit Applied(id, p.key, p.value, season);
    }

    /// Longest duration a window or delay may have: the contracts add it to block.timestamp and cast to uint64.
    uint256 public constant MAX_DURATION = type(uint32).max;

    /// Every violation names the offending key and its value (the key being applied when it is the cause).
    function _checkInvariants(bytes32 key, uint256 value) private view {
        _atMost(CHALLENGE_WINDOW, MAX_DURATION);
        _atMost(DATASET_REVEAL_WINDOW, MAX_DURATION);
        _atMost(OWNER_CLOCK, MAX_DURATION);
        _atMost(COMMIT_WINDOW, MAX_DURATION);
        _atMost(REVEAL_WINDOW, MAX_DURATION);
        _atMost(UNBONDING_DELAY, MAX_DURATION);
        uint256 phases = get[CHALLENGE_WINDOW] + get[DATASET_REVEAL_WINDOW] + get[COMMIT_WINDOW] + get[REVEAL_WINDOW];
        if (get[UNBONDING_DELAY] <= phases) {
            bool phaseKey = key == CHALLENGE_WINDOW || key == DATASET_REVEAL_WINDOW || key == COMMIT_WINDOW || key == REVEAL_WINDOW;
            revert InvariantViolated(phaseKey ? key : UNBONDING_DELAY, phaseKey ? value : get[UNBONDING_DELAY]);
        }
        _atMost(QUORUM_BPS, 10000);
        _atMost(SUPERMAJORITY_BPS, 10000);
        if (get[SUPERMAJORITY_BPS] <= 5000) revert InvariantViolated(SUPERMAJORITY_BPS, get[SUPERMAJORITY_BPS]);
        _atMost(VALIDATOR_REWARD_BPS, 10000);
        _atMost(SLASH_BURN_BPS, 10000);
        _nonZero(BOND_MULTIPLIER);
        _nonZero(ENERGY_PRICE);
        _nonZero(MIN_STAKE);
        _atMost(ENERGY_PRICE, type(uint96).max); // a larger price overflows the 96-bit lock for any energyBurn > 0
        _atMost(MIN_WINDOW_ENERGY, type(uint64).max);
        _atMost(BASE_STEP_COST, type(uint64).max);
        // the floor may not refuse an honest window: a baseStepCost change that would needs the floor lowered first
        if (get[MIN_WINDOW_ENERGY] > hatchWindowEnergy()) {
            bool cost = key == BASE_STEP_COST;
            revert InvariantViolated(cost ? BASE_STEP_COST : MIN_WINDOW_ENERGY, cost ? value : get[MIN_WINDOW_ENERGY]);
        }
    }

    /// ENERGY of one honest window at the hatch mask under the baseStepCost in force (no growth spurt).
    function hatchWindowEnergy() public view returns (uint256) {
        return WINDOW_STEPS * ((get[BASE_STEP_COST] * HATCH_ACTIVE_PARAMS) / SLAB_PARAMS);
    }

    function _atMost(bytes32 k, uint256 max) private view {
        if (get[k] > max) revert InvariantViolated(k, get[k]);
    }

    function _nonZero(bytes32 k) private view {
        if (get[k] == 0) revert InvariantViolated(k, 0);
    }
}
