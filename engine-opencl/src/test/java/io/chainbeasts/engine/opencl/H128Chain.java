package io.chainbeasts.engine.opencl;

import io.chainbeasts.engine.EngineVectors;
import io.chainbeasts.core.Hex;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.TrainingBackend;
import io.chainbeasts.engine.WindowContext;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a long default-plan training run and prints one h128 per window (stdout), for comparing
 * backends and JVMs. Usage: {@code H128Chain <java|opencl> <seedCore> <windows> [private]}.
 */
public final class H128Chain {
    private H128Chain() {}

    public static List<String> run(TrainingBackend backend, long seed, int windows, boolean priv) {
        BeastState s = Hatchery.hatch(seed);
        byte[] root = WindowContext.ZERO32;
        List<String> out = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            root = backend.runWindows(List.of(s), List.of(EngineVectors.inputs(s, root, priv))).get(0).h128();
            out.add(Hex.of(root));
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        try (TrainingBackend b = Backends.select(args[0], System.err, OpenCl.testCache(), 1)) {
            if (!b.name().equals(args[0])) throw new IllegalStateException("wanted backend " + args[0] + ", got " + b.name());
            String layout = System.getenv(WindowLayout.OVERRIDE_ENV);
            if (b instanceof OpenClBackend cl && layout != null && cl.layout() != WindowLayout.parse(layout)) {
                throw new IllegalStateException("wanted layout " + layout + ", got " + cl.layout().label());
            }
            for (String h : run(b, Long.parseLong(args[1]), Integer.parseInt(args[2]), args.length > 3)) out.println(h);
        }
    }
}
