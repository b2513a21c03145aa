package io.chainbeasts.node;

import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * An operator's stake in ValidatorRegistry: bond more (approve + stake), start unbonding part of it (released after
 * the season's unbondingDelay), and take released stake back. Refusals the contract would revert with are said
 * first, in one line, before any transaction (the balance, the stake, the release time).
 */
public final class ValidatorStake {
    private final ChainSession s;

    public ValidatorStake(ChainSession s) {
        this.s = s;
    }

    /** The key's position in the registry. */
    public record Position(BigInteger staked, BigInteger minStake, boolean active, BigInteger unbonding, long releaseAt, BigInteger balance) {}

    /** A transaction sent, with its gas. */
    public record Sent(String what, BigInteger gas) {}

    public Position position() {
        String me = s.address();
        return new Position(s.view(s.d.validators.stakeOf(me), "ValidatorRegistry.stakeOf"),
                s.view(s.d.validators.minStake(), "ValidatorRegistry.minStake"),
                s.view(s.d.validators.isActive(me), "ValidatorRegistry.isActive"),
                s.view(s.d.validators.unbondingOf(me), "ValidatorRegistry.unbondingOf"),
                s.view(s.d.validators.releaseAt(me), "ValidatorRegistry.releaseAt").longValue(),
                s.view(s.d.energy.balanceOf(me), "Energy.balanceOf"));
    }

    /** Bonds {@code amount} more ENERGY (wei). */
    public List<Sent> stake(BigInteger amount) {
        if (amount.signum() <= 0) throw new ChainError(s.command + ": --amount: must be more than 0");
        BigInteger bal = s.view(s.d.energy.balanceOf(s.address()), "Energy.balanceOf");
        if (bal.compareTo(amount) < 0) {
            throw new ChainError(s.command + ": --key: " + s.address() + " holds " + ChainSession.energy(bal) + ", staking needs " + ChainSession.energy(amount));
        }
        List<Sent> sent = new ArrayList<>();
        TransactionReceipt a = s.tx(s.d.energy, s.d.energy.approve(s.d.validators.getContractAddress(), amount), "Energy.approve");
        sent.add(new Sent("approve", a.getGasUsed()));
        TransactionReceipt t = s.tx(s.d.validators, s.d.validators.stake(amount), "ValidatorRegistry.stake");
        sent.add(new Sent("stake", t.getGasUsed()));
        return sent;
    }

    /** Moves {@code amount} of the bonded stake into the unbonding queue (the whole queue's delay restarts). */
    public List<Sent> unstake(BigInteger amount) {
        if (amount.signum() <= 0) throw new ChainError(s.command + ": --amount: must be more than 0");
        BigInteger staked = s.view(s.d.validators.stakeOf(s.address()), "ValidatorRegistry.stakeOf");
        if (staked.compareTo(amount) < 0) {
            throw new ChainError(s.command + ": --amount: " + s.address() + " has " + ChainSession.energy(staked) + " staked, less than " + ChainSession.energy(amount));
        }
        TransactionReceipt t = s.tx(s.d.validators, s.d.validators.requestUnbond(amount), "ValidatorRegistry.requestUnbond");
        return List.of(new Sent("requestUnbond", t.getGasUsed()));
    }

    /** Takes the released unbonding stake back to the key's balance. */
    public List<Sent> withdrawUnbonded() {
        Position p = position();
        if (p.unbonding().signum() == 0) throw new ChainError(s.command + ": " + s.address() + " has nothing unbonding (`chain unstake --amount E` starts it)");
        if (s.now() < p.releaseAt()) {
            throw new ChainError(s.command + ": " + ChainSession.energy(p.unbonding()) + " is still unbonding: released in " + io.chainbeasts.core.Durations.of(p.releaseAt() - s.now())
                    + " (`chain unstake` prints the local time)");
        }
        TransactionReceipt t = s.tx(s.d.validators, s.d.validators.withdrawUnbonded(), "ValidatorRegistry.withdrawUnbonded");
        return List.of(new Sent("withdrawUnbonded", t.getGasUsed()));
    }
}
