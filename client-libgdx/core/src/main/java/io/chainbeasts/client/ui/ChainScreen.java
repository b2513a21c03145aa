package io.chainbeasts.client.ui;

import com.badlogic.gdx.scenes.scene2d.Actor;
import com.badlogic.gdx.scenes.scene2d.ui.CheckBox;
import com.badlogic.gdx.scenes.scene2d.ui.Label;
import com.badlogic.gdx.scenes.scene2d.ui.ScrollPane;
import com.badlogic.gdx.scenes.scene2d.ui.SelectBox;
import com.badlogic.gdx.scenes.scene2d.ui.Table;
import com.badlogic.gdx.scenes.scene2d.ui.TextButton;
import com.badlogic.gdx.scenes.scene2d.utils.ChangeListener;
import io.chainbeasts.client.model.BeastFolder;
import io.chainbeasts.client.model.ChainModel;
import io.chainbeasts.client.model.ClientError;
import io.chainbeasts.client.model.Settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Chain: a beast's checkpoints, local next to on chain (status, ENERGY locked / burned / slashed, the challenge
 * deadline in local time, the dispute and its stage), the signer's ENERGY balances, and Submit / Finalize /
 * Withdraw, each transaction listed with its gas. Every chain call runs on a job over its own connection.
 */
public final class ChainScreen extends BaseScreen {
    private final SelectBox<String> beast = new SelectBox<>(skin);
    private final Table rows = new Table();
    private final Label connection = new Label("", skin, "muted");
    private final Label balances = new Label("", skin);
    private final Label log = new Label("", skin);
    private final Label summary = new Label("", skin, "big");
    private final CheckBox withDeposit = new CheckBox(" and my unused deposit", skin);
    private final List<TextButton> actions = new ArrayList<>();
    private final List<String> logLines = new ArrayList<>();
    private List<Path> dirs = List.of();
    private ChainModel.BeastView view;
    private ChainModel.Balances shownBalances;
    private int busy;

    public ChainScreen(ChainBeastsGame game) {
        super(game, "chain", "Checkpoints on chain");
        beast.setName("chain-beast");
        rows.setName("chain-rows");
        connection.setName("chain-connection");
        balances.setName("chain-balances");
        log.setName("chain-log");
        summary.setName("chain-summary");
        withDeposit.setName("withdraw-deposit");
        connection.setWrap(true);
        log.setWrap(true);
        log.setAlignment(com.badlogic.gdx.utils.Align.topLeft);

        Table bar = new Table();
        bar.defaults().padRight(8);
        bar.add(new Label("Chain", skin, "title")).padRight(16);
        bar.add(beast).width(220);
        bar.add(button("Refresh", "chain-refresh", this::reload)).width(90);
        actions.add(button("Submit", "chain-submit", () -> send("submitting", (c, d) -> c.submit(d))));
        actions.add(button("Finalize", "chain-finalize", () -> send("finalizing", (c, d) -> c.finalizeAll(d))));
        actions.add(button("Withdraw", "chain-withdraw", () -> {
            boolean dep = withDeposit.isChecked();
            send("withdrawing", (c, d) -> c.withdraw(dep));
        }));
        for (TextButton b : actions) bar.add(b).width(100);
        bar.add(withDeposit);
        bar.add().expandX();
        content.add(bar).growX().colspan(2).padBottom(8).row();
        beast.addListener(new ChangeListener() {
            @Override
            public void changed(ChangeEvent event, Actor actor) {
                attempt(ChainScreen.this::reload);
            }
        });

        Table left = new Table();
        left.top().left();
        left.add(summary).left().padBottom(6).row();
        rows.top().left();
        ScrollPane pane = new ScrollPane(rows, skin);
        pane.setFadeScrollBars(false);
        left.add(pane).grow();
        content.add(left).grow();

        Table side = new Table();
        side.top().left();
        side.setBackground(Ui.tint(skin, Ui.PANEL, 12, 10));
        side.defaults().left().growX();
        side.add(connection).padBottom(10).row();
        side.add(new Label("your ENERGY", skin, "muted")).row();
        side.add(balances).padBottom(10).row();
        side.add(new Label("transactions (gas)", skin, "muted")).row();
        ScrollPane logPane = new ScrollPane(log, skin);
        logPane.setFadeScrollBars(false);
        side.add(logPane).grow();
        content.add(side).width(420).growY();
    }

    @Override
    protected void refresh() {
        dirs = BeastFolder.list(game.settings().beastsDir());
        String keep = beast.getSelected();
        String[] names = dirs.stream().map(p -> p.getFileName().toString()).toArray(String[]::new);
        beast.getSelection().setProgrammaticChangeEvents(false);
        beast.setItems(names);
        if (keep != null && List.of(names).contains(keep)) beast.setSelected(keep);
        beast.getSelection().setProgrammaticChangeEvents(true);
        reload();
    }

    /** The beast picked, or null. */
    private Path selected() {
        int i = beast.getSelectedIndex();
        return i >= 0 && i < dirs.size() ? dirs.get(i) : null;
    }

