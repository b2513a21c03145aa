package io.chainbeasts.combat;

import io.chainbeasts.core.CanonicalReader;
import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The canonical record of a battle and its Keccak-256 battle hash. It records the policies'
 * outputs, not the policies, so anyone can replay it without the nets.
 *
 * <pre>
 *  offset  field
 *  0       "CBLG" magic (4 bytes)
 *  4       u8 version (= 1)
 *  5       BattleSetup (i64 seed, SeasonConstants 34 B, Arena 2 + w*h B, BattleState 20 B, i64 turnSeed)
 *  ..      u16 turnCount
 *  ..      turnCount x { TurnInput 51 B, SideReport a 7 B, SideReport b 7 B, BattleState post 20 B }
 *  ..      u8 winner, u8 reason
 * </pre>
 */
public final class BattleLog {
    public static final byte[] MAGIC = {'C', 'B', 'L', 'G'};
    public static final int VERSION = 1;

    /** One resolved turn as recorded. */
    public record Turn(TurnInput input, SideReport a, SideReport b, BattleState post) {}

    private final BattleSetup setup;
    private final List<Turn> turns;
    private final Outcome outcome;
    private final byte[] bytes;

    BattleLog(BattleSetup setup, List<Turn> turns, Outcome outcome) {
        this.setup = setup;
        this.turns = List.copyOf(turns);
        this.outcome = outcome;
        this.bytes = encode(setup, this.turns, outcome);
    }

    public BattleSetup setup() {
        return setup;
    }

    public List<Turn> turns() {
        return turns;
    }

    public Outcome outcome() {
        return outcome;
    }

    public BattleState finalState() {
        return turns.isEmpty() ? setup.initial() : turns.get(turns.size() - 1).post();
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    public byte[] hash() {
        return Keccak256.hash(bytes);
    }

    public String hashHex() {
        return Hex.of(hash());
    }

    private static byte[] encode(BattleSetup setup, List<Turn> turns, Outcome outcome) {
        CanonicalWriter w = new CanonicalWriter(256 + turns.size() * 90);
        w.bytes(MAGIC).u8(VERSION);
        setup.encode(w);
        w.u16(turns.size());
        for (Turn t : turns) {
            t.input().encode(w);
            t.a().encode(w);
            t.b().encode(w);
            t.post().encode(w);
        }
        w.u8(outcome.winner()).u8(outcome.reason());
        return w.toByteArray();
    }

    /**
     * Decodes a log and replays every turn through the rules; throws {@link DecodeException} naming
     * the first turn whose recorded report, post-state or outcome differs from the replay.
     */
    public static BattleLog replay(byte[] data) {
        CanonicalReader r = new CanonicalReader(data);
        if (!Arrays.equals(r.bytes(4, "magic"), MAGIC)) throw new DecodeException("not a battle log (bad magic)");
        int version = r.u8("version");
        if (version != VERSION) throw new DecodeException("battle log version " + version + " is not supported (expected " + VERSION + ")");
        BattleSetup setup = BattleSetup.decode(r);
        int count = r.u16("turnCount");
        List<Turn> turns = new ArrayList<>(count);
        BattleState state = setup.initial();
        for (int i = 0; i < count; i++) {
            TurnInput input = TurnInput.decode(r);
            byte[] recorded = r.bytes(2 * 7 + BattleState.ENCODED_SIZE, "turn " + i + " result");
            TurnResolver.TurnResult res;
            try {
                res = TurnResolver.resolve(setup.season(), setup.arena(), state, input);
            } catch (InvalidStateException e) {
                throw new DecodeException("turn " + i + ": " + e.getMessage());
            }
            Turn t = new Turn(input, res.a(), res.b(), res.post());
            CanonicalWriter w = new CanonicalWriter();
            t.a().encode(w);
            t.b().encode(w);
            t.post().encode(w);
            if (!Arrays.equals(w.toByteArray(), recorded)) {
                throw new DecodeException("turn " + i + ": recorded result " + Hex.of(recorded)
                        + " differs from the replay " + Hex.of(w.toByteArray()));
            }
            turns.add(t);
            state = res.post();
        }
        Outcome outcome = new Outcome(r.u8("winner"), r.u8("reason"));
        r.end("battle log");
        Outcome replayed = Outcome.of(state, setup.season());
        if (!replayed.equals(outcome)) {
            throw new DecodeException("recorded outcome " + outcome + " differs from the replay " + replayed);
        }
        return new BattleLog(setup, turns, outcome);
    }
}
