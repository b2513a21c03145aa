package io.chainbeasts.cli;

import io.chainbeasts.combat.Action;
import io.chainbeasts.combat.ActionKind;
import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.AsciiRenderer;
import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleSimulator;
import io.chainbeasts.combat.BattleState;
import io.chainbeasts.combat.Dir;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.Intents;
import io.chainbeasts.combat.Outcome;
import io.chainbeasts.combat.Policy;
import io.chainbeasts.combat.Rules;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.combat.TurnResolver;
import io.chainbeasts.datasets.BattleRecord;
import io.chainbeasts.datasets.BattleSampleGenerator;
import io.chainbeasts.datasets.CsvFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "coach", mixinStandardHelpOptions = true, description = "Coach demonstrations: play a beast's battles yourself.",
        subcommands = {CoachCommand.Record.class})
final class CoachCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return Usage.needSubcommand(spec);
    }

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = "Play one seeded battle turn by turn (commands on stdin) and write your decisions as CSV battle records "
                    + "(spec/datasets.md), ready for `dataset pack`.")
    static final class Record implements Callable<Integer> {
        @Option(names = "--beast", required = true, paramLabel = "SPEC",
                description = "the side you play: a beast directory, DIR@W, or greedy/random/search; its choice is offered as the suggestion")
        String beast;

        @Option(names = "--vs", required = true, paramLabel = "SPEC", description = "the opponent: " + PolicySpec.HELP)
        String vs;

        @Option(names = "--seed", required = true, description = "battle seed (decimal or 0x-hex)")
        String seed;

        @Option(names = "--side", defaultValue = "A", description = "A or B: the side you play (default ${DEFAULT-VALUE})")
        String side;

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE.csv", description = "the CSV to write (never over an existing file without --force)")
        Path out;

        @Option(names = "--force", description = "replace -o when it exists (default: refuse)")
        boolean force;

        @Override
        public Integer call() {
            long s = Seeds.parse("--seed", seed);
            int me = switch (side) {
                case "A", "a" -> 0;
                case "B", "b" -> 1;
                default -> throw new UserError("--side: '" + side + "' is not A or B");
            };
            Output.checkTarget("-o", out, force);
            PolicySpec mine = PolicySpec.parse("--beast", beast);
            PolicySpec foe = PolicySpec.parse("--vs", vs);
            SeasonConstants season = SeasonConstants.DEFAULT;
            BattleSetup setup = BattleSetup.fromSeed(s, season);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            Player player = new Player(in, System.out, System.console() == null, mine.create(s, me), mine.label(), foe.label());
            System.out.println("coach record: battle seed " + Long.toUnsignedString(s) + ", you play " + (me == 0 ? "A" : "B")
                    + " (suggestions from " + mine.label() + ") against " + foe.label());
            System.out.println(Player.HELP);
            BattleLog log;
            try {
                log = me == 0 ? BattleSimulator.run(setup, player, foe.create(s, 1)) : BattleSimulator.run(setup, foe.create(s, 0), player);
            } catch (Player.Quit q) {
                System.out.println("stopped at turn " + q.turn + "; nothing written to " + out);
                return 1;
            }
            BattleState last = log.finalState();
            System.out.print(AsciiRenderer.grid(setup.arena(), last));
            System.out.println("  " + AsciiRenderer.status(last));
            System.out.println("result: " + log.outcome() + " after " + log.turns().size() + " turns: you " + outcomeName(log.outcome(), me));
            System.out.println("battle hash: 0x" + log.hashHex());
            List<BattleRecord> rows = records(log, me);
            Output.create("-o", out, CsvFormat.writeRecords(rows), force);
            System.out.println("wrote " + rows.size() + " decisions to " + out + " (pack them with: chainbeasts dataset pack --in " + out + " -o FILE.zst)");
            return 0;
        }
    }

    /** One row per turn of {@code side} (spec/datasets.md battle records). */
    static List<BattleRecord> records(BattleLog log, int side) {
        List<BattleRecord> rows = new ArrayList<>();
        BattleState pre = log.setup().initial();
        for (BattleLog.Turn t : log.turns()) {
            rows.add(BattleSampleGenerator.row(log, pre, t, side));
            pre = t.post();
        }
        return rows;
    }

    private static String outcomeName(Outcome o, int side) {
        if (o.winner() == Outcome.DRAW) return "drew";
        return (o.winner() == Outcome.A_WINS) == (side == 0) ? "won" : "lost";
    }

    /**
     * The human side of the battle: shows the board, offers the suggestion of the side's own policy, reads a
     * command per turn, and refuses (one line, then asks again) anything the rules would not commit as typed.
     * What the rules commit is asked of {@link TurnResolver} itself (a pure function), so the check follows
     * the season's action mapping whatever it is.
     */
    static final class Player implements Policy {
        static final String HELP = "commands: n s e w = move, a = attack (at full power), b = block, r = rest, "
                + "Enter = the suggestion, ? = help, q = quit";

        /** Thrown when the player quits; nothing is written. */
        static final class Quit extends RuntimeException {
            private static final long serialVersionUID = 1L;
            final int turn;

            Quit(int turn) {
                super("quit at turn " + turn, null, false, false);
                this.turn = turn;
            }
        }

        private final BufferedReader in;
        private final PrintStream out;
        private final boolean echo;
        private final Policy advisor;
        private final String advisorName;
        private final String foeName;
        private BattleState previous;

        Player(BufferedReader in, PrintStream out, boolean echo, Policy advisor, String advisorName, String foeName) {
            this.in = in;
            this.out = out;
            this.echo = echo;
            this.advisor = advisor;
            this.advisorName = advisorName;
            this.foeName = foeName;
        }

        @Override
        public String name() {
            return "player";
        }

        @Override
        public int[] decide(SeasonConstants season, Arena arena, BattleState state, int side) {
            Fighter self = state.fighter(side);
            Fighter enemy = state.fighter(1 - side);
            int[] suggested = advisor.decide(season, arena, state, side);
            Action suggestion = Intents.committed(season, arena, state, side, suggested);
            show(season, arena, state, side, suggestion);
            if (suggestion.kind() == ActionKind.RECOVER) {
                out.println("  you are exhausted: RECOVER (the only legal action)");
                return suggested;
            }
            while (true) {
                out.print("turn " + state.turn() + " action [n s e w a b r, Enter = " + suggestion + "]> ");
                out.flush();
                String line;
                try {
                    line = in.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (line == null) {
                    out.println();
                    throw new UserError("stdin: ended at turn " + state.turn() + " before the battle was over; nothing was written");
                }
                String cmd = line.strip().toLowerCase(Locale.ROOT);
                if (echo) out.println(cmd);
                if (cmd.isEmpty()) return suggested;
                if (cmd.equals("q")) throw new Quit(state.turn());
                if (cmd.equals("?") || cmd.equals("h")) {
                    out.println("  " + HELP);
                    continue;
                }
                Action want = parse(cmd, self, season);
                if (want == null) {
                    out.println("  unknown command '" + line.strip() + "'; " + HELP);
                    continue;
                }
                int[] outputs = Intents.outputsFor(want);
                Action got = Intents.committed(season, arena, state, side, outputs);
                if (!got.equals(want)) {
                    out.println("  illegal: " + want + ": " + Intents.refusal(want, got, self, enemy) + "; choose again");
                    continue;
                }
                return outputs;
            }
        }

        /** The action typed, or null when it is not a command. */
        static Action parse(String cmd, Fighter self, SeasonConstants season) {
            switch (cmd) {
                case "n": return Action.move(Dir.N);
                case "s": return Action.move(Dir.S);
                case "e": return Action.move(Dir.E);
                case "w": return Action.move(Dir.W);
                case "b": return Action.BLOCK;
                case "r": return Action.REST;
                case "a": return Intents.fullAttack(self, season);
                default: return null;
            }
        }

        private void show(SeasonConstants season, Arena arena, BattleState state, int side, Action suggestion) {
            Fighter self = state.fighter(side);
            Fighter enemy = state.fighter(1 - side);
            char me = side == 0 ? 'A' : 'B';
            char it = side == 0 ? 'B' : 'A';
            out.println();
            out.printf(Locale.ROOT, "turn %d of at most %d%n", state.turn(), season.maxTurns());
            out.print(AsciiRenderer.grid(arena, state));
            out.printf(Locale.ROOT, "  legend: %c you, %c %s, # wall, ~ hazard (costs stamina), . floor; N is up%n", me, it, foeName);
            out.printf(Locale.ROOT, "  you   %c hp %3d stamina %2d block %2d atk %2d def %2d%n", me, self.hp(), self.stamina(),
                    self.tempDef(), self.attack(), self.defense());
            out.printf(Locale.ROOT, "  enemy %c hp %3d stamina %2d block %2d atk %2d def %2d%n", it, enemy.hp(), enemy.stamina(),
                    enemy.tempDef(), enemy.attack(), enemy.defense());
            if (previous != null) {
                out.printf(Locale.ROOT, "  last turn: you %s (hp %+d), enemy %s (hp %+d)%n", ActionKind.name(self.lastAction()),
                        self.hp() - previous.fighter(side).hp(), ActionKind.name(enemy.lastAction()), enemy.hp() - previous.fighter(1 - side).hp());
            }
            previous = state;
            out.printf(Locale.ROOT, "  distance %d; %s suggests %s%n", Rules.manhattan(self, enemy), advisorName, suggestion);
        }
    }
}
