package io.chainbeasts.client.ui;

import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.scenes.scene2d.ui.CheckBox;
import com.badlogic.gdx.scenes.scene2d.ui.Label;
import com.badlogic.gdx.scenes.scene2d.ui.List;
import com.badlogic.gdx.scenes.scene2d.ui.ScrollPane;
import com.badlogic.gdx.scenes.scene2d.ui.SelectBox;
import com.badlogic.gdx.scenes.scene2d.ui.Skin;
import com.badlogic.gdx.scenes.scene2d.ui.Slider;
import com.badlogic.gdx.scenes.scene2d.ui.TextButton;
import com.badlogic.gdx.scenes.scene2d.ui.TextField;
import com.badlogic.gdx.scenes.scene2d.utils.Drawable;

/** The client's look: a palette and a skin built in code (no asset files to ship), on libGDX's bundled font. */
public final class Ui {
    private Ui() {}

    public static final Color BG = rgb(0x12141c);
    public static final Color PANEL = rgb(0x1d2130);
    public static final Color PANEL_LIGHT = rgb(0x2a3045);
    public static final Color TEXT = rgb(0xe8e6df);
    public static final Color MUTED = rgb(0x8a90a6);
    public static final Color ACCENT = rgb(0xf2b632);
    public static final Color ERROR = rgb(0xff5a5a);
    public static final Color GOOD = rgb(0x5ad17a);
    /** Side A (blue) and side B (orange). */
    public static final Color SIDE_A = rgb(0x4fb3ff);
    public static final Color SIDE_B = rgb(0xff7a45);
    public static final Color FLOOR = rgb(0x3b4a3a);
    public static final Color FLOOR_ALT = rgb(0x415240);
    public static final Color WALL = rgb(0x6b6358);
    public static final Color WALL_TOP = rgb(0x8a8172);
    public static final Color HAZARD = rgb(0x8e2fc7);
    public static final Color HP = rgb(0x44d46a);
    public static final Color HP_LOW = rgb(0xe8483b);
    public static final Color STAMINA = rgb(0xf2c032);
    public static final Color BAR_BG = rgb(0x0b0c12);
    public static final Color BLOCK = rgb(0x7fe8ff);
    public static final Color DAMAGE = rgb(0xff4040);
    public static final Color[] HEAD_COLORS = {rgb(0x4fb3ff), rgb(0xff7a45), rgb(0x5ad17a)};

    public static Color rgb(int rgb) {
        return new Color(((rgb >>> 16) & 0xFF) / 255f, ((rgb >>> 8) & 0xFF) / 255f, (rgb & 0xFF) / 255f, 1f);
    }

