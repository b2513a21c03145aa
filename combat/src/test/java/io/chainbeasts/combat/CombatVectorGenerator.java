package io.chainbeasts.combat;

import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.core.Vectors;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code spec/vectors/combat/turns.json}. The scenarios (pre-state and input) are written
 * by hand below; the post-states come from the reference rules and were reviewed case by case
 * against SPEC.md when the file was first generated. Re-run only when the rules change on purpose:
 * {@code mvn -q -pl combat exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.chainbeasts.combat.CombatVectorGenerator}
 */
public final class CombatVectorGenerator {
    static final SeasonConstants S = SeasonConstants.DEFAULT;
    static final String[] BASIC = {".....", ".#...", "..~..", ".....", "....."};
    static final String[] OPEN = {".....", ".....", ".....", ".....", "....."};
    private final List<Object> cases = new ArrayList<>();

    static final int REST = ActionKind.REST;
    static final int MOVE = ActionKind.MOVE;
    static final int ATTACK = ActionKind.ATTACK;
    static final int BLOCK = ActionKind.BLOCK;
    static final int RECOVER = ActionKind.RECOVER;

    static Fighter f(int x, int y) {
        return new Fighter(x, y, 60, 12, 15, 0, 0, REST);
    }

    static Fighter f(int x, int y, int hp, int stamina, int attack, int defense, int tempDef, int last) {
        return new Fighter(x, y, hp, stamina, attack, defense, tempDef, last);
    }

    static int[] move(int dir) {
        int[] o = new int[6];
        o[dir] = 1;
        return o;
    }

    static int[] atk(int power) {
        return new int[] {0, 0, 0, 0, power, 0};
    }

    static int[] block() {
        return new int[] {0, 0, 0, 0, 0, 1};
    }

    static int[] rest() {
        return new int[6];
    }

    static int[] out(int n, int s, int e, int w, int p, int b) {
        return new int[] {n, s, e, w, p, b};
    }

    void valid(String name, String note, String[] arena, int turn, Fighter a, Fighter b, int[] outA, int[] outB,
               boolean critA, boolean critB, boolean initB) {
        BattleState pre = new BattleState(turn, a, b);
        TurnInput in = new TurnInput(outA, outB, critA, critB, initB);
        TurnResolver.TurnResult r = TurnResolver.resolve(S, Arena.parse(arena), pre, in);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", name);
        o.put("note", note);
        o.put("arena", List.of(arena));
        o.put("pre", CombatVectors.state(pre));
        o.put("input", CombatVectors.input(in));
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("a", r.a().describe());
        rep.put("b", r.b().describe());
        o.put("report", rep);
        o.put("post", CombatVectors.state(r.post()));
        o.put("postHex", Hex.of(r.post().toBytes()));
        o.put("outcome", Outcome.of(r.post(), S).toString());
        cases.add(o);
    }

    void valid(String name, String note, String[] arena, Fighter a, Fighter b, int[] outA, int[] outB) {
        valid(name, note, arena, 0, a, b, outA, outB, false, false, false);
    }

