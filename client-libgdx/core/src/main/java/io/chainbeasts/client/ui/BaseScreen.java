package io.chainbeasts.client.ui;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.ScreenAdapter;
import com.badlogic.gdx.scenes.scene2d.Actor;
import com.badlogic.gdx.scenes.scene2d.Stage;
import com.badlogic.gdx.scenes.scene2d.ui.Label;
import com.badlogic.gdx.scenes.scene2d.ui.Skin;
import com.badlogic.gdx.scenes.scene2d.ui.Table;
import com.badlogic.gdx.scenes.scene2d.ui.TextButton;
import com.badlogic.gdx.scenes.scene2d.utils.ChangeListener;
import com.badlogic.gdx.utils.ScreenUtils;
import com.badlogic.gdx.utils.viewport.ScreenViewport;
import io.chainbeasts.client.model.ClientError;

/**
 * A screen: a Stage scaled by the UI-scale setting, the navigation bar, the screen's content, and one
 * status line that shows errors as one sentence (never a stack trace).
 */
public abstract class BaseScreen extends ScreenAdapter {
    /**
     * The area every screen is laid out for, in stage units: the default window at scale 1. The stage never gets
     * less, so a large UI scale or a small window shrinks the UI instead of pushing buttons off screen (the screens
     * do not scroll, so a Save button below the edge could never be pressed again).
     */
    public static final int LAYOUT_WIDTH = 1280;
    public static final int LAYOUT_HEIGHT = 800;

    protected final ChainBeastsGame game;
    protected final Skin skin;
    protected final Stage stage;
    protected final Table content = new Table();
    private final Label status;

    protected BaseScreen(ChainBeastsGame game, String name, String title) {
        this.game = game;
        this.skin = game.skin();
        stage = new Stage(new ScreenViewport(), game.batch());
        Table root = new Table();
        root.setFillParent(true);
        root.top();
        root.setBackground(Ui.tint(skin, Ui.BG, 0, 0));
        Table nav = new Table();
        nav.setBackground(Ui.tint(skin, Ui.PANEL, 10, 6));
        Label logo = new Label("ChainBeasts", skin, "title");
        nav.add(logo).padRight(24);
        for (String s : ChainBeastsGame.SCREENS) {
            TextButton b = new TextButton(capitalise(s), skin, "nav");
            b.setName("nav-" + s);
            b.setChecked(s.equals(name));
            b.setProgrammaticChangeEvents(false);
            b.addListener(new ChangeListener() {
                @Override
                public void changed(ChangeEvent event, Actor actor) {
                    b.setChecked(s.equals(name));
                    if (!s.equals(name)) game.show(s);
                }
            });
            nav.add(b).padRight(6).minWidth(84);
        }
        nav.add().expandX();
        nav.add(new Label(title, skin, "muted"));
        root.add(nav).growX().row();
        root.add(content).grow().pad(10).row();
        status = new Label("", skin, "muted");
        status.setName("status");
        status.setWrap(true);
        Table foot = new Table();
        foot.setBackground(Ui.tint(skin, Ui.PANEL, 10, 5));
        foot.add(status).growX();
        root.add(foot).growX();
        stage.addActor(root);
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Called each time the screen is shown (re-read what may have changed elsewhere). */
    protected void refresh() {}

    /** Called once a frame before the stage acts. */
    protected void update(float delta) {}

    public Stage stage() {
        return stage;
    }

    /** The actor named {@code name} anywhere on the stage (tests and the autopilot click through it). */
    public <T extends Actor> T find(String name) {
        T a = stage.getRoot().findActor(name);
        if (a == null) throw new IllegalArgumentException("no actor named '" + name + "' on " + getClass().getSimpleName());
        return a;
    }

    public String statusText() {
        return status.getText().toString();
    }

    protected void info(String text) {
        status.setStyle(skin.get("muted", Label.LabelStyle.class));
        status.setText(text);
    }

    protected void good(String text) {
        status.setStyle(skin.get("good", Label.LabelStyle.class));
        status.setText(text);
    }

    /** Shows one sentence in the status line in the error colour. */
    protected void error(String sentence) {
        status.setStyle(skin.get("error", Label.LabelStyle.class));
        status.setText(sentence);
    }

    /** Runs {@code action}; a failure becomes one sentence in the status line. */
    protected boolean attempt(Runnable action) {
        try {
            action.run();
            return true;
        } catch (RuntimeException e) {
            if (!(e instanceof ClientError)) e.printStackTrace();
            error(ClientError.sentence(e));
            return false;
        }
    }

    /** A button that runs {@code action} (errors to the status line). */
    protected TextButton button(String text, String name, Runnable action) {
        TextButton b = new TextButton(text, skin);
        b.setName(name);
        b.addListener(new ChangeListener() {
            @Override
            public void changed(ChangeEvent event, Actor actor) {
                if (!b.isDisabled()) attempt(action);
            }
        });
        return b;
    }

    @Override
    public void show() {
        Gdx.input.setInputProcessor(stage);
        attempt(this::refresh);
    }

    @Override
    public void render(float delta) {
        ScreenUtils.clear(Ui.BG);
        update(delta);
        stage.act(delta);
        stage.draw();
    }

    @Override
    public void resize(int width, int height) {
        ScreenViewport vp = (ScreenViewport) stage.getViewport();
        vp.setUnitsPerPixel(1f / effectiveScale(game.settings().uiScale(), width, height));
        vp.update(width, height, true);
    }

    /** The UI scale a window of {@code width} x {@code height} pixels can show: the setting, at most what keeps the layout area. */
    public static float effectiveScale(float setting, int width, int height) {
        if (width <= 0 || height <= 0) return setting; // minimised
        return Math.min(setting, Math.min(width / (float) LAYOUT_WIDTH, height / (float) LAYOUT_HEIGHT));
    }

    @Override
    public void dispose() {
        stage.dispose();
    }
}
