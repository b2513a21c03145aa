package io.chainbeasts.client.model;

import io.chainbeasts.combat.Action;
import io.chainbeasts.combat.Appendage;
import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleState;
import io.chainbeasts.combat.Dir;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.Rules;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.engine.NetPolicy;
import io.chainbeasts.engine.NetShape;

import java.nio.file.Path;

/**
 * The inspector: a board (a battle seed's arena and fighters; either fighter can be moved) and what the beast
 * would do there, read from its net through {@link NetPolicy}: the move distribution over N, S, E, W and staying put, the
 * attack power and block outputs, and the action the appendage would commit this turn.
 */
public final class InspectorModel {
    /** What the beast wants on the board: move probabilities in per mille (N, S, E, W, stay), power and block outputs, the committed action. */
    public record View(int[] movePermille, int power, int block, Action action) {}

    private final String name;
    private final NetPolicy policy;
    private final SeasonConstants season = SeasonConstants.DEFAULT;
    private Arena arena;
    private Fighter self;
    private Fighter enemy;

    public InspectorModel(Path beast, long seed) {
        this.name = beast.getFileName().toString();
        this.policy = new NetPolicy(Contender.headState(beast), name);
        board(seed);
    }

    /** The board at the start of battle {@code seed}: the beast is A. */
    public void board(long seed) {
        BattleSetup s = BattleSetup.fromSeed(seed, season);
        arena = s.arena();
        self = s.initial().a();
        enemy = s.initial().b();
    }

    public String name() {
        return name;
    }

    public Arena arena() {
        return arena;
    }

    public BattleState state() {
        return new BattleState(0, self, enemy);
    }

    /** Moves the beast (side 0) or its enemy (side 1) to (x, y): a floor or hazard cell the other does not stand on. */
    public void place(int side, int x, int y) {
        if (!arena.inside(x, y) || !arena.passable(x, y)) throw new ClientError("(" + x + "," + y + ") is a wall or off the arena");
        Fighter other = side == 0 ? enemy : self;
        if (other.x() == x && other.y() == y) throw new ClientError("(" + x + "," + y + ") is taken by the " + (side == 0 ? "enemy" : "beast"));
        if (side == 0) self = self.at(x, y);
        else enemy = enemy.at(x, y);
    }

    public View view() {
        BattleState s = state();
        NetPolicy.Intent in = policy.intent(season, arena, s, 0);
        int[] permille = new int[NetShape.MOVE_OUTS];
        for (int k = 0; k < permille.length; k++) permille[k] = (int) ((in.moveProbabilityQ16()[k] * 1000L + 32768) >> 16);
        Fighter atCommit = self.withStamina(Rules.staminaAtCommit(self, season));
        Action a = Appendage.commit(policy.decide(season, arena, s, 0), arena, atCommit, enemy, season);
        return new View(permille, in.power(), in.block(), a);
    }
}
