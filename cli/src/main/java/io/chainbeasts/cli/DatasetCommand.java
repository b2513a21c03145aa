package io.chainbeasts.cli;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.datasets.DatasetException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "dataset", mixinStandardHelpOptions = true, description = "Coaching datasets: record, convert, pack, unpack, check.",
        subcommands = {DatasetCommand.Record.class, DatasetCommand.Convert.class, DatasetCommand.Pack.class, DatasetCommand.Unpack.class,
                DatasetCommand.Check.class})
final class DatasetCommand implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return Usage.needSubcommand(spec);
    }

    static int guard(Callable<Object> action) throws Exception {
        try {
            action.call();
            return 0;
        } catch (DatasetException e) {
            throw new UserError(e.getMessage());
        }
    }

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = "Record a coach's demonstrations: seeded battles of a policy or beast against an opponent, the coach's "
                    + "decisions written as CSV rows (examples/battle_samples.csv format) for `dataset pack`.")
    static final class Record implements Callable<Integer> {
        @Option(names = "--coach", required = true, description = "whose decisions to record: " + PolicySpec.HELP)
        String coach;
        @Option(names = "--vs", defaultValue = "greedy", description = "the opponent (default ${DEFAULT-VALUE})") String vs;
        @Option(names = "--battles", defaultValue = "40", description = "battles to play, sides alternating (default ${DEFAULT-VALUE})")
        int battles;
        @Option(names = "--seed", defaultValue = "0", description = "first battle index of the recording's own seed domain (default ${DEFAULT-VALUE})")
        String seed;
        @Option(names = {"-o", "--out"}, required = true, description = "the CSV file to write") Path out;
        @Option(names = "--force", description = "replace -o when it exists (default: refuse)") boolean force;
        @picocli.CommandLine.Mixin CoachDataOptions data;

        @Override
        public Integer call() {
            long first = Seeds.parse("--seed", seed);
            DemonstrationRecorder.Plan plan = data.plan(PolicySpec.parse("--coach", coach), PolicySpec.parse("--vs", vs), battles, first);
            Output.checkTarget("-o", out, force);
            DemonstrationRecorder.Recording r;
            try (InterruptNote note = new InterruptNote("dataset record: stopped; nothing was written to " + out
                    + " (it is written once every battle is recorded)")) {
                System.out.println("recording " + battles + " battle" + (battles == 1 ? "" : "s") + " of " + coach + " against " + vs + "...");
                r = DemonstrationRecorder.record(plan, SeasonConstants.DEFAULT);
                Output.create("-o", out, r.csv(), force);
            }
            String player = plan.player() == null ? coach : plan.player().label();
            System.out.println("recorded " + r.rows() + " decisions of " + coach + " in " + battles + " battles of " + player + " against " + vs
                    + " (" + r.wins() + " won, " + r.draws() + " drawn, " + r.losses() + " lost) into " + out);
            return 0;
        }
    }

    @Command(name = "convert", mixinStandardHelpOptions = true, description = "CSV battle samples to HDF5 (spec/datasets.md).")
    static final class Convert implements Callable<Integer> {
        @Option(names = {"--in", "--csv"}, required = true, paramLabel = "FILE", description = "battle samples CSV (spec/datasets.md; e.g. examples/battle_samples.csv)") Path csv;
        @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "the HDF5 file to write (a new file unless --force)") Path out;
        @Option(names = "--force", description = "replace -o when it exists (default: refuse)") boolean force;

        @Override
        public Integer call() throws Exception {
            return guard(() -> DatasetTool.convert(csv, out, force, SeasonConstants.DEFAULT, System.out));
        }
    }

    @Command(name = "pack", mixinStandardHelpOptions = true,
            description = "Pack samples (CSV, HDF5 or packed) into a zstd private dataset and print C_dataset; a row's demonstrated "
                    + "action (and outcome) is kept, and an action that is not legal on its board is refused by file, line and column.")
    static final class Pack implements Callable<Integer> {
        @Option(names = "--in", required = true, paramLabel = "FILE", description = "the boards to pack: CSV, HDF5 (.h5) or a packed dataset (.zst)") Path in;
        @Option(names = {"-o", "--out"}, required = true, paramLabel = "D.zst", description = "the packed dataset to write (a new file unless --force)") Path out;
        @Option(names = "--force", description = "replace -o when it exists (default: refuse)") boolean force;

        @Override
        public Integer call() throws Exception {
            return guard(() -> DatasetTool.pack(in, out, force, SeasonConstants.DEFAULT, System.out));
        }
    }

    @Command(name = "unpack", mixinStandardHelpOptions = true, description = "Unpack a private dataset to CSV: each sample's board, turn, demonstrated action and outcome, what the "
            + "commitment covers (the battle_seed and side columns of the packed CSV are not kept in a dataset).")
    static final class Unpack implements Callable<Integer> {
        @Option(names = "--in", required = true, paramLabel = "D.zst", description = "the packed dataset") Path in;
        @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "the CSV to write (a new file unless --force)") Path out;
        @Option(names = "--force", description = "replace -o when it exists (default: refuse)") boolean force;
        @Option(names = "--commitment", paramLabel = "HEX", description = "expected C_dataset (0x + 64 hex digits); refuse the file if it differs") String commitment;

        @Override
        public Integer call() throws Exception {
            return guard(() -> DatasetTool.unpack(in, out, force, commitment, SeasonConstants.DEFAULT, System.out));
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Verify a private dataset (and its commitment).")
    static final class Check implements Callable<Integer> {
        @Option(names = "--in", required = true, paramLabel = "D.zst", description = "the packed dataset") Path in;
        @Option(names = "--commitment", paramLabel = "HEX", description = "expected C_dataset (0x + 64 hex digits)") String commitment;
        @Option(names = "--records-root", paramLabel = "HEX", description = "expected R_dataset, the records commitment (0x + 64 hex digits)") String recordsRoot;

        @Override
        public Integer call() throws Exception {
            return guard(() -> DatasetTool.check(in, commitment, recordsRoot, SeasonConstants.DEFAULT, System.out));
        }
    }
}