    /** Reads the connection, the balances and the picked beast's checkpoints on a job. */
    void reload() {
        Settings s = game.settings();
        if (s.chainFile() == null) {
            connection.setStyle(skin.get("muted", Label.LabelStyle.class)); // not an earlier failure's red
            connection.setText("No chain configured: set the chain file (and key) in Settings; `chainbeasts chain up --detach` starts a local one.");
            show(null, null);
            balances.setText("");
            setDisabled(true); // nothing to send to until a chain is set
            info("no chain configured");
            return;
        }
        if (busy == 0) setDisabled(false);
        ChainModel.Target t = ChainModel.Target.of(s);
        Path dir = selected();
        busy++;
        info("reading the chain...");
        game.jobs().run(() -> {
            try (ChainModel c = ChainModel.open(t, false)) {
                return new Object[] {c.describe(), c.balances(), dir == null ? null : c.beast(dir)};
            }
        }, r -> {
            busy--;
            connection.setStyle(skin.get("muted", Label.LabelStyle.class));
            connection.setText((String) r[0]);
            show((ChainModel.BeastView) r[2], (ChainModel.Balances) r[1]);
            info(dir == null ? "no beasts in " + s.beastsDir() : "read " + dir.getFileName() + " from the chain");
        }, err -> {
            busy--;
            connection.setStyle(skin.get("error", Label.LabelStyle.class));
            connection.setText(err);
            error(err);
        });
    }

    /** Sends one of the three actions on a job, then reads again; each transaction's line (with its gas) goes to the log. */
    private void send(String what, java.util.function.BiFunction<ChainModel, Path, List<String>> action) {
        if (busy > 0) throw new ClientError("wait: a chain call is still running");
        Settings s = game.settings();
        ChainModel.Target t = ChainModel.Target.of(s);
        Path dir = selected();
        if (dir == null && !what.equals("withdrawing")) throw new ClientError("Hatch a beast (minted on the chain) first");
        busy++;
        setDisabled(true);
        info(what + "...");
        game.jobs().run(() -> {
            try (ChainModel c = ChainModel.open(t, true)) {
                return action.apply(c, dir);
            }
        }, lines -> {
            busy--;
            setDisabled(false);
            logLines.addAll(lines);
            log.setText(String.join("\n", logLines));
            good(lines.isEmpty() ? what + ": done" : lines.get(lines.size() - 1));
            reload();
        }, err -> {
            busy--;
            setDisabled(false);
            error(err);
        });
    }

    private void setDisabled(boolean d) {
        for (TextButton b : actions) b.setDisabled(d);
    }

    private void show(ChainModel.BeastView v, ChainModel.Balances b) {
        view = v;
        shownBalances = b;
        balances.setText(b == null ? "no signing key: set anvil:N in Settings or CHAINBEASTS_KEY" : String.join("\n", b.lines()));
        rows.clearChildren();
        rows.defaults().pad(3, 6, 3, 6).left();
        if (v == null) {
            summary.setText("");
            return;
        }
        summary.setText(v.name() + ": " + v.state() + (v.owner().equals("-") ? "" : ", owner " + v.owner()));
        if (v.problem() != null) {
            Label p = new Label(v.problem(), skin, "muted");
            p.setWrap(true);
            rows.add(p).width(700);
            return;
        }
        Function<String, Label> head = h -> new Label(h, skin, "muted");
        for (String h : new String[] {"window", "checkpoint", "on chain", "ENERGY", "challenge window until"}) rows.add(head.apply(h));
        rows.row();
        for (ChainModel.WindowRow r : v.rows()) {
            rows.add(new Label(Long.toString(r.index()), skin));
            rows.add(new Label(r.hash(), skin, "muted"));
            Label st = new Label(r.status(), skin, styleOf(r.status()));
            st.setName("chain-status-" + r.index());
            com.badlogic.gdx.scenes.scene2d.ui.Image chip = new com.badlogic.gdx.scenes.scene2d.ui.Image(Ui.tint(skin, chipColor(r.status()), 0, 0));
            chip.setName("chain-chip-" + r.index());
            Table cell = new Table();
            cell.add(chip).size(12).padRight(6);
            cell.add(st);
            rows.add(cell);
            rows.add(new Label(r.energy(), skin));
            rows.add(new Label(r.deadline(), skin));
            rows.row();
            if (!r.dispute().isEmpty()) {
                // the dispute and its stage on a line of its own under its window
                Label d = new Label("dispute: " + r.dispute(), skin, "error");
                d.setName("chain-dispute-" + r.index());
                d.setWrap(true);
                rows.add();
                rows.add(d).colspan(4).width(760).padTop(0);
                rows.row();
            }
        }
        if (v.rows().isEmpty()) rows.add(new Label("no windows trained yet: train it on the Train screen", skin, "muted")).colspan(5);
    }

    /** The colour of a window's status chip: finalized green, pending amber, disputed or invalidated red, local only grey. */
    public static com.badlogic.gdx.graphics.Color chipColor(String status) {
        return switch (status) {
            case "FINALIZED" -> Ui.GOOD;
            case "PENDING" -> Ui.ACCENT;
            case "DISPUTED", "INVALIDATED" -> Ui.ERROR;
            default -> Ui.MUTED;
        };
    }

    private static String styleOf(String status) {
        return switch (status) {
            case "FINALIZED" -> "good";
            case "DISPUTED", "INVALIDATED" -> "error";
            case "PENDING" -> "default";
            default -> "muted";
        };
    }

    /** What the screen shows now (tests). */
    public ChainModel.BeastView view() {
        return view;
    }

    public ChainModel.Balances balances() {
        return shownBalances;
    }

    public List<String> logLines() {
        return logLines;
    }

    /** Whether a chain call is running. */
    public boolean busy() {
        return busy > 0;
    }
}
