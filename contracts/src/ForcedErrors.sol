// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {PayloadLib} from "./PayloadLib.sol";
import {BeastNFT} from "./BeastNFT.sol";
import {Energy} from "./Energy.sol";
import {SeasonRegistry} from "./SeasonRegistry.sol";
import {CheckpointLedger} from "./CheckpointLedger.sol";
import {DisputeGame} from "./DisputeGame.sol";

/// Forced errors (issue 14 item 5; Truebit's and Autonet's idea): watching pays even when nobody cheats.
///
/// This contract owns the protocol's beasts (public ones, hatched here) and is the only way their checkpoints reach the
/// ledger. Every one of them is posted with a commitment c = keccak256(abi.encodePacked(h, bool forced, bytes32 salt)):
/// most windows are honest, now and then the keeper posts one it made wrong on purpose, and nobody can tell which
/// from the chain until the reveal. Each post reserves `reward` ENERGY from the pool. A wrong window is disputed like
/// any other through the DisputeGame, and the keeper plays the owner's side for real (it posts the digests of its own
/// wrong trace and opens whatever step is named), so a catch is a one-step proof re-executed by the verifier.
///
///   post(beastId, payload, seasonVersion, c)   keeper: deposits the window's lock from the pool, submits it, reserves
///                                              the reward
///   postDigests(h, digests)                    keeper: the owner's answer in the game (this contract is the owner)
///   reveal(h, forced, salt)                    anyone holding the salt, only after the challenge window and while no
///                                              game is open: CAUGHT (invalidated by proof: the game's challenger may
///                                              claim the reward), MISSED (a forced error that stood), DEFAULTED
///                                              (invalidated by the keeper's own timeout: no proof, no reward), STOOD
///                                              (an honest window); anything but CAUGHT returns the reward to the pool
///   claim(h)                                   anyone: pays a CAUGHT reward to the game's challenger, once; a post the
///                                              keeper never revealed counts as CAUGHT REVEAL_GRACE after its challenge
///                                              window when it was invalidated by proof (a catch never waits on the keeper)
///   fund(amount) / collect()                   anyone: ENERGY into the pool (governance funds it) / the bonds that
///                                              challengers of honest protocol windows lost, from the game into the pool
///
/// The reward depends only on public state: the ledger's status (INVALIDATED), how (`resubmittable` is set exactly when
/// the game invalidated by timeout) and the game's challenger. An honest protocol window proven wrong (a bug of the
/// keeper's, not a forced error) pays its catcher the same way. DisputeGame is not modified.
contract ForcedErrors {
    error NotKeeper(address caller);
    error NotTheLedgersGame(address game, address ledgersDisputeContract);
    error ZeroCommitment();
    error AlreadyPosted(bytes32 checkpointHash);
    error PoolTooSmall(uint256 available, uint256 needed);
    error NotPosted(bytes32 checkpointHash);
    error AlreadyRevealed(bytes32 checkpointHash, uint8 outcome);
    error RevealMismatch(bytes32 checkpointHash, bytes32 committed, bytes32 revealed);
    error RevealTooEarly(bytes32 checkpointHash, uint64 challengeDeadline);
    error GameInProgress(bytes32 checkpointHash, uint8 stage);
    error NotCaught(bytes32 checkpointHash, uint8 outcome);
    error AlreadyClaimed(bytes32 checkpointHash);
    error NotRevealedYet(bytes32 checkpointHash, uint256 graceEnds);
    error Reentrancy();

    event Posted(bytes32 indexed checkpointHash, uint256 indexed beastId, bytes32 commitment, uint256 reward, uint256 lockedEnergy);
    event Revealed(bytes32 indexed checkpointHash, uint256 indexed beastId, bool forced, uint8 outcome, address indexed catcher, uint256 reward);
    event Claimed(bytes32 indexed checkpointHash, address indexed catcher, uint256 reward);
    event Funded(address indexed from, uint256 amount);
    event RewardSet(uint256 reward);
    event KeeperSet(address keeper);

    uint8 public constant UNREVEALED = 0;
    uint8 public constant CAUGHT = 1;
    uint8 public constant MISSED = 2;
    uint8 public constant DEFAULTED = 3;
    uint8 public constant STOOD = 4;
    /// How long after a post's challenge window the keeper has to reveal before a catch is paid without it.
    uint256 public constant REVEAL_GRACE = 7 days;

    struct Entry {
        bytes32 commitment;
        uint256 beastId;
        uint128 reward;     // reserved at post, paid or returned at reveal
        uint8 outcome;
        bool claimed;
        address catcher;    // the game's challenger of a CAUGHT entry
    }

    BeastNFT public immutable beasts;
    Energy public immutable energy;
    SeasonRegistry public immutable season;
    CheckpointLedger public immutable ledger;
    DisputeGame public immutable game;

    address public keeper;
    uint256 public reward;
    /// ENERGY held for unrevealed entries and unclaimed catches; the pool is the rest of this contract's balance.
    uint256 public reserved;
    mapping(bytes32 => Entry) private entries;

    /// What makes idle watching visible: per address, the forced errors (and protocol bugs) it proved and the reward.
    mapping(address => uint256) public caughtBy;
    mapping(address => uint256) public earnedBy;
    uint256 public revealedForced;
    uint256 public caughtForced;
    uint256 private locked_ = 1;

    constructor(BeastNFT b, Energy e, SeasonRegistry s, CheckpointLedger l, DisputeGame g, uint256 reward_) {
        if (l.disputeManager() != address(g)) revert NotTheLedgersGame(address(g), l.disputeManager());
        beasts = b;
        energy = e;
        season = s;
        ledger = l;
        game = g;
        keeper = msg.sender;
        reward = reward_;
    }

    modifier onlyKeeper() {
        if (msg.sender != keeper) revert NotKeeper(msg.sender);
        _;
    }

    modifier nonReentrant() {
        if (locked_ != 1) revert Reentrancy();
        locked_ = 2;
        _;
        locked_ = 1;
    }

    /// ENERGY free for new posts (locks and rewards).
    function pool() public view returns (uint256) {
        return energy.balanceOf(address(this)) - reserved;
    }

    function getEntry(bytes32 h) external view returns (Entry memory) {
        return entries[h];
    }

    /// c = keccak256(abi.encodePacked(h, forced, salt)): what post takes and reveal checks.
    function commitmentOf(bytes32 h, bool forced, bytes32 salt) public pure returns (bytes32) {
        return keccak256(abi.encodePacked(h, forced, salt));
    }

    // ---- governance ----

    function setKeeper(address k) external onlyKeeper {
        keeper = k;
        emit KeeperSet(k);
    }

    /// The reward reserved by each later post (posts already made keep theirs).
    function setReward(uint256 r) external onlyKeeper {
        reward = r;
        emit RewardSet(r);
    }

    function fund(uint256 amount) external {
        energy.transferFrom(msg.sender, address(this), amount);
        emit Funded(msg.sender, amount);
    }

    /// Bonds the game credited to this contract as the owner of an upheld protocol window (a challenger that disputed
    /// an honest one without replaying it) go to the pool.
    function collect() external nonReentrant {
        uint256 a = game.owed(address(this));
        game.withdraw(); // reverts NothingToWithdraw when there is nothing
        emit Funded(address(game), a);
    }

    // ---- the protocol's beasts ----

    function hatch(uint64 seed) external onlyKeeper returns (uint256 id) {
        id = beasts.hatch(seed, bytes32(0), bytes32(0));
    }

    /// Submits a protocol window with its commitment; its lock comes from the pool, and `reward` is reserved for it.
    function post(uint256 beastId, bytes calldata payload, uint256 seasonVersion, bytes32 commitment)
        external onlyKeeper nonReentrant returns (bytes32 h)
    {
        if (commitment == bytes32(0)) revert ZeroCommitment();
        h = keccak256(payload);
        if (entries[h].commitment != bytes32(0)) revert AlreadyPosted(h);
        (uint256 price,,,) = season.checkpointTerms(); // the ledger's own source of the price
        uint256 cost = uint256(PayloadLib.parse(payload).energyBurn) * price;
        uint256 r = reward;
        uint256 free = pool();
        if (free < cost + r) revert PoolTooSmall(free, cost + r);
        reserved += r;
        entries[h] = Entry(commitment, beastId, uint128(r), UNREVEALED, false, address(0));
        energy.approve(address(ledger), cost);
        ledger.deposit(cost);
        ledger.submitCheckpointUnder(beastId, payload, seasonVersion);
        emit Posted(h, beastId, commitment, r, cost);
    }

    /// The owner's answer in the dispute game on a protocol window (protocol beasts are public: no secret, no records).
    function postDigests(bytes32 h, bytes32[] calldata digests) external onlyKeeper {
        game.postDigests(h, digests, bytes32(0), "");
    }

    // ---- reveal and reward ----

    /// Opens a post's commitment once its challenge window has passed and no game on it is open, and settles its reward.
    function reveal(bytes32 h, bool forced, bytes32 salt) external nonReentrant returns (uint8 outcome) {
        Entry storage e = entries[h];
        if (e.commitment == bytes32(0)) revert NotPosted(h);
        if (e.outcome != UNREVEALED) revert AlreadyRevealed(h, e.outcome);
        bytes32 got = commitmentOf(h, forced, salt);
        if (got != e.commitment) revert RevealMismatch(h, e.commitment, got);
        (, uint64 deadline,,, uint8 status) = ledger.records(h);
        if (block.timestamp <= deadline) revert RevealTooEarly(h, deadline);
        if (status == ledger.DISPUTED()) revert GameInProgress(h, game.getGame(h).stage);
        address catcher;
        (outcome, catcher) = _caught(h, status);
        if (outcome != CAUGHT) outcome = outcome == DEFAULTED ? DEFAULTED : forced ? MISSED : STOOD;
        e.outcome = outcome;
        uint256 r = e.reward;
        if (forced) revealedForced++;
        if (outcome == CAUGHT) {
            _credit(e, catcher, r);
            if (forced) caughtForced++;
        } else {
            reserved -= r; // back to the pool
        }
        emit Revealed(h, e.beastId, forced, outcome, catcher, r);
    }

    /// CAUGHT and the game's challenger when the ledger invalidated h by proof; DEFAULTED when by the keeper's own
    /// timeout (the game sets `resubmittable` exactly then); else UNREVEALED (the window stood).
    function _caught(bytes32 h, uint8 status) private view returns (uint8, address) {
        if (status != ledger.INVALIDATED()) return (UNREVEALED, address(0));
        if (ledger.resubmittable(h)) return (DEFAULTED, address(0));
        return (CAUGHT, game.getGame(h).challenger);
    }

    function _credit(Entry storage e, address catcher, uint256 r) private {
        e.catcher = catcher;
        caughtBy[catcher]++;
        earnedBy[catcher] += r;
    }

    /// Pays a CAUGHT entry's reward to the game's challenger (whoever sends it).
    function claim(bytes32 h) external nonReentrant {
        Entry storage e = entries[h];
        if (e.commitment == bytes32(0)) revert NotPosted(h);
        if (e.outcome == UNREVEALED) {
            // the keeper has not revealed in time: a window proven wrong pays its catcher anyway (the flag stays hidden)
            (, uint64 deadline,,, uint8 status) = ledger.records(h);
            uint256 graceEnds = uint256(deadline) + REVEAL_GRACE;
            if (block.timestamp <= graceEnds) revert NotRevealedYet(h, graceEnds);
            (uint8 outcome, address catcher) = _caught(h, status);
            if (outcome != CAUGHT) revert NotCaught(h, UNREVEALED);
            e.outcome = CAUGHT;
            _credit(e, catcher, e.reward);
        }
        if (e.outcome != CAUGHT) revert NotCaught(h, e.outcome);
        if (e.claimed) revert AlreadyClaimed(h);
        e.claimed = true;
        uint256 r = e.reward;
        reserved -= r;
        energy.transfer(e.catcher, r);
        emit Claimed(h, e.catcher, r);
    }
}