    void invalid(String name, String note, String[] arena, int turn, Fighter a, Fighter b, int[] outA, int[] outB, String error) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", name);
        o.put("note", note);
        o.put("arena", List.of(arena));
        o.put("pre", CombatVectors.state(new BattleState(turn, a, b)));
        o.put("input", CombatVectors.input(new TurnInput(outA, outB, false, false, false)));
        o.put("error", error);
        cases.add(o);
    }

    void build() {
        Fighter farB = f(4, 0);
        // Movement.
        valid("move_n", "plain move north onto floor", BASIC, f(0, 4), farB, move(Dir.N), rest());
        valid("move_s", "plain move south", BASIC, f(0, 2), farB, move(Dir.S), rest());
        valid("move_e", "plain move east", BASIC, f(0, 4), farB, move(Dir.E), rest());
        valid("move_w", "plain move west", BASIC, f(3, 4), farB, move(Dir.W), rest());
        valid("wall_bump", "moving north into the wall at (1,1) is cancelled", BASIC, f(1, 2), farB, move(Dir.N), rest());
        valid("wall_bump_from_side", "moving east into the wall at (1,1) from (0,1)", BASIC, f(0, 1), farB, move(Dir.E), rest());
        valid("edge_bump_north", "the grid edge behaves like a wall", BASIC, f(0, 0), farB, move(Dir.N), rest());
        valid("edge_bump_west", "west edge", BASIC, f(0, 3), farB, move(Dir.W), rest());
        valid("edge_bump_south_east", "both creatures bump the south and east edges", BASIC, f(0, 4), f(4, 3), move(Dir.S), move(Dir.E));
        valid("hazard_entry", "entering the hazard at (2,2) costs 2 stamina", BASIC, f(2, 3), farB, move(Dir.N), rest());
        valid("hazard_entry_low_stamina", "hazard cost saturates stamina at 0", BASIC, f(2, 1, 60, 1, 15, 0, 0, REST), farB, move(Dir.S), rest());
        valid("hazard_leave", "leaving a hazard costs nothing", BASIC, f(2, 2, 60, 7, 15, 0, 0, MOVE), farB, move(Dir.W), rest());
        valid("hazard_rest", "resting on a hazard costs nothing", BASIC, f(2, 2, 60, 7, 15, 0, 0, MOVE), farB, rest(), rest());
        valid("collide_same_cell_initiative_a", "both step onto (1,3); A holds the initiative", OPEN, 0,
                f(0, 3), f(2, 3), move(Dir.E), move(Dir.W), false, false, false);
        valid("collide_same_cell_initiative_b", "both step onto (1,3); B holds the initiative", OPEN, 0,
                f(0, 3), f(2, 3), move(Dir.E), move(Dir.W), false, false, true);
        valid("move_into_vacating_cell", "A steps into B's cell as B leaves it: A is cancelled, B moves", OPEN,
                f(1, 1), f(3, 1), move(Dir.E), move(Dir.E));
        valid("adjacent_move_into_enemy", "v2: the enemy's cell is not an open step, so A's only positive move logit gives REST", OPEN,
                f(1, 1), f(2, 1), move(Dir.E), rest());
        valid("flee", "adjacent B steps away while A rests: disengaging costs B 2 stamina (12 -> 10)", OPEN, f(1, 1), f(2, 1), rest(), move(Dir.E));
        valid("sidestep_costs_stamina", "v2: a move made while adjacent costs 2 stamina even sideways", OPEN, f(1, 1), f(2, 1), move(Dir.S), rest());
        valid("approach_is_free", "v2: a move made while not adjacent costs nothing, even when it ends adjacent", OPEN,
                f(0, 1), f(2, 1), move(Dir.E), rest());
        valid("disengage_then_hazard", "v2: disengaging onto a hazard pays both: 12 - 2 - 2 = 8", BASIC,
                f(2, 3), f(2, 4), move(Dir.N), rest());
        valid("disengage_saturates_at_zero", "v2: stamina 1 disengaging saturates at 0", OPEN,
                f(1, 1, 60, 1, 15, 0, 0, MOVE), f(2, 1), move(Dir.W), rest());
        valid("both_move_end_adjacent", "both move, ending adjacent", OPEN, f(0, 0), f(3, 0), move(Dir.E), move(Dir.W));
        // Commit (appendage).
        valid("argmax_tie_prefers_north", "equal move logits: N wins the tie", OPEN, f(2, 2), farB, out(5, 5, 5, 5, 0, 0), rest());
        valid("argmax_east", "the largest logit picks the direction", OPEN, f(2, 2), farB, out(-3, 2, 9, 8, 0, 0), rest());
        valid("nonpositive_logits_rest", "no positive move logit: REST", OPEN, f(2, 2), farB, out(0, -1, -7, 0, 0, 0), rest());
        valid("argmax_skips_wall", "v2: N is a wall, so the best open step E is taken though N's logit is larger (onto the hazard: 12 - 2 = 10)", BASIC,
                f(1, 2), farB, out(9, 0, 5, 0, 0, 0), rest());
        valid("argmax_skips_edge", "v2: W is the edge: the best open step S is taken", OPEN, f(0, 2), farB, out(0, 3, 0, 9, 0, 0), rest());
        valid("block_flag_far", "block flag when not adjacent: BLOCK", OPEN, f(2, 2), farB, out(9, 0, 0, 0, 15, 1), rest());
        valid("attack_beats_block_flag", "adjacent with power: ATTACK wins over the block flag", OPEN,
                f(1, 1), f(2, 1), out(0, 0, 0, 0, 15, 1), rest());
        valid("diagonal_is_not_adjacent", "diagonal neighbours cannot attack: falls through to the move logits", OPEN,
                f(1, 1), f(2, 2), out(0, 3, 0, 0, 15, 0), rest());
        valid("power_saturates_high", "v2: any positive power output is a full-power (15) attack", OPEN, f(1, 1), f(2, 1), atk(100), rest());
        valid("power_capped_by_attack_stat", "attack stat 10 caps power at 10", OPEN,
                f(1, 1, 60, 12, 10, 0, 0, REST), f(2, 1), atk(15), rest());
        valid("power_negative_no_attack", "power output <= 0: no attack, falls through to REST", OPEN,
                f(1, 1), f(2, 1), atk(-5), rest());
        valid("attack_stat_zero_cannot_attack", "v2: attack stat 0 cannot attack: falls through to the block flag", OPEN,
                f(1, 1, 60, 12, 0, 0, 0, REST), f(2, 1), out(0, 0, 0, 0, 15, 1), rest());
        // Attack and damage.
        valid("attack_no_defense", "15 * 256 / 256 = 15", OPEN, f(1, 1), f(2, 1), atk(15), rest());
        valid("attack_defense_32", "floor(15 * 256 / 288) = 13", OPEN, f(1, 1), f(2, 1, 60, 12, 15, 32, 0, REST), atk(15), rest());
        valid("attack_into_tempdef", "defense 16 + tempDef 64: floor(15*256/336) = 11, tempDef resets", OPEN,
                f(1, 1), f(2, 1, 60, 12, 15, 16, 64, REST), atk(15), rest());
        valid("attack_max_defense", "defense 255 + tempDef 96: floor(15*256/607) = 6", OPEN,
                f(1, 1), f(2, 1, 60, 12, 15, 255, 96, BLOCK), atk(15), rest());
        valid("attack_power_1_is_full_power", "v2: power output 1 is a full-power attack: floor(15*256/320) = 12, tempDef resets", OPEN,
                f(1, 1), f(2, 1, 60, 12, 15, 32, 32, BLOCK), atk(1), rest());
        valid("attack_zero_damage", "attack stat 1 vs defense 255 + tempDef 96: floor(256/607) = 0 damage, still a hit", OPEN,
                f(1, 1, 60, 12, 1, 0, 0, REST), f(2, 1, 60, 12, 15, 255, 96, BLOCK), atk(1), rest());
        valid("crit_doubles", "crit: 15 * 2 = 30", OPEN, 0, f(1, 1), f(2, 1), atk(15), rest(), true, false, false);
        valid("crit_with_defense", "crit on floor(15*256/288)=13: 26 (v2: full power)", OPEN, 0,
                f(1, 1), f(2, 1, 60, 12, 15, 32, 0, REST), atk(12), rest(), true, false, false);
        valid("simultaneous_attacks", "both hit at once, both at full power", OPEN, f(1, 1), f(1, 2), atk(15), atk(9));
        valid("attack_misses_fleeing_target", "B steps away after A committed: the attack misses; B pays 2 for disengaging", OPEN,
                f(1, 1), f(2, 1), atk(15), move(Dir.E));
        valid("block_then_hit_same_turn", "B blocks (tempDef 32) before A's hit lands: floor(15*256/288)=13, reset", OPEN,
                f(1, 1), f(2, 1, 60, 12, 15, 0, 0, REST), atk(15), block());
        valid("hp_floor_zero", "damage above HP leaves 0 HP (KO)", OPEN, f(1, 1), f(2, 1, 5, 12, 15, 0, 0, REST), atk(15), rest());
        valid("ko_both_draw", "both knocked out in the same turn with equal margins (10 - 15 each): draw", OPEN, 0,
                f(1, 1, 10, 12, 15, 0, 0, ATTACK), f(2, 1, 10, 12, 15, 0, 0, ATTACK), atk(15), atk(15), false, false, false);
        valid("double_knockout_a_stands", "v2: both reach 0 HP; A's margin 12 - 15 = -3 beats B's 5 - 15 = -10: A stands on 1 HP and wins", OPEN, 0,
                f(1, 1, 12, 12, 15, 0, 0, ATTACK), f(2, 1, 5, 12, 15, 0, 0, ATTACK), atk(15), atk(15), false, false, false);
        valid("double_knockout_b_stands", "v2: B's margin counts its crit-free hit taken: B (14 - 15 = -1) beats A (4 - 30 = -26 after B's crit)", OPEN, 0,
                f(1, 1, 4, 12, 15, 0, 0, ATTACK), f(2, 1, 14, 12, 15, 0, 0, ATTACK), atk(15), atk(13), false, true, false);
        valid("b_attacks_blocked_a", "A guarded earlier (tempDef 64): B's hit uses it then resets it", OPEN,
                f(1, 1, 60, 12, 15, 0, 64, BLOCK), f(1, 0), rest(), atk(15));
        // Block.
        valid("block_adds_32", "tempDef 0 -> 32", OPEN, f(1, 1), farB, block(), rest());
        valid("block_cap", "tempDef 80 + 32 caps at 96", OPEN, f(1, 1, 60, 12, 15, 0, 80, BLOCK), farB, block(), rest());
        valid("block_keeps_until_hit", "not hit: tempDef persists into the next turn", OPEN,
                f(1, 1, 60, 12, 15, 0, 32, BLOCK), farB, rest(), rest());
        // Stamina.
        valid("stamina_cost_after_attack", "last action ATTACK: stamina 5 -> 4 at the start of the turn", OPEN,
                f(1, 1, 60, 5, 15, 0, 0, ATTACK), farB, rest(), rest());
        valid("stamina_cost_after_block", "last action BLOCK: stamina 5 -> 4", OPEN, f(1, 1, 60, 5, 15, 0, 32, BLOCK), farB, rest(), rest());
        valid("no_cost_after_move", "last action MOVE costs nothing", OPEN, f(1, 1, 60, 5, 15, 0, 0, MOVE), farB, rest(), rest());
        valid("stamina_hits_zero_recover", "last ATTACK with stamina 1: 0 -> exhausted -> RECOVER (tempDef +32, stamina 6)", OPEN,
                f(1, 1, 60, 1, 15, 0, 0, ATTACK), f(2, 1), atk(15), rest());
        valid("exhausted_ignores_outputs", "stamina 0: outputs are ignored, RECOVER", OPEN,
                f(1, 1, 60, 0, 15, 0, 0, MOVE), f(2, 1), atk(15), rest());
        valid("exhausted_move_ignored", "stamina 0: the move is ignored too", OPEN,
                f(1, 1, 60, 0, 15, 0, 0, MOVE), farB, move(Dir.S), rest());
        valid("exhausted_block_recover", "stamina 0 after a BLOCK: still 0, RECOVER adds to tempDef", OPEN,
                f(1, 1, 60, 0, 15, 0, 32, BLOCK), farB, block(), rest());
        valid("recover_costs_nothing_next", "last action RECOVER is free at the start of the next turn", OPEN,
                f(1, 1, 60, 6, 15, 0, 32, RECOVER), farB, rest(), rest());
        valid("exhausted_b_takes_reduced_hit", "exhausted B recovers (+32) before A's hit: floor(15*256/288) = 13", OPEN,
                f(1, 1), f(2, 1, 60, 0, 15, 0, 0, MOVE), atk(15), rest());
        // Victory and timeout.
        valid("ko_a_wins", "B at 5 HP is knocked out: A wins", OPEN, f(1, 1), f(2, 1, 5, 12, 15, 0, 0, REST), atk(15), rest());
        valid("timeout_more_hp_wins", "turn 59 -> 60: both outside the closed arena's centre cell lose 2 HP; timeout, A has more HP", OPEN, 59,
                f(1, 1, 40, 12, 15, 0, 0, REST), f(3, 3, 30, 12, 15, 0, 0, REST), rest(), rest(), false, false, false);
        valid("timeout_equal_hp_draw", "turn 59 -> 60 with equal HP (both lose 2 outside the zone): draw", OPEN, 59,
                f(1, 1, 30, 12, 15, 0, 0, REST), f(3, 3, 30, 12, 15, 0, 0, REST), rest(), rest(), false, false, false);
        valid("timeout_after_last_hit", "the last hit of turn 60 counts before the timeout", OPEN, 59,
                f(1, 1, 30, 12, 15, 0, 0, REST), f(2, 1, 40, 12, 15, 0, 0, REST), atk(15), rest(), false, false, false);
        // The closing arena (v2): from turn 30 on a 5x5 arena the safe square shrinks from radius 2 by one every 3 turns.
        valid("closing_not_yet", "v2: turn 29: the arena has not started closing, nobody loses HP", OPEN, 29,
                f(0, 0), f(4, 4), rest(), rest(), false, false, false);
        valid("closing_radius_2_is_whole_arena", "v2: turn 30, radius 2 covers the whole 5x5 arena: nobody loses HP", OPEN, 30,
                f(0, 0), f(4, 4), rest(), rest(), false, false, false);
        valid("closing_radius_1", "v2: turn 33, radius 1: A at the corner (0,0) loses 2 HP, B at (2,1) is safe", OPEN, 33,
                f(0, 0), f(2, 1), rest(), rest(), false, false, false);
        valid("closing_step_into_safety", "v2: turn 36, radius 0: A steps from (1,2) onto the centre and is safe; B at (4,4) loses 2", OPEN, 36,
                f(1, 2), f(4, 4), move(Dir.E), rest(), false, false, false);
        valid("closing_knockout", "v2: B at 2 HP outside the zone is knocked out by the arena itself: A wins", OPEN, 40,
                f(2, 2), f(0, 0, 2, 12, 15, 0, 0, REST), rest(), rest(), false, false, false);

        // Invalid inputs: the resolver must reject these.
        invalid("off_grid_x", "a.x = 5 on a 5x5 grid", OPEN, 0, f(5, 0), farB, rest(), rest(), "off the 5x5 grid");
        invalid("off_grid_y", "b.y = 9 on a 5x5 grid", OPEN, 0, f(0, 0), f(1, 9), rest(), rest(), "off the 5x5 grid");
        invalid("stamina_above_max", "stamina 13 > maxStamina 12", OPEN, 0, f(0, 0, 60, 13, 15, 0, 0, REST), farB, rest(), rest(), "a.stamina = 13");
        invalid("stamina_8bit_overflow", "stamina 300 is not an 8-bit value", OPEN, 0, f(0, 0, 60, 300, 15, 0, 0, REST), farB, rest(), rest(), "a.stamina = 300");
        invalid("unknown_tile", "tile 'X' is not FLOOR, WALL or HAZARD", new String[] {".....", ".X...", ".....", ".....", "....."},
                0, f(0, 0), farB, rest(), rest(), "unknown tile");
        invalid("ragged_arena", "rows of different lengths", new String[] {".....", "....", ".....", ".....", "....."},
                0, f(0, 0), farB, rest(), rest(), "row 1");
        invalid("shared_cell", "both creatures on (2,2)", OPEN, 0, f(2, 2), f(2, 2), rest(), rest(), "share the cell");
        invalid("on_wall", "a creature inside a wall", BASIC, 0, f(1, 1), farB, rest(), rest(), "stands on a wall");
        invalid("hp_above_max", "hp 61 > maxHp 60", OPEN, 0, f(0, 0, 61, 12, 15, 0, 0, REST), farB, rest(), rest(), "a.hp = 61");
        invalid("negative_hp", "hp -1", OPEN, 0, f(0, 0), f(4, 0, -1, 12, 15, 0, 0, REST), rest(), rest(), "b.hp = -1");
        invalid("tempdef_above_cap", "tempDef 97 > cap 96", OPEN, 0, f(0, 0, 60, 12, 15, 0, 97, REST), farB, rest(), rest(), "a.tempDef = 97");
        invalid("unknown_last_action", "lastAction 9", OPEN, 0, f(0, 0, 60, 12, 15, 0, 0, 9), farB, rest(), rest(), "lastAction 9");
        invalid("battle_over_ko", "B is already at 0 HP", OPEN, 0, f(0, 0), f(4, 0, 0, 12, 15, 0, 0, REST), rest(), rest(), "battle is over");
        invalid("battle_over_timeout", "turn 60 is the last", OPEN, 60, f(0, 0), farB, rest(), rest(), "battle is over");
        invalid("turn_past_max", "turn 61 > maxTurns 60", OPEN, 61, f(0, 0), farB, rest(), rest(), "past maxTurns");
        invalid("five_outputs", "a policy must give six outputs", OPEN, 0, f(0, 0), farB, new int[5], rest(), "expected 6");
        invalid("attack_above_max_power", "attack stat 16 > maxPower 15", OPEN, 0, f(0, 0, 60, 12, 16, 0, 0, REST), farB, rest(), rest(), "a.attack = 16");
    }

    public static void main(String[] args) throws Exception {
        CombatVectorGenerator g = new CombatVectorGenerator();
        g.build();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("description", "ChainBeasts combat turn vectors: pre-state + input -> post-state (SPEC.md 'Turn resolution'). "
                + "Cases with 'error' must be rejected with a message containing that text. Season: DEFAULT (spec/vectors/combat/season.json).");
        root.put("cases", g.cases);
        Path out = Vectors.path("combat/turns.json");
        Files.writeString(out, Json.pretty(root), StandardCharsets.UTF_8);
        Map<String, Object> season = new LinkedHashMap<>();
        io.chainbeasts.core.CanonicalWriter w = new io.chainbeasts.core.CanonicalWriter();
        S.encode(w);
        season.put("constants", S.toString());
        season.put("encodingHex", Hex.of(w.toByteArray()));
        Files.writeString(Vectors.path("combat/season.json"), Json.pretty(season), StandardCharsets.UTF_8);
        System.out.println("wrote " + g.cases.size() + " cases to " + out);
    }
}
