package io.chainbeasts.client.model;

import io.chainbeasts.combat.Action;
import io.chainbeasts.combat.ActionKind;
import io.chainbeasts.combat.Appendage;
import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleSimulator;
import io.chainbeasts.combat.BattleState;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Intents;
import io.chainbeasts.combat.Outcome;
import io.chainbeasts.combat.Policy;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.AtomicFile;
import io.chainbeasts.datasets.BattleRecord;
import io.chainbeasts.datasets.CsvFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Coaching: the player is side A and picks an intent each turn (move, attack with a power, block, rest); the
 * opponent is a baseline or a beast. The battle itself is always {@link BattleSimulator#run}: the player's
 * intents so far, then rests, give a full log whose first turns are exactly the turns played (the turn stream
 * and the opponent depend on nothing later). The combat appendage maps an intent to the committed action
 * (an exhausted creature recovers, an attack needs a neighbour). Decisions are saved as CSV rows in the format
 * of examples/battle_samples.csv (spec/datasets.md), side A's view, never over an existing file.
 */
public final class CoachModel {
    private final Contender opponent;
    private final long seed;
    private final BattleSetup setup;
    private final List<int[]> intents = new ArrayList<>();
    private BattleLog preview;

    public CoachModel(Contender opponent, long seed) {
        this.opponent = opponent;
        this.seed = seed;
        this.setup = BattleSetup.fromSeed(seed, SeasonConstants.DEFAULT);
        simulate();
    }

    private void simulate() {
        List<int[]> fixed = List.copyOf(intents);
        Policy you = new Policy() {
            @Override
            public int[] decide(SeasonConstants season, Arena arena, BattleState state, int side) {
                int t = state.turn();
                return t < fixed.size() ? fixed.get(t).clone() : new int[Appendage.OUTPUTS]; // not played yet: rest
            }

            @Override
            public String name() {
                return "you";
            }
        };
        preview = BattleSimulator.run(setup, you, opponent.policy(seed, 1));
    }

    /**
     * Plays one turn with the action the player chose; an action the rules would not commit on this board (a step
     * into a wall, an attack from afar) is refused with the reason, as {@code coach record} refuses it, and nothing is
     * played. An exhausted beast recovers whatever was chosen: it is the only legal action.
     */
    public void play(Action want) {
        if (over()) throw new ClientError("the battle is over: save your decisions or start a new battle");
        ReplayModel r = replay();
        BattleState s = r.state();
        int[] outputs = Intents.outputsFor(want);
        Action got = Intents.committed(setup.season(), setup.arena(), s, 0, outputs);
        if (!got.equals(want) && got.kind() != ActionKind.RECOVER) {
            throw new ClientError(want + " is not possible: " + Intents.refusal(want, got, s.a(), s.b()) + "; choose again");
        }
        decide(outputs);
    }

    /** An attack at the beast's full power, as {@code coach record}'s {@code a}. */
    public Action attack() {
        return Intents.fullAttack(replay().state().a(), setup.season());
    }

    /** Plays one turn with these policy outputs, whatever the rules make of them; ignored once the battle is over. */
    public void decide(int[] outputs) {
        if (over()) return;
        intents.add(outputs.clone());
        simulate();
    }

    public long seed() {
        return seed;
    }

    public Contender opponent() {
        return opponent;
    }

    /** Turns played so far. */
    public int played() {
        return Math.min(intents.size(), preview.turns().size());
    }

    public boolean over() {
        return intents.size() >= preview.turns().size();
    }

    /** The battle so far as a replay at its last played turn (the arena, bars and markers show it). */
    public ReplayModel replay() {
        ReplayModel r = new ReplayModel(new BattleFile.Battle(preview, "you", opponent.policyName()));
        r.seek(played());
        return r;
    }

    /** The battle log once over (null before). */
    public BattleLog log() {
        return over() ? preview : null;
    }

    /** Side A's boards and committed actions, one row per turn played, with the battle's outcome for A. */
    public List<BattleRecord> rows() {
        if (!over()) throw new ClientError("finish the battle first; the rows carry its outcome");
        List<BattleRecord> out = new ArrayList<>();
        BattleState pre = setup.initial();
        int outcome = switch (preview.outcome().winner()) {
            case Outcome.A_WINS -> BattleRecord.WIN;
            case Outcome.B_WINS -> BattleRecord.LOSS;
            default -> BattleRecord.DRAW;
        };
        for (BattleLog.Turn t : preview.turns()) {
            out.add(new BattleRecord(seed, pre.turn(), 0, Board.of(setup.arena(), pre, 0), t.a().action(), outcome));
            pre = t.post();
        }
        return out;
    }

    /** Writes the rows as CSV; an existing file is never replaced. */
    public void save(Path file) {
        List<BattleRecord> rows = rows();
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) throw new ClientError("cannot write " + file + ": its folder does not exist");
        if (Files.exists(file)) throw new ClientError(file + " already exists; choose another name (nothing was overwritten)");
        try {
            AtomicFile.create(file, CsvFormat.writeRecords(rows));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new ClientError(file + " already exists; choose another name (nothing was overwritten)");
        } catch (IOException e) {
            throw new ClientError("cannot write " + file + ": " + ClientError.sentence(e));
        }
    }
}
