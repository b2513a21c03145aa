package io.chainbeasts.client.ui;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.g2d.Batch;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.graphics.g2d.GlyphLayout;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import com.badlogic.gdx.math.Rectangle;
import com.badlogic.gdx.scenes.scene2d.ui.Widget;
import io.chainbeasts.client.model.ReplayModel;
import io.chainbeasts.combat.ActionKind;
import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.BattleState;
import io.chainbeasts.combat.Dir;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.Rules;
import io.chainbeasts.combat.MoveOutcome;
import io.chainbeasts.combat.Tile;

import java.util.List;

/**
 * The arena: floor, walls and hazards, both creatures (A blue, B orange), and the markers of the last turn:
 * move trails, bumps, attacks with their damage, and block shields. Draws what it is given; no rules here.
 */
public final class ArenaView extends Widget {
    private final ChainBeastsGame game;
    private Arena arena;
    private BattleState state;
    private BattleState next;
    private float between;
    private List<ReplayModel.Marker> markers = List.of();
    private float[] heat;
    private int safeRadius = -1;
    private final GlyphLayout layout = new GlyphLayout();

    public ArenaView(ChainBeastsGame game) {
        this.game = game;
    }

    /** What to draw: {@code next} (may be null) and {@code between} (0..1) slide the creatures toward the coming turn. */
    public void show(Arena arena, BattleState state, BattleState next, float between, List<ReplayModel.Marker> markers) {
        this.arena = arena;
        this.state = state;
        this.next = next;
        this.between = between;
        this.markers = markers;
    }

    public Arena arena() {
        return arena;
    }

    /** Marks the cells outside the closing arena's safe zone of Chebyshev radius {@code radius} (-1: the arena has not closed). */
    public void safeZone(int radius) {
        this.safeRadius = radius;
    }

    /** Shades the four cells around A by {@code heat[N, S, E, W]} (0..1), or nothing when null. */
    public void heat(float[] heat) {
        this.heat = heat;
    }

    /** The cell under local (x, y), or null off the grid. */
    public int[] cellAt(float x, float y) {
        if (arena == null) return null;
        Rectangle origin = cellRect(0, arena.height() - 1);
        float cs = cellSize();
        int cx = (int) Math.floor((x - origin.x) / cs);
        int row = (int) Math.floor((y - origin.y) / cs);
        int cy = arena.height() - 1 - row;
        return arena.inside(cx, cy) && x >= origin.x && y >= origin.y ? new int[] {cx, cy} : null;
    }

    public float cellSize() {
        if (arena == null) return 0;
        return (float) Math.floor(Math.min(getWidth() / arena.width(), getHeight() / arena.height()));
    }

    /** The cell (x, y) (row 0 at the top) in this actor's local coordinates. */
    public Rectangle cellRect(int x, int y) {
        float cs = cellSize();
        float ox = (float) Math.floor((getWidth() - cs * arena.width()) / 2);
        float oy = (float) Math.floor((getHeight() - cs * arena.height()) / 2);
        return new Rectangle(ox + x * cs, oy + (arena.height() - 1 - y) * cs, cs, cs);
    }

    public static Color tileColor(int tile, int x, int y) {
        return switch (tile) {
            case Tile.WALL -> Ui.WALL;
            case Tile.HAZARD -> Ui.HAZARD;
            default -> (x + y) % 2 == 0 ? Ui.FLOOR : Ui.FLOOR_ALT;
        };
    }

    @Override
    public float getPrefWidth() {
        return 540;
    }

    @Override
    public float getPrefHeight() {
        return 540;
    }

