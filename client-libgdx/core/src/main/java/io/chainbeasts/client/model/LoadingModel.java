package io.chainbeasts.client.model;

import io.chainbeasts.engine.opencl.Backends;

/**
 * What the loading screen says before the roster: which backend training will use and why (the OpenCL probe
 * against the backend setting), and the chain connection (or that none is configured).
 */
public final class LoadingModel {
    private LoadingModel() {}

    /** Opens an OpenCL device once; null when one opened, else why not (one line). Run it off the render thread. */
    public static String probeOpenCl() {
        // one OpenCL initialisation at a time in this process (Backends.select takes the same lock)
        synchronized (Backends.class) {
            return Backends.probe();
        }
    }

    /** The backend line for the setting ({@link Settings#BACKENDS}) and the probe's result (null: an OpenCL device opened). */
    public static String backendLine(String setting, String openClFailure) {
        boolean cl = openClFailure == null;
        return switch (setting) {
            case "java" -> "Training runs on Java (Settings: java); OpenCL " + (cl ? "is available too" : "is unavailable (" + openClFailure + ")");
            case "opencl" -> cl ? "Training runs on OpenCL (Settings: opencl; a device opened)"
                    : "Training cannot start on OpenCL (Settings: opencl): " + openClFailure + "; choose java or auto in Settings";
            default -> cl ? "Training runs on OpenCL (Settings: auto; a device opened)"
                    : "Training runs on Java (Settings: auto; OpenCL unavailable: " + openClFailure + ")";
        };
    }

    /** Whether the backend line reports a setting that cannot train. */
    public static boolean backendFails(String setting, String openClFailure) {
        return setting.equals("opencl") && openClFailure != null;
    }

    /** The chain line: "No chain configured..." without a chain file, else the connection as {@link ChainModel#describe} reads it. */
    public static String chainLine(Settings s) {
        if (s.chainFile() == null) return "No chain configured (Settings: chain file); everything stays local";
        try (ChainModel c = ChainModel.open(ChainModel.Target.of(s), false)) {
            return c.describe();
        }
    }
}
