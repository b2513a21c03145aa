package io.chainbeasts.client.model;

import io.chainbeasts.combat.ActionKind;
import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleState;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.Rules;
import io.chainbeasts.combat.SideReport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the replay viewer shows of a {@link BattleLog}: the cursor (turns shown, 0..turns), play/pause,
 * speed 0.25x..8x, the state and the last turn's markers at the cursor, the event log up to it, and the
 * "replays to the same hash" check. No Gdx types; the screen calls {@link #update} once a frame.
 */
public final class ReplayModel {
    public static final float[] SPEEDS = {0.25f, 0.5f, 1f, 2f, 4f, 8f};
    /** Turns per second at 1x. */
    public static final float TURNS_PER_SECOND = 2f;

    /** What one side did in the turn that led to the shown state, for the arena's markers. */
    public record Marker(int side, int kind, int fromX, int fromY, int toX, int toY, int dir, int moveOutcome, boolean hit,
                         int damage, boolean crit) {
        public boolean moved() {
            return fromX != toX || fromY != toY;
        }

        public boolean guards() {
            return ActionKind.guards(kind);
        }
    }

    /** The result of replaying the log's bytes through the rules. */
    public record HashCheck(boolean same, String text) {}

    private final BattleFile.Battle battle;
    private final BattleLog log;
    private int cursor;
    private boolean playing;
    private int speedIndex = 2;
    private float accum;

    public ReplayModel(BattleFile.Battle battle) {
        this.battle = battle;
        this.log = battle.log();
    }

    public BattleFile.Battle battle() {
        return battle;
    }

    public BattleLog log() {
        return log;
    }

    public int turns() {
        return log.turns().size();
    }

    public int maxTurns() {
        return log.setup().season().maxTurns();
    }

    public int cursor() {
        return cursor;
    }

    public boolean playing() {
        return playing;
    }

    public boolean atEnd() {
        return cursor == turns();
    }

    public float speed() {
        return SPEEDS[speedIndex];
    }

    public int speedIndex() {
        return speedIndex;
    }

    /** Fraction (0..1) of the way to the next turn while playing, for smooth movement. */
    public float between() {
        return playing && !atEnd() ? accum : 0f;
    }

    /** Advances playback by {@code seconds} of wall time. */
    public void update(float seconds) {
        if (!playing) return;
        accum += seconds * TURNS_PER_SECOND * speed();
        while (accum >= 1f && cursor < turns()) {
            cursor++;
            accum -= 1f;
        }
        if (atEnd()) {
            playing = false;
            accum = 0f;
        }
    }

    /** Play from the start when at the end, else toggle play/pause. */
    public void togglePlay() {
        if (playing) {
            playing = false;
            accum = 0f;
            return;
        }
        if (atEnd()) cursor = 0;
        playing = turns() > 0;
    }

    public void pause() {
        playing = false;
        accum = 0f;
    }

    public void stepForward() {
        pause();
        seek(cursor + 1);
    }

    public void stepBack() {
        pause();
        seek(cursor - 1);
    }

    public void seek(int turn) {
        cursor = Math.max(0, Math.min(turns(), turn));
        accum = 0f;
    }

    public void faster() {
        speedIndex = Math.min(SPEEDS.length - 1, speedIndex + 1);
    }

    public void slower() {
        speedIndex = Math.max(0, speedIndex - 1);
    }

    public void speedIndex(int i) {
        speedIndex = Math.max(0, Math.min(SPEEDS.length - 1, i));
    }

    public String speedLabel() {
        float s = speed();
        return (s == (int) s ? Integer.toString((int) s) : Float.toString(s)) + "x";
    }

    /** The state after {@code cursor} turns. */
    public BattleState state() {
        return stateAfter(cursor);
    }

    public BattleState stateAfter(int turns) {
        return turns == 0 ? log.setup().initial() : log.turns().get(turns - 1).post();
    }

    public String turnLabel() {
        return "turn " + cursor + "/" + maxTurns();
    }

    /** The markers of the turn that led to the shown state; empty at turn 0. */
    public List<Marker> markers() {
        if (cursor == 0) return List.of();
        BattleLog.Turn t = log.turns().get(cursor - 1);
        BattleState pre = stateAfter(cursor - 1);
        return List.of(marker(0, t.a(), pre, t), marker(1, t.b(), pre, t));
    }

    private static Marker marker(int side, SideReport r, BattleState pre, BattleLog.Turn t) {
        var from = pre.fighter(side);
        var to = t.post().fighter(side);
        return new Marker(side, r.action().kind(), from.x(), from.y(), to.x(), to.y(), r.action().dir(), r.moveOutcome(), r.hit(),
                r.damage(), t.input().crit(side) && r.hit());
    }

    /** One line per turn resolved so far, oldest first. */
    public List<String> events() {
        List<String> out = new ArrayList<>(cursor + 2);
        for (int i = 0; i < cursor; i++) out.add(eventLine(log.setup(), log.turns().get(i)));
        if (atEnd()) out.add("result: " + outcomeText());
        return out;
    }

    public static String eventLine(BattleSetup setup, BattleLog.Turn t) {
        return String.format(Locale.ROOT, "%2d  A %s%s%s | B %s%s%s", t.post().turn(), t.a().describe(),
                t.input().critA() && t.a().hit() ? " CRIT" : "", closing(setup, t, 0), t.b().describe(),
                t.input().critB() && t.b().hit() ? " CRIT" : "", closing(setup, t, 1));
    }

    /** The closing arena's bite on {@code side} this turn (the log's reports do not carry it; the rules say where it applied). */
    private static String closing(BattleSetup setup, BattleLog.Turn t, int side) {
        Fighter f = t.post().fighter(side);
        int radius = Rules.safeRadius(t.post().turn() - 1, setup.arena(), setup.season());
        return Rules.outsideSafeZone(f, radius, setup.arena()) ? ", -" + setup.season().closingDamage() + " HP outside the ring" : "";
    }

    /** The safe zone's Chebyshev radius around the arena's centre during the turn that follows the cursor; -1 before the arena closes. */
    public int safeRadius() {
        return Rules.safeRadius(state().turn(), log.setup().arena(), log.setup().season());
    }

    public String outcomeText() {
        return log.outcome() + " after " + turns() + " turns";
    }

    public String hashText() {
        return "0x" + log.hashHex();
    }

    /** Replays the log's bytes through the rules and compares the hash (fast: a battle is at most maxTurns turns). */
    public HashCheck checkHash() {
        try {
            BattleLog again = BattleLog.replay(log.toBytes());
            boolean same = Arrays.equals(again.hash(), log.hash());
            return new HashCheck(same, same ? "replays to the same hash" : "replays to another hash: 0x" + again.hashHex());
        } catch (RuntimeException e) {
            return new HashCheck(false, "does not replay: " + ClientError.sentence(e));
        }
    }

}
