package io.chainbeasts.client.ui;

import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.g2d.Batch;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.graphics.g2d.GlyphLayout;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import com.badlogic.gdx.scenes.scene2d.ui.Widget;

import java.util.Locale;

/** A small line chart on ShapeRenderer: several series over a shared y range (from 0), a title and a legend. */
public final class LineChart extends Widget {
    private static final float PAD_LEFT = 44;
    private static final float PAD_BOTTOM = 16;
    private static final float PAD_TOP = 22;
    private static final float PAD_RIGHT = 8;

    private final ChainBeastsGame game;
    private final String title;
    private final String[] names;
    private final Color[] colors;
    private float[][] series;
    private final Float fixedMax;
    private final GlyphLayout layout = new GlyphLayout();
    private String emptyText = "no data yet";

    public LineChart(ChainBeastsGame game, String title, String[] names, Color[] colors, Float fixedMax) {
        this.game = game;
        this.title = title;
        this.names = names;
        this.colors = colors;
        this.fixedMax = fixedMax;
        this.series = new float[names.length][];
    }

    /** What the empty chart says. */
    public void emptyText(String text) {
        emptyText = text;
    }

    public void set(int i, float[] points) {
        series[i] = points;
    }

    public int points(int i) {
        return series[i] == null ? 0 : series[i].length;
    }

    /** The top of the y axis: the fixed maximum, or the largest point rounded up (at least a small positive value). */
    public float yMax() {
        if (fixedMax != null) return fixedMax;
        float m = 0;
        for (float[] s : series) if (s != null) for (float v : s) if (!Float.isNaN(v)) m = Math.max(m, v);
        return m <= 0 ? 1 : m * 1.1f;
    }

    @Override
    public float getPrefWidth() {
        return 360;
    }

    @Override
    public float getPrefHeight() {
        return 180;
    }

    @Override
    public void draw(Batch batch, float parentAlpha) {
        ShapeRenderer sr = game.shapes();
        if (sr == null) return;
        float x0 = getX() + PAD_LEFT;
        float y0 = getY() + PAD_BOTTOM;
        float w = getWidth() - PAD_LEFT - PAD_RIGHT;
        float h = getHeight() - PAD_BOTTOM - PAD_TOP;
        float max = yMax();
        batch.end();
        sr.setProjectionMatrix(batch.getProjectionMatrix());
        sr.setTransformMatrix(batch.getTransformMatrix());
        sr.begin(ShapeRenderer.ShapeType.Filled);
        sr.setColor(Ui.PANEL);
        sr.rect(getX(), getY(), getWidth(), getHeight());
        sr.setColor(Ui.BAR_BG);
        sr.rect(x0, y0, w, h);
        sr.setColor(Ui.PANEL_LIGHT);
        for (int k = 1; k < 4; k++) sr.rect(x0, y0 + h * k / 4f, w, 1);
        for (int i = 0; i < series.length; i++) {
            float[] s = series[i];
            if (s == null || s.length == 0) continue;
            sr.setColor(colors[i]);
            if (s.length == 1) {
                if (!Float.isNaN(s[0])) sr.circle(x0 + w / 2, y0 + h * clamp(s[0] / max), 3, 12);
                continue;
            }
            float px = 0;
            float py = 0;
            boolean have = false;
            for (int j = 0; j < s.length; j++) {
                if (Float.isNaN(s[j])) { // no value: a gap
                    have = false;
                    continue;
                }
                float x = x0 + w * j / (s.length - 1);
                float y = y0 + h * clamp(s[j] / max);
                if (have) sr.rectLine(px, py, x, y, 2f);
                px = x;
                py = y;
                have = true;
            }
            if (have) sr.circle(px, py, 3, 12);
        }
        sr.end();
        batch.begin();
        BitmapFont font = game.skin().getFont("default");
        font.setColor(Ui.TEXT);
        font.draw(batch, title, getX() + 6, getY() + getHeight() - 4);
        float lx = getX() + getWidth() - PAD_RIGHT;
        for (int i = names.length - 1; i >= 0; i--) {
            layout.setText(font, names[i]);
            lx -= layout.width + 12;
            font.setColor(colors[i]);
            font.draw(batch, names[i], lx, getY() + getHeight() - 4);
        }
        font.setColor(Ui.MUTED);
        font.draw(batch, fmt(max), getX() + 2, y0 + h + 4);
        font.draw(batch, "0", getX() + 2, y0 + 8);
        boolean empty = true;
        for (float[] s : series) if (s != null) for (float v : s) if (!Float.isNaN(v)) empty = false;
        if (empty) {
            layout.setText(font, emptyText);
            font.draw(batch, emptyText, x0 + (w - layout.width) / 2, y0 + h / 2 + 6);
        }
        font.setColor(Color.WHITE);
    }

    private static float clamp(float v) {
        return Math.max(0f, Math.min(1f, v));
    }

    private static String fmt(float v) {
        return v >= 10 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
