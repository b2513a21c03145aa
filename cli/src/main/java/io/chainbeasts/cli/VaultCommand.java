package io.chainbeasts.cli;

import io.chainbeasts.combat.SeasonConstants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "vault", mixinStandardHelpOptions = true,
        description = "The owner's secret vault (Tink AEAD; password from CHAINBEASTS_VAULT_PASSWORD or a prompt).",
        subcommands = {VaultCommand.Init.class, VaultCommand.New.class, VaultCommand.Import.class, VaultCommand.Export.class,
            VaultCommand.ListSecrets.class, VaultCommand.Reveal.class,
            VaultCommand.VerifyReveal.class})
final class VaultCommand implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return Usage.needSubcommand(spec);
    }

    /**
     * Which vault entry: a name of your choosing (--name, e.g. before the beast is hatched), or a hatched beast's
     * directory (--beast DIR, as everywhere else), which names the entry by the beast's token id.
     */
    static final class Entry {
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "the vault entry's name (any text, e.g. the beast's token id)")
        String name;

        @Option(names = "--beast", required = true, paramLabel = "DIR", description = "a hatched beast's directory: the entry named by its beast id")
        Path beast;

        String name() {
            if (name != null) {
                if (name.isBlank()) throw new UserError("--name: must not be empty");
                return name;
            }
            return Beasts.open(beast).identity().beastId().toString();
        }

        /** The hatched beast --beast names (its commitments check what goes into or out of its entry); null for --name. */
        io.chainbeasts.checkpoint.BeastStore.Identity identity() {
            if (beast == null) return null;
            var id = Beasts.open(beast).identity();
            if (!id.isPrivate()) throw new UserError("--beast " + beast + ": beast #" + id.beastId() + " is public (hatched without a dataset); it has no secret");
            return id;
        }
    }

    static char[] password() {
        return VaultTool.password(System.getenv());
    }

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Create an empty vault.")
    static final class Init implements Callable<Integer> {
        @Option(names = "--vault", required = true, paramLabel = "FILE", description = "the vault file (encrypted; password from CHAINBEASTS_VAULT_PASSWORD or a prompt)") Path vault;

        @Override
        public Integer call() throws Exception {
            return DatasetCommand.guard(() -> {
                VaultTool.init(vault, password(), System.out);
                return null;
            });
        }
    }

    @Command(name = "new", mixinStandardHelpOptions = true, description = "Generate S_owner for a beast; prints keccak256(S_owner).")
    static final class New implements Callable<Integer> {
        @Option(names = "--vault", required = true, paramLabel = "FILE", description = "the vault file (encrypted; password from CHAINBEASTS_VAULT_PASSWORD or a prompt)") Path vault;
        @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1") Entry entry;

        @Override
        public Integer call() throws Exception {
            return DatasetCommand.guard(() -> VaultTool.newSecret(vault, password(), entry.name(), System.out));
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Store the S_owner of a secret file (hatch --new-secret) in the vault; prints keccak256(S_owner).")
    static final class Import implements Callable<Integer> {
        @Option(names = "--vault", required = true, paramLabel = "FILE", description = "the vault file (encrypted; password from CHAINBEASTS_VAULT_PASSWORD or a prompt)") Path vault;
        @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1") Entry entry;
        @Option(names = "--secret", required = true, paramLabel = "FILE", description = "the secret file (64 hex digits; from hatch --new-secret)") Path secret;

        @Override
        public Integer call() throws Exception {
            var id = entry.identity();
            return DatasetCommand.guard(() -> VaultTool.importSecret(vault, password(), entry.name(), secret,
                    id == null ? null : id.secretCommitment(), System.out));
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write a beast's S_owner to a new secret file (mode 600) for hatch/train --secret.")
    static final class Export implements Callable<Integer> {
        @Option(names = "--vault", required = true, paramLabel = "FILE", description = "the vault file (encrypted; password from CHAINBEASTS_VAULT_PASSWORD or a prompt)") Path vault;
        @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1") Entry entry;
        @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "the secret file to write (mode 600; a new file unless --force)") Path out;
        @Option(names = "--force", description = "replace -o when it exists (default: refuse)") boolean force;

        @Override
        public Integer call() throws Exception {
            return DatasetCommand.guard(() -> {
                VaultTool.exportSecret(vault, password(), entry.name(), out, force, System.out);
                return null;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the beasts with a secret in the vault.")
    static final class ListSecrets implements Callable<Integer> {
        @Option(names = "--vault", required = true, paramLabel = "FILE", description = "the vault file (encrypted; password from CHAINBEASTS_VAULT_PASSWORD or a prompt)") Path vault;

        @Override
        public Integer call() throws Exception {
            return DatasetCommand.guard(() -> {
                VaultTool.list(vault, password(), System.out);
                return null;
            });
        }
    }

    @Command(name = "reveal", mixinStandardHelpOptions = true, description = "Export the reveal bundle {dataset bytes, S_owner} a dispute needs.")
    static final class Reveal implements Callable<Integer> {
        @Option(names = "--vault", required = true, paramLabel = "FILE", description = "the vault file (encrypted; password from CHAINBEASTS_VAULT_PASSWORD or a prompt)") Path vault;
        @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1") Entry entry;
        @Option(names = "--dataset", required = true, paramLabel = "D.zst", description = "the packed private dataset the beast committed to") Path dataset;
        @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "the reveal bundle to write (a new file unless --force)") Path out;
        @Option(names = "--force", description = "replace -o when it exists (default: refuse)") boolean force;

        @Override
        public Integer call() throws Exception {
            return DatasetCommand.guard(() -> VaultTool.exportReveal(vault, password(), entry.name(), dataset, out, force, SeasonConstants.DEFAULT,
                    entry.identity(), System.out));
        }
    }

    @Command(name = "verify-reveal", mixinStandardHelpOptions = true, description = "Check a reveal bundle against C_dataset and the secret commitment.")
    static final class VerifyReveal implements Callable<Integer> {
        @Option(names = "--bundle", required = true, paramLabel = "FILE", description = "the reveal bundle (from `vault reveal`)") Path bundle;
        @Option(names = "--dataset-commitment", required = true, paramLabel = "HEX", description = "the beast's C_dataset (0x + 64 hex digits; `hatch` prints it)") String datasetCommitment;
        @Option(names = "--secret-commitment", required = true, paramLabel = "HEX", description = "the beast's keccak256(S_owner) (0x + 64 hex digits)") String secretCommitment;

        @Override
        public Integer call() throws Exception {
            return DatasetCommand.guard(() -> VaultTool.verifyReveal(bundle, datasetCommitment, secretCommitment, SeasonConstants.DEFAULT, System.out));
        }
    }
}
