package io.chainbeasts.client.ui;

import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.g2d.Batch;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.graphics.g2d.GlyphLayout;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import com.badlogic.gdx.scenes.scene2d.ui.Widget;

/** A labelled bar (HP, stamina): the filled part is exactly {@link #filledWidth()} pixels of the inner width. */
public final class StatBar extends Widget {
    public static final float BORDER = 2f;

    private final ChainBeastsGame game;
    private final String label;
    private final Color color;
    private final Color lowColor;
    private int value;
    private int max = 1;
    private final GlyphLayout layout = new GlyphLayout();
    private boolean known; // nothing to show before the first set (no battle yet): an empty bar, not "0/1"

    public StatBar(ChainBeastsGame game, String label, Color color, Color lowColor) {
        this.game = game;
        this.label = label;
        this.color = color;
        this.lowColor = lowColor;
    }

    public void set(int value, int max) {
        this.value = Math.max(0, Math.min(value, max));
        this.max = Math.max(1, max);
        this.known = true;
    }

    public int value() {
        return value;
    }

    public float innerWidth() {
        return getWidth() - 2 * BORDER;
    }

    /** Width in stage units of the filled part: value / max of the inner width. */
    public float filledWidth() {
        return innerWidth() * value / max;
    }

    public Color fillColor() {
        return lowColor != null && value * 4 <= max ? lowColor : color;
    }

    @Override
    public float getPrefWidth() {
        return 220;
    }

    @Override
    public float getPrefHeight() {
        return 22;
    }

    @Override
    public void draw(Batch batch, float parentAlpha) {
        ShapeRenderer sr = game.shapes();
        if (sr == null) return;
        batch.end();
        sr.setProjectionMatrix(batch.getProjectionMatrix());
        sr.setTransformMatrix(batch.getTransformMatrix());
        sr.begin(ShapeRenderer.ShapeType.Filled);
        sr.setColor(Ui.PANEL_LIGHT);
        sr.rect(getX(), getY(), getWidth(), getHeight());
        sr.setColor(Ui.BAR_BG);
        sr.rect(getX() + BORDER, getY() + BORDER, innerWidth(), getHeight() - 2 * BORDER);
        sr.setColor(fillColor());
        sr.rect(getX() + BORDER, getY() + BORDER, filledWidth(), getHeight() - 2 * BORDER);
        sr.end();
        batch.begin();
        if (!known) return;
        BitmapFont font = game.skin().getFont("default");
        float scale = font.getData().scaleX;
        String text = label + " " + value + "/" + max;
        layout.setText(font, text);
        if (layout.height + 4 > getHeight() && getHeight() > 8) { // a thin bar (stamina): a smaller text that fits inside it
            font.getData().setScale(scale * (getHeight() - 4) / layout.height);
            layout.setText(font, text);
        }
        float textX = getX() + getWidth() - layout.width - 6;
        // dark text where it lies on a light fill (the yellow stamina bar), white on the dark background; the layout
        // keeps the colour it is built with, so the colour goes into setText, not the font
        boolean onFill = getX() + BORDER + filledWidth() > textX;
        Color fill = fillColor();
        Color ink = onFill && 0.299f * fill.r + 0.587f * fill.g + 0.114f * fill.b > 0.55f ? Ui.BG : Color.WHITE;
        layout.setText(font, text, ink, 0, com.badlogic.gdx.utils.Align.left, false);
        font.draw(batch, layout, textX, getY() + (getHeight() + layout.height) / 2);
        font.getData().setScale(scale);
    }
}
