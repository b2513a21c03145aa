package io.chainbeasts.combat;

import io.chainbeasts.core.CanonicalReader;
import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.core.Keccak256;

/**
 * A board seen from one creature's side: the arena, the creature itself and its enemy. This is
 * the unit of training data (a "sample") for every source: self-play, templates, real battles and
 * private datasets. Its Keccak-256 is the sample key used in lineage hashes and caches.
 *
 * <p>Canonical encoding: {@code Arena (u8 w, u8 h, w*h tiles), Fighter self (9 B), Fighter enemy (9 B), u16 turn}.
 * The turn (kernel v2) is the battle turn the board is at: the closing arena and the timeout depend on it.
 */
public record Board(Arena arena, Fighter self, Fighter enemy, int turn) {
    /** A board at turn 0. */
    public Board(Arena arena, Fighter self, Fighter enemy) {
        this(arena, self, enemy, 0);
    }

    /** The board from {@code side}'s point of view (0 = A, 1 = B), at the state's turn. */
    public static Board of(Arena arena, BattleState state, int side) {
        return new Board(arena, state.fighter(side), state.fighter(1 - side), state.turn());
    }

    /** As a battle state with self as A, at the board's turn, for the rules and the validator. */
    public BattleState asState() {
        return new BattleState(turn, self, enemy);
    }

    public void validate(SeasonConstants season) {
        if (arena.width() != season.arenaWidth() || arena.height() != season.arenaHeight()) {
            throw new InvalidStateException("board arena is " + arena.width() + "x" + arena.height()
                    + ", the season's is " + season.arenaWidth() + "x" + season.arenaHeight());
        }
        asState().validate(arena, season);
    }

    public void encode(CanonicalWriter w) {
        arena.encode(w);
        self.encode(w);
        enemy.encode(w);
        w.u16(turn);
    }

    public byte[] toBytes() {
        CanonicalWriter w = new CanonicalWriter(2 + arena.width() * arena.height() + 2 * Fighter.ENCODED_SIZE + 2);
        encode(w);
        return w.toByteArray();
    }

    public static Board decode(CanonicalReader r) {
        return new Board(Arena.decode(r), Fighter.decode(r, "self"), Fighter.decode(r, "enemy"), r.u16("turn"));
    }

    /** The sample key: Keccak-256 of the canonical encoding. */
    public byte[] key() {
        return Keccak256.hash(toBytes());
    }
}
