package io.chainbeasts.cli;

import io.chainbeasts.node.ChainSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.math.BigInteger;
import java.util.concurrent.Callable;

@Command(name = "mint", mixinStandardHelpOptions = true,
        description = "ENERGY faucet for a local chain: the Energy admin (the deployer, anvil:0 after `chain up`) mints ENERGY to an address.")
final class ChainMintCommand implements Callable<Integer> {
    @Mixin
    ChainOptions chain;

    @Option(names = "--to", required = true, description = "recipient: 0x address, or anvil:N")
    String to;

    @Option(names = "--amount", required = true, description = "ENERGY (decimal, 18 decimals), e.g. 10000")
    String amount;

    @Override
    public Integer call() {
        BigInteger a = ChainSession.parseEnergy("--amount", amount);
        try (ChainSession s = chain.session("chain mint", true)) {
            String addr = to.startsWith("anvil:") ? ChainSession.credentials("chain mint", to, s.client.chainId()).getAddress() : to;
            if (!addr.matches("0x[0-9a-fA-F]{40}")) throw new UserError("chain mint: --to: '" + to + "' is not an address (0x + 40 hex digits) or anvil:N");
            var r = s.tx(s.d.energy, s.d.energy.mint(addr, a), "Energy.mint");
            BigInteger bal = s.view(s.d.energy.balanceOf(addr), "Energy.balanceOf");
            System.out.println("minted " + ChainSession.energy(a) + " to " + addr + " (gas " + r.getGasUsed() + "); balance " + ChainSession.energy(bal));
            return 0;
        }
    }
}