    public static Skin skin() {
        Skin skin = new Skin();
        Pixmap p = new Pixmap(1, 1, Pixmap.Format.RGBA8888);
        p.setColor(Color.WHITE);
        p.fill();
        skin.add("white", new Texture(p));
        p.dispose();
        BitmapFont font = new BitmapFont();
        font.getRegion().getTexture().setFilter(Texture.TextureFilter.Linear, Texture.TextureFilter.Linear);
        font.setUseIntegerPositions(false);
        skin.add("default", font);
        BitmapFont big = new BitmapFont();
        big.getData().setScale(1.6f);
        big.getRegion().getTexture().setFilter(Texture.TextureFilter.Linear, Texture.TextureFilter.Linear);
        skin.add("big", big);

        skin.add("default", new Label.LabelStyle(font, TEXT));
        skin.add("muted", new Label.LabelStyle(font, MUTED));
        skin.add("error", new Label.LabelStyle(font, ERROR));
        skin.add("good", new Label.LabelStyle(font, GOOD));
        skin.add("title", new Label.LabelStyle(big, ACCENT));
        skin.add("big", new Label.LabelStyle(big, TEXT));

        // no checked image: a plain button is an action, and a checked one stayed lit after its click (toggles use "nav")
        TextButton.TextButtonStyle b = new TextButton.TextButtonStyle(tint(skin, PANEL_LIGHT, 8, 5), tint(skin, ACCENT.cpy().mul(0.8f), 8, 5),
                null, font);
        b.over = tint(skin, PANEL_LIGHT.cpy().lerp(Color.WHITE, 0.15f), 8, 5);
        b.fontColor = TEXT;
        b.downFontColor = BG;
        b.disabledFontColor = MUTED.cpy().mul(0.7f);
        b.disabled = tint(skin, PANEL, 8, 5);
        skin.add("default", b);
        TextButton.TextButtonStyle nav = new TextButton.TextButtonStyle(b);
        nav.up = tint(skin, PANEL, 12, 6);
        nav.checked = tint(skin, ACCENT, 12, 6);
        nav.checkedFontColor = BG;
        skin.add("nav", nav);

        TextField.TextFieldStyle tf = new TextField.TextFieldStyle(font, TEXT, tint(skin, ACCENT, 0, 0), tint(skin, ACCENT.cpy().mul(0.5f), 0, 0),
                tint(skin, BAR_BG, 6, 4));
        ((com.badlogic.gdx.scenes.scene2d.utils.BaseDrawable) tf.cursor).setMinWidth(2);
        tf.messageFontColor = MUTED;
        tf.focusedBackground = tint(skin, BAR_BG.cpy().lerp(ACCENT, 0.15f), 6, 4);
        skin.add("default", tf);

        ScrollPane.ScrollPaneStyle sp = new ScrollPane.ScrollPaneStyle();
        sp.vScrollKnob = tint(skin, PANEL_LIGHT, 0, 0);
        ((com.badlogic.gdx.scenes.scene2d.utils.BaseDrawable) sp.vScrollKnob).setMinWidth(6);
        skin.add("default", sp);
        List.ListStyle ls = new List.ListStyle(font, BG, TEXT, tint(skin, ACCENT, 4, 2));
        ls.background = tint(skin, PANEL_LIGHT, 4, 2);
        skin.add("default", ls);
        SelectBox.SelectBoxStyle sb = new SelectBox.SelectBoxStyle(font, TEXT, tint(skin, PANEL_LIGHT, 8, 5), sp, ls);
        sb.backgroundOver = tint(skin, PANEL_LIGHT.cpy().lerp(Color.WHITE, 0.15f), 8, 5);
        skin.add("default", sb);

        Slider.SliderStyle sl = new Slider.SliderStyle(tint(skin, BAR_BG, 0, 0), tint(skin, ACCENT, 0, 0));
        ((com.badlogic.gdx.scenes.scene2d.utils.BaseDrawable) sl.background).setMinHeight(6);
        ((com.badlogic.gdx.scenes.scene2d.utils.BaseDrawable) sl.knob).setMinWidth(10);
        ((com.badlogic.gdx.scenes.scene2d.utils.BaseDrawable) sl.knob).setMinHeight(20);
        sl.knobBefore = tint(skin, ACCENT.cpy().mul(0.6f), 0, 0);
        ((com.badlogic.gdx.scenes.scene2d.utils.BaseDrawable) sl.knobBefore).setMinHeight(6);
        skin.add("default-horizontal", sl);

        CheckBox.CheckBoxStyle cb = new CheckBox.CheckBoxStyle(box(skin, PANEL_LIGHT), box(skin, ACCENT), font, TEXT);
        skin.add("default", cb);
        return skin;
    }

    /** A solid drawable in {@code c} with padding. */
    static Drawable tint(Skin skin, Color c, float padX, float padY) {
        Drawable d = skin.newDrawable("white", c);
        d.setLeftWidth(padX);
        d.setRightWidth(padX);
        d.setTopHeight(padY);
        d.setBottomHeight(padY);
        return d;
    }

    private static Drawable box(Skin skin, Color c) {
        Drawable d = skin.newDrawable("white", c);
        d.setMinWidth(14);
        d.setMinHeight(14);
        d.setRightWidth(6);
        return d;
    }

    /** The label style of a verification's summary: good when every window replayed, muted when some could not be, else error. */
    static String verdictStyle(io.chainbeasts.client.model.Verification.Result r) {
        return !r.ok() ? "error" : r.complete() ? "good" : "muted";
    }
}
