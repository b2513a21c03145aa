package io.chainbeasts.engine.opencl;

import java.util.Locale;

/**
 * How a batch's window is spread over the device (spec/opencl.md "Two layouts"); both give bit-identical results.
 * <ul>
 *   <li>{@link #PER_BEAST}: {@code cb_window_steps}, one work-item per beast, its whole micro-step sequential in
 *       private memory (~6 KB), the net's passes FastNet's (w1 stored input-major). Suits CPU devices, whose cores each
 *       run a beast.</li>
 *   <li>{@link #WORK_GROUP}: {@code cb_window_group}, one work-group per beast, the net's hidden units over the group's
 *       work-items, the activations in local memory, w1 stored input-major. Suits GPUs.</li>
 * </ul>
 */
public enum WindowLayout {
    PER_BEAST("cb_window_steps"),
    WORK_GROUP("cb_window_group");

    /** Environment variable (or system property {@code chainbeasts.opencl.layout}) that overrides the choice. */
    public static final String OVERRIDE_ENV = "CHAINBEASTS_OPENCL_LAYOUT";

    private final String kernel;

    WindowLayout(String kernel) {
        this.kernel = kernel;
    }

    public String kernel() {
        return kernel;
    }

    /** The name used on the command line and in the bench: "per-beast" or "work-group". */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static WindowLayout parse(String s) {
        for (WindowLayout l : values()) if (l.label().equals(s.trim().toLowerCase(Locale.ROOT))) return l;
        throw new IllegalArgumentException("unknown OpenCL layout '" + s + "' (expected per-beast or work-group)");
    }

    /**
     * The layout for a device: the override if one is set, else {@link #WORK_GROUP} on GPUs and accelerators and
     * {@link #PER_BEAST} on CPUs (PoCL, spec/opencl.md: a core already runs one beast per work-item, whose FastNet passes
     * vectorise over the units, and the work-group layout ran at 0.58x-0.70x the per-beast one per CPU-second).
     */
    public static WindowLayout forDevice(ClDevice dev) {
        String o = System.getProperty("chainbeasts.opencl.layout", System.getenv(OVERRIDE_ENV));
        if (o != null && !o.isBlank()) return parse(o);
        return dev.isCpu() ? PER_BEAST : WORK_GROUP;
    }
}
