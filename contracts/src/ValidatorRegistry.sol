// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Energy} from "./Energy.sol";
import {SeasonRegistry} from "./SeasonRegistry.sol";

/// Staked validators. A validator is active while its bonded stake is at least the season's
/// minStake. Unbonding moves stake into a queue released after unbondingDelay, which the season
/// keeps longer than challenge + dataset-reveal + commit + reveal windows; unbonding stake stays
/// slashable, so leaving never escapes a slash.
contract ValidatorRegistry {
    error InsufficientStake(uint256 staked, uint256 requested);
    error NothingUnbonded();
    error StillUnbonding(uint64 releaseAt, uint256 nowTs);
    error NotDisputeManager(address caller);
    error AlreadyWired();
    error ZeroAmount();

    event Staked(address indexed validator, uint256 amount, uint256 total);
    event UnbondRequested(address indexed validator, uint256 amount, uint64 releaseAt);
    event Unbonded(address indexed validator, uint256 amount);
    event Slashed(address indexed validator, uint256 amount);

    Energy public immutable energy;
    SeasonRegistry public immutable season;
    address public immutable deployer;
    address public disputeManager;

    mapping(address => uint256) public stakeOf;
    mapping(address => uint256) public unbondingOf;
    mapping(address => uint64) public releaseAt;
    uint256 public totalStaked;
    uint256 public totalUnbonding;
    /// Whether the validator is counted in activeCount. Kept per validator because isActive depends on the
    /// current minStake: comparing before/after against a changed minStake double-counted or underflowed.
    mapping(address => bool) public counted;
    /// Block in which the validator was last counted active (0: never counted). DisputeManager lets only validators
    /// counted before a dispute's filing block vote on it, so stake cannot be added in reaction to a dispute.
    mapping(address => uint64) public activeSince;
    /// Number of validators with counted == true.
    uint256 public activeCount;

    constructor(Energy e, SeasonRegistry s) {
        energy = e;
        season = s;
        deployer = msg.sender;
    }

    function setDisputeManager(address dm) external {
        if (msg.sender != deployer || disputeManager != address(0)) revert AlreadyWired();
        disputeManager = dm;
    }

    function minStake() public view returns (uint256) {
        return season.get(season.MIN_STAKE());
    }

    function isActive(address v) public view returns (bool) {
        return stakeOf[v] >= minStake();
    }

    function stake(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        energy.transferFrom(msg.sender, address(this), amount);
        stakeOf[msg.sender] += amount;
        totalStaked += amount;
        _track(msg.sender);
        emit Staked(msg.sender, amount, stakeOf[msg.sender]);
    }

    /// Moves stake into the unbonding queue; a new request restarts the delay for the whole queue.
    function requestUnbond(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        uint256 s = stakeOf[msg.sender];
        if (s < amount) revert InsufficientStake(s, amount);
        stakeOf[msg.sender] = s - amount;
        totalStaked -= amount;
        unbondingOf[msg.sender] += amount;
        totalUnbonding += amount;
        uint64 release = uint64(block.timestamp + season.get(season.UNBONDING_DELAY()));
        releaseAt[msg.sender] = release;
        _track(msg.sender);
        emit UnbondRequested(msg.sender, amount, release);
    }

    function withdrawUnbonded() external {
        uint256 u = unbondingOf[msg.sender];
        if (u == 0) revert NothingUnbonded();
        if (block.timestamp < releaseAt[msg.sender]) revert StillUnbonding(releaseAt[msg.sender], block.timestamp);
        unbondingOf[msg.sender] = 0;
        totalUnbonding -= u;
        energy.transfer(msg.sender, u);
        emit Unbonded(msg.sender, u);
    }

    /// Takes up to `amount` from the bonded stake, then from the unbonding queue, and sends it
    /// to the DisputeManager. Returns what was actually taken.
    function slash(address v, uint256 amount) external returns (uint256 taken) {
        if (msg.sender != disputeManager) revert NotDisputeManager(msg.sender);
        uint256 s = stakeOf[v];
        uint256 fromStake = s < amount ? s : amount;
        stakeOf[v] = s - fromStake;
        totalStaked -= fromStake;
        uint256 rest = amount - fromStake;
        uint256 u = unbondingOf[v];
        uint256 fromQueue = u < rest ? u : rest;
        unbondingOf[v] = u - fromQueue;
        totalUnbonding -= fromQueue;
        taken = fromStake + fromQueue;
        _track(v);
        if (taken > 0) energy.transfer(msg.sender, taken);
        emit Slashed(v, taken);
    }

    /// Re-counts one validator against the current minStake (anyone may call it after a minStake change).
    function sync(address v) external {
        _track(v);
    }

    function _track(address v) private {
        bool now_ = isActive(v);
        if (now_ == counted[v]) return;
        counted[v] = now_;
        if (now_) {
            activeCount++;
            activeSince[v] = uint64(block.number);
        } else {
            activeCount--;
        }
    }
}
