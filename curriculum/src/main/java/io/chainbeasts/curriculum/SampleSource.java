package io.chainbeasts.curriculum;

/**
 * Where a micro-step's board comes from, by a fixed 8-step cycle of the global step
 * ({@code k = globalStep & 7}, SPEC.md "Sample sources"):
 * <pre>
 *   k:              0  1  2  3  4  5  6  7
 *   public beast:   SP SP SP T  SP SP SP R
 *   private beast:  P  SP P  T  P  SP P  R
 * </pre>
 * SP self-play, T curriculum template, R real battle, P private dataset.
 */
public final class SampleSource {
    private SampleSource() {}

    public static final int SELF_PLAY = 0;
    public static final int TEMPLATE = 1;
    public static final int REAL_BATTLE = 2;
    public static final int PRIVATE = 3;

    private static final String[] NAMES = {"self-play", "template", "real-battle", "private"};

    public static String name(int source) {
        return NAMES[source];
    }

    public static int forStep(long globalStep, boolean hasPrivateDataset) {
        int k = (int) (globalStep & 7);
        if (k == 3) return TEMPLATE;
        if (k == 7) return REAL_BATTLE;
        if (hasPrivateDataset && (k & 1) == 0) return PRIVATE;
        return SELF_PLAY;
    }
}