    @Override
    public void draw(Batch batch, float parentAlpha) {
        ShapeRenderer sr = game.shapes();
        if (sr == null || arena == null || state == null) return;
        batch.end();
        Gdx.gl.glEnable(GL20.GL_BLEND);
        Gdx.gl.glBlendFunc(GL20.GL_SRC_ALPHA, GL20.GL_ONE_MINUS_SRC_ALPHA);
        sr.setProjectionMatrix(batch.getProjectionMatrix());
        sr.setTransformMatrix(batch.getTransformMatrix());
        sr.translate(getX(), getY(), 0);
        float cs = cellSize();
        sr.begin(ShapeRenderer.ShapeType.Filled);
        Rectangle all = cellRect(0, arena.height() - 1);
        sr.setColor(Ui.PANEL_LIGHT);
        sr.rect(all.x - 6, all.y - 6, cs * arena.width() + 12, cs * arena.height() + 12);
        for (int y = 0; y < arena.height(); y++) {
            for (int x = 0; x < arena.width(); x++) {
                Rectangle r = cellRect(x, y);
                int t = arena.tile(x, y);
                sr.setColor(tileColor(t, x, y));
                sr.rect(r.x, r.y, r.width, r.height);
                if (t == Tile.WALL) {
                    sr.setColor(Ui.WALL_TOP);
                    sr.rect(r.x + 3, r.y + cs * 0.35f, cs - 6, cs * 0.6f);
                } else if (t == Tile.HAZARD) {
                    sr.setColor(Ui.HAZARD.cpy().lerp(Color.WHITE, 0.25f));
                    float c = cs / 2;
                    sr.triangle(r.x + c, r.y + cs * 0.2f, r.x + cs * 0.8f, r.y + c, r.x + c, r.y + cs * 0.8f);
                    sr.triangle(r.x + c, r.y + cs * 0.2f, r.x + cs * 0.2f, r.y + c, r.x + c, r.y + cs * 0.8f);
                }
            }
        }
        if (safeRadius >= 0) drawClosing(sr);
        if (heat != null) drawHeat(sr, cs);
        for (ReplayModel.Marker m : markers) drawTrail(sr, m, cs);
        for (int side = 0; side < 2; side++) drawFighter(sr, side, cs);
        for (ReplayModel.Marker m : markers) drawAction(sr, m, cs);
        sr.end();
        sr.begin(ShapeRenderer.ShapeType.Line);
        for (ReplayModel.Marker m : markers) {
            if (m.guards()) {
                float[] c = centre(state.fighter(m.side()), m.side());
                sr.setColor(Ui.BLOCK);
                for (int k = 0; k < 3; k++) sr.circle(c[0], c[1], cs * 0.44f + k, 32);
            }
        }
        sr.end();
        sr.translate(-getX(), -getY(), 0);
        batch.begin();
        BitmapFont font = game.skin().getFont("default");
        for (int side = 0; side < 2; side++) {
            float[] c = centre(state.fighter(side), side);
            label(batch, font, side == 0 ? "A" : "B", Ui.BG, getX() + c[0], getY() + c[1]);
        }
        BitmapFont big = game.skin().getFont("big");
        for (ReplayModel.Marker m : markers) {
            if (m.kind() == ActionKind.ATTACK && m.hit()) {
                float[] c = centre(state.fighter(1 - m.side()), 1 - m.side());
                label(batch, big, "-" + m.damage() + (m.crit() ? "!" : ""), Ui.DAMAGE.cpy().lerp(Color.WHITE, 0.2f), getX() + c[0], getY() + c[1] + cs * 0.62f);
            }
        }
    }

    /** The cells where a creature loses closingDamage HP a turn, tinted (the rules decide which: {@link Rules#outsideSafeZone}). */
    private void drawClosing(ShapeRenderer sr) {
        sr.setColor(Ui.DAMAGE.r, Ui.DAMAGE.g, Ui.DAMAGE.b, 0.28f);
        for (int y = 0; y < arena.height(); y++) {
            for (int x = 0; x < arena.width(); x++) {
                if (!Rules.outsideSafeZone(state.a().at(x, y), safeRadius, arena)) continue;
                Rectangle r = cellRect(x, y);
                sr.rect(r.x, r.y, r.width, r.height);
            }
        }
    }

    private void label(Batch batch, BitmapFont font, String text, Color color, float cx, float cy) {
        font.setColor(color);
        layout.setText(font, text);
        font.draw(batch, layout, cx - layout.width / 2, cy + layout.height / 2);
        font.setColor(Color.WHITE);
    }

    /** Centre of a fighter, slid toward its next cell while playing. */
    private float[] centre(Fighter f, int side) {
        Rectangle r = cellRect(f.x(), f.y());
        float x = r.x + r.width / 2;
        float y = r.y + r.height / 2;
        if (next != null && between > 0) {
            Rectangle n = cellRect(next.fighter(side).x(), next.fighter(side).y());
            float t = smooth(between);
            x += (n.x - r.x) * t;
            y += (n.y - r.y) * t;
        }
        return new float[] {x, y};
    }

