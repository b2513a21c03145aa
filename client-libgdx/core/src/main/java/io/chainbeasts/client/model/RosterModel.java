package io.chainbeasts.client.model;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.StoreException;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleSimulator;
import io.chainbeasts.combat.GreedyPolicy;
import io.chainbeasts.combat.Outcome;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.SplitMix64;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.NetPolicy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The roster: one row per beast in the beasts folder. Windows, the last window's move loss and privacy are read from the
 * store at once; the win rate against greedy and the verification state are filled in later by jobs.
 */
public final class RosterModel {
    /** Battles per beast for the roster's win rate (seeds {@link #winRateSeed}). */
    public static final int WIN_RATE_BATTLES = 50;

    public static final class Entry {
        public final Path dir;
        public final String name;
        public final long windows;
        public final String lastLoss;
        public final boolean isPrivate;
        /** "local" for a beast bound to no ledger (hatched locally), else the chain id and ledger it is bound to. */
        public final String binding;
        public final String problem;
        private volatile String winRate = "...";
        private volatile String verification = "not checked";
        private volatile String chainState;

        Entry(Path dir, long windows, String lastLoss, boolean isPrivate, String binding, String problem) {
            this.dir = dir;
            this.name = dir.getFileName().toString();
            this.windows = windows;
            this.lastLoss = lastLoss;
            this.isPrivate = isPrivate;
            this.binding = binding;
            this.problem = problem;
        }

        public String winRate() {
            return winRate;
        }

        public void winRate(String s) {
            winRate = s;
        }

        public String verification() {
            return verification;
        }

        public void verification(String s) {
            verification = s;
        }

        public boolean readable() {
            return problem == null;
        }

        /** Minted on a chain at hatch (bound to a ledger), so its checkpoints can go on chain. */
        public boolean minted() {
            return !binding.equals("local") && !binding.equals("-");
        }

        /** "local" for a beast hatched locally; for a minted one what the chain said ("..." until read). */
        public String chainState() {
            return chainState != null ? chainState : minted() ? "..." : "local";
        }

        public void chainState(String s) {
            chainState = s;
        }
    }

    /** Wins, draws and losses of a beast (side A) against greedy. */
    public record Record(int wins, int draws, int losses) {
        public String text() {
            int n = wins + draws + losses;
            return n == 0 ? "-" : String.format(Locale.ROOT, "%d%% (%d-%d-%d)", 100 * wins / n, wins, draws, losses);
        }
    }

    private RosterModel() {}

    public static List<Entry> load(Path folder) {
        List<Entry> out = new ArrayList<>();
        for (Path dir : BeastFolder.list(folder)) out.add(entry(dir));
        return out;
    }

    static Entry entry(Path dir) {
        try {
            BeastStore store = BeastStore.open(dir);
            BeastStore.Head head = store.head();
            String loss = "-";
            if (head.windows() > 0) {
                WindowRecord last = store.window(head.windows() - 1);
                loss = lossText(last.metric("moveLossQ16"), last.metric("moveSeen")); // as train prints "loss move"
            }
            return new Entry(dir, head.windows(), loss, store.identity().isPrivate(), binding(store.identity()), null);
        } catch (StoreException | ClientError e) {
            return new Entry(dir, 0, "-", false, "-", ClientError.sentence(e));
        }
    }

    static String binding(BeastStore.Identity id) {
        if (new java.math.BigInteger(1, id.ledger()).signum() == 0) return "local";
        return "chain " + Long.toUnsignedString(id.chainId()) + ", ledger 0x" + io.chainbeasts.core.Hex.of(id.ledger()).substring(0, 8) + "...";
    }

    /** A head's loss in a window (a Q16 sum over the steps that trained it) as the mean per step, 3 decimals. */
    static String lossText(long sumQ16, long seen) {
        if (seen <= 0) return "-";
        return String.format(Locale.ROOT, "%.3f", sumQ16 / 65536.0 / seen);
    }

    public static long winRateSeed(int i) {
        return SplitMix64.hash(0x524F535445520000L + i); // "ROSTER"
    }

    /** The beast in {@code dir} (side A) against greedy over {@link #WIN_RATE_BATTLES} fixed seeds. */
    public static Record winRate(Path dir) {
        BeastState s = Contender.headState(dir);
        int w = 0;
        int d = 0;
        int l = 0;
        for (int i = 0; i < WIN_RATE_BATTLES; i++) {
            long seed = winRateSeed(i);
            BattleLog log = BattleSimulator.run(BattleSetup.fromSeed(seed, SeasonConstants.DEFAULT), new NetPolicy(s, "beast"), new GreedyPolicy());
            switch (log.outcome().winner()) {
                case Outcome.A_WINS -> w++;
                case Outcome.B_WINS -> l++;
                default -> d++;
            }
        }
        return new Record(w, d, l);
    }
}
