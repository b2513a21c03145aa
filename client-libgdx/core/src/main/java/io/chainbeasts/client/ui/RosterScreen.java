package io.chainbeasts.client.ui;

import com.badlogic.gdx.scenes.scene2d.ui.Label;
import com.badlogic.gdx.scenes.scene2d.ui.ScrollPane;
import com.badlogic.gdx.scenes.scene2d.ui.Table;
import io.chainbeasts.client.model.ChainModel;
import io.chainbeasts.client.model.RosterModel;
import io.chainbeasts.client.model.Verification;

import java.util.List;

/**
 * Roster: the beasts in the beasts folder with windows, the last window's move loss, curriculum, chain state (local / submitted / finalized /
 * disputed, read from the chain), win rate vs greedy (computed by jobs) and verification.
 */
public final class RosterScreen extends BaseScreen {
    private final Table rows = new Table();
    private final Label folder = new Label("", skin, "muted");
    private List<RosterModel.Entry> entries = List.of();
    private int winRatesPending;
    private boolean chainPending;
    private final java.util.Map<java.nio.file.Path, Label> chainLabels = new java.util.HashMap<>();

    public RosterScreen(ChainBeastsGame game) {
        super(game, "roster", "Your beasts");
        Table head = new Table();
        head.add(new Label("Roster", skin, "title")).left().padRight(16);
        folder.setName("folder");
        head.add(folder).left().expandX();
        head.add(button("Hatch a beast", "go-hatch", () -> game.show("hatch"))).padRight(6);
        head.add(button("Reload", "reload", this::refresh));
        content.add(head).growX().padBottom(8).row();
        rows.top().left();
        rows.setName("rows");
        ScrollPane pane = new ScrollPane(rows, skin);
        pane.setFadeScrollBars(false);
        content.add(pane).grow().top();
    }

    @Override
    protected void refresh() {
        folder.setText("folder " + game.settings().beastsDir());
        entries = RosterModel.load(game.settings().beastsDir());
        rows.clearChildren();
        rows.defaults().pad(4, 8, 4, 8).left();
        for (String h : new String[] {"beast", "windows", "move loss", "curriculum", "chain",
                "vs greedy, " + RosterModel.WIN_RATE_BATTLES + " battles (W-D-L)", "verification", ""}) {
            rows.add(new Label(h, skin, "muted"));
        }
        rows.row();
        if (entries.isEmpty()) {
            rows.add(new Label("No beasts here yet: hatch one (Hatch), or pick another folder in Settings.", skin)).colspan(8);
            info("no beasts in " + game.settings().beastsDir());
            return;
        }
        winRatesPending = 0;
        chainLabels.clear();
        for (RosterModel.Entry e : entries) {
            Label name = new Label(e.name, skin, "big");
            rows.add(name);
            rows.add(new Label(Long.toString(e.windows), skin));
            rows.add(new Label(e.lastLoss, skin));
            rows.add(new Label(e.readable() ? (e.isPrivate ? "private" : "public") : "unreadable", skin, e.readable() ? "default" : "error"));
            Label chain = new Label(e.readable() ? e.chainState() : "-", skin, "muted");
            chain.setName("chain-" + e.name);
            chainLabels.put(e.dir, chain);
            rows.add(chain);
            Label win = new Label(e.readable() ? e.winRate() : "-", skin);
            win.setName("win-" + e.name);
            rows.add(win);
            Label ver = new Label(e.readable() ? e.verification() : e.problem, skin, e.readable() ? "muted" : "error");
            ver.setName("verify-" + e.name);
            ver.setWrap(true); // a long verdict or an unreadable beast's reason stays in its column
            rows.add(ver).width(260);
            Table actions = new Table();
            if (e.readable()) {
                actions.add(button("Train", "train-" + e.name, () -> {
                    game.screen("train", TrainScreen.class).select(e.dir);
                    game.show("train");
                })).padRight(4);
                actions.add(button("Battle", "battle-" + e.name, () -> {
                    BattleScreen b = game.screen("battle", BattleScreen.class);
                    game.show("battle");
                    b.pick(0, e.name);
                })).padRight(4);
                actions.add(button("Verify", "verify-btn-" + e.name, () -> verify(e, ver)));
                winRatesPending++;
                game.jobs().run(() -> RosterModel.winRate(e.dir), r -> {
                    e.winRate(r.text());
                    win.setText(r.text());
                    winRatesPending--;
                }, err -> {
                    win.setText("-");
                    winRatesPending--;
                    error(e.name + ": " + err);
                });
            }
            rows.add(actions);
            rows.row();
        }
        info(entries.size() + " beast" + (entries.size() == 1 ? "" : "s") + " in " + game.settings().beastsDir());
        readChainStates();
    }

    /** The chain column from real chain reads (one connection, on a job) for the beasts minted at hatch. */
    private void readChainStates() {
        List<java.nio.file.Path> minted = new java.util.ArrayList<>();
        for (RosterModel.Entry e : entries) if (e.readable() && e.minted()) minted.add(e.dir);
        if (minted.isEmpty()) return;
        if (game.settings().chainFile() == null) {
            for (java.nio.file.Path d : minted) chainLabels.get(d).setText("minted (no chain configured)");
            return;
        }
        ChainModel.Target t = ChainModel.Target.of(game.settings());
        chainPending = true;
        List<RosterModel.Entry> shown = entries;
        game.jobs().run(() -> {
            try (ChainModel c = ChainModel.open(t, false)) {
                return c.states(minted);
            }
        }, states -> {
            chainPending = false;
            if (shown != entries) return; // reloaded meanwhile
            for (RosterModel.Entry e : entries) {
                String st = states.get(e.dir);
                if (st == null) continue;
                e.chainState(st);
                Label l = chainLabels.get(e.dir);
                l.setText(st);
                l.setStyle(skin.get(st.equals("disputed") || st.equals("invalidated") ? "error" : st.startsWith("finalized") ? "good" : "default", Label.LabelStyle.class));
            }
        }, err -> {
            chainPending = false;
            for (java.nio.file.Path d : minted) chainLabels.get(d).setText("chain unreachable");
            error("chain: " + err);
        });
    }

    /** Whether the chain column is still being read. */
    public boolean chainPending() {
        return chainPending;
    }

    private void verify(RosterModel.Entry e, Label ver) {
        ver.setText("verifying...");
        game.jobs().run(() -> Verification.verify(e.dir), r -> {
            e.verification(r.summary());
            ver.setStyle(skin.get(Ui.verdictStyle(r), Label.LabelStyle.class));
            ver.setText(r.summary());
        }, err -> {
            ver.setStyle(skin.get("error", Label.LabelStyle.class));
            ver.setText(err);
        });
    }

    public List<RosterModel.Entry> entries() {
        return entries;
    }

    public boolean winRatesPending() {
        return winRatesPending > 0;
    }
}