    private static float smooth(float t) {
        return t * t * (3 - 2 * t);
    }

    private void drawFighter(ShapeRenderer sr, int side, float cs) {
        Fighter f = state.fighter(side);
        float[] c = centre(f, side);
        Color body = side == 0 ? Ui.SIDE_A : Ui.SIDE_B;
        sr.setColor(0, 0, 0, 0.35f);
        sr.ellipse(c[0] - cs * 0.34f, c[1] - cs * 0.42f, cs * 0.68f, cs * 0.22f, 24);
        if (f.hp() == 0) body = body.cpy().lerp(Color.DARK_GRAY, 0.7f);
        sr.setColor(body.cpy().mul(0.6f, 0.6f, 0.6f, 1f));
        sr.circle(c[0], c[1], cs * 0.36f, 32);
        sr.setColor(body);
        sr.circle(c[0], c[1] + cs * 0.03f, cs * 0.31f, 32);
        sr.setColor(body.cpy().lerp(Color.WHITE, 0.45f));
        sr.circle(c[0] - cs * 0.1f, c[1] + cs * 0.13f, cs * 0.08f, 16);
    }

    private void drawHeat(ShapeRenderer sr, float cs) {
        Fighter f = state.a();
        for (int d = 0; d < Dir.COUNT; d++) {
            int x = f.x() + Dir.DX[d];
            int y = f.y() + Dir.DY[d];
            if (!arena.inside(x, y)) continue;
            Rectangle r = cellRect(x, y);
            Color c = Ui.ACCENT.cpy();
            c.a = 0.15f + 0.8f * Math.max(0, Math.min(1, heat[d]));
            sr.setColor(c);
            sr.rect(r.x + 2, r.y + 2, r.width - 4, r.height - 4);
        }
    }

    private void drawTrail(ShapeRenderer sr, ReplayModel.Marker m, float cs) {
        if (!m.moved()) return;
        Rectangle a = cellRect(m.fromX(), m.fromY());
        Rectangle b = cellRect(m.toX(), m.toY());
        Color c = (m.side() == 0 ? Ui.SIDE_A : Ui.SIDE_B).cpy();
        c.a = 0.45f;
        sr.setColor(c);
        sr.rectLine(a.x + cs / 2, a.y + cs / 2, b.x + cs / 2, b.y + cs / 2, cs * 0.14f);
        sr.circle(a.x + cs / 2, a.y + cs / 2, cs * 0.1f, 16);
    }

    private void drawAction(ShapeRenderer sr, ReplayModel.Marker m, float cs) {
        if (m.kind() == ActionKind.MOVE && m.moveOutcome() != MoveOutcome.MOVED && m.dir() != Dir.NONE) {
            // a cancelled move: a short red stub toward where it wanted to go
            float[] c = centre(state.fighter(m.side()), m.side());
            float dx = Dir.DX[m.dir()] * cs * 0.5f;
            float dy = -Dir.DY[m.dir()] * cs * 0.5f;
            sr.setColor(Ui.ERROR);
            sr.rectLine(c[0] + dx * 0.7f - dy * 0.3f, c[1] + dy * 0.7f - dx * 0.3f, c[0] + dx * 0.7f + dy * 0.3f, c[1] + dy * 0.7f + dx * 0.3f, 3);
        }
        if (m.kind() == ActionKind.ATTACK) {
            float[] a = centre(state.fighter(m.side()), m.side());
            float[] b = centre(state.fighter(1 - m.side()), 1 - m.side());
            Color c = m.hit() ? Ui.DAMAGE : Ui.MUTED;
            sr.setColor(c);
            float mx = a[0] + (b[0] - a[0]) * 0.62f;
            float my = a[1] + (b[1] - a[1]) * 0.62f;
            sr.rectLine(a[0] + (b[0] - a[0]) * 0.3f, a[1] + (b[1] - a[1]) * 0.3f, mx, my, cs * 0.1f);
            if (m.hit()) {
                Color burst = Ui.DAMAGE.cpy();
                burst.a = 0.55f;
                sr.setColor(burst);
                sr.circle(b[0], b[1], cs * (m.crit() ? 0.28f : 0.2f), 24);
            }
        }
    }
}
