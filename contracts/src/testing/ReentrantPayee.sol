// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Energy, IEnergyReceiver} from "../Energy.sol";

/// Test fixture: an account (challenger, validator, owner) whose ENERGY receive hook re-enters a
/// payout function. Records how often the re-entry was attempted and whether it succeeded.
contract ReentrantPayee is IEnergyReceiver {
    address public immutable operator;
    Energy public immutable energy;
    address public target;
    bytes public reentryCall;
    uint256 public attempts;
    uint256 public successes;
    bytes public lastRevert;

    constructor(Energy e) {
        operator = msg.sender;
        energy = e;
        e.setReceiveHook(true);
    }

    function arm(address t, bytes calldata data) external {
        require(msg.sender == operator, "operator");
        target = t;
        reentryCall = data;
    }

    /// Lets the operating test account act through this contract.
    function exec(address t, bytes calldata data) external returns (bytes memory) {
        require(msg.sender == operator, "operator");
        (bool ok, bytes memory ret) = t.call(data);
        if (!ok) assembly { revert(add(ret, 32), mload(ret)) }
        return ret;
    }

    function onEnergyReceived(address, uint256) external override {
        if (msg.sender != address(energy) || target == address(0)) return;
        attempts++;
        (bool ok, bytes memory ret) = target.call(reentryCall);
        if (ok) successes++;
        else lastRevert = ret;
    }
}
