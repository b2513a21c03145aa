package io.chainbeasts.engine.opencl;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every static rule on the kernel path has its OpenCL twin, named as SPEC and spec/opencl.md promise
 * ({@code Class.method} is {@code class_method} in the program): the test lists the static methods (and, for PathBits, the public instance methods) of the classes
 * the kernel mirrors and fails, naming each, when the assembled program has no function of that name. Methods that
 * have no twin on purpose are listed below with the reason.
 */
class TwinInventoryTest {
    /**
     * The kernel path's classes that have an OpenCL twin. PathFinder, the reference path search, has none: the kernel
     * searches with PathBits' twin, the search Java's trainer runs (PathBitsTest holds the two equal in Java).
     */
    static final List<Class<?>> TWINNED = List.of(
            io.chainbeasts.combat.ActionKind.class, io.chainbeasts.combat.PathBits.class, io.chainbeasts.combat.Rules.class,
            io.chainbeasts.combat.Appendage.class, io.chainbeasts.combat.TurnResolver.class, io.chainbeasts.combat.GreedyPolicy.class,
            io.chainbeasts.combat.Lookahead.class,
            io.chainbeasts.curriculum.Labels.class, io.chainbeasts.curriculum.Curriculum.class, io.chainbeasts.curriculum.SampleSource.class,
            io.chainbeasts.curriculum.BoardDraw.class, io.chainbeasts.curriculum.PrivateSampling.class,
            io.chainbeasts.engine.InputEncoder.class, io.chainbeasts.engine.IntMath.class, io.chainbeasts.engine.Net.class,
            io.chainbeasts.engine.FastNet.class,
            io.chainbeasts.engine.Sampler.class, io.chainbeasts.engine.Hatchery.class, io.chainbeasts.engine.Energy.class,
            io.chainbeasts.engine.MicroStep.class, io.chainbeasts.engine.Window.class);

    /**
     * Twinned classes whose twin mirrors an instance's methods (the instance holds only scratch rows; the kernel's
     * functions take them as arguments): their public instance methods are checked too.
     */
    static final List<Class<?>> INSTANCES_TWINNED = List.of(io.chainbeasts.combat.PathBits.class);

    /** Java methods with no OpenCL function of their own, and why. */
    static final Map<String, String> JAVA_ONLY = new TreeMap<>(Map.ofEntries(
            Map.entry("actionkind_name", "names for messages; the kernel never prints"),
            Map.entry("actionkind_parse", "parses user input (CSV); the kernel reads numbers"),
            Map.entry("actionkind_isValid", "validation of external input is the host's (combat.cl header)"),
            Map.entry("rules_isLegal", "the Java appendage asserts with it that it commits only legal actions; the kernel has no assertions"),
            Map.entry("appendage_choose", "the body of Appendage.commit, which in Java also checks the output count (the host's job for the kernel)"),
            Map.entry("samplesource_name", "names for messages; the kernel never prints"),
            Map.entry("net_forward", "the kernel's passes are FastNet's (fastnet_forward; the work-group layout's group_forward), held to Net by FastNetTest and the vectors"),
            Map.entry("net_backwardAndUpdate", "the kernel's passes are FastNet's (fastnet_backwardAndUpdate; group_backwardAndUpdate)"),
            Map.entry("fastnet_bind", "the window kernels' records hold w1 input-major throughout: nothing to bind, flush or unbind"),
            Map.entry("fastnet_flush", "see fastnet_bind"),
            Map.entry("fastnet_unbind", "see fastnet_bind"),
            Map.entry("fastnet_sumsRowMajor", "Java's pass on an unbound (row-major) state; the kernel's record is input-major"),
            Map.entry("fastnet_updateRowMajor", "Java's update of an unbound (row-major) state; the kernel's record is input-major"),
            Map.entry("fastnet_updateInputMajorVectors", "the Vector API form of updateInputMajor; the OpenCL compiler vectorises fastnet_updateInputMajor's loop over the units"),
            Map.entry("pathbits_distancesTo", "the whole distance map, for Lookahead's per-goal cache; the kernel's teacher asks pathbits_distance per evaluation (a few row operations)"),
            Map.entry("window_runRecords", "Window.run whose optimised Java kernel writes the state's w1 once per window; the kernel keeps one layout")));

    @Test
    void everyKernelRuleHasItsOpenClTwin() {
        String program = KernelSource.program();
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Class<?> c : TWINNED) {
            for (String name : new TreeSet<>(twinnedMethods(c))) {
                String twin = c.getSimpleName().toLowerCase() + "_" + name;
                if (JAVA_ONLY.containsKey(twin)) continue;
                checked++;
                if (!program.contains(" " + twin + "(")) missing.add(c.getSimpleName() + "." + name + " (expected " + twin + ")");
            }
        }
        assertTrue(checked >= 40, checked + " methods checked");
        assertTrue(missing.isEmpty(), "kernel-path rules without their OpenCL twin (write the twin, or say in JAVA_ONLY why none is needed):\n  "
                + String.join("\n  ", missing));
    }

    /** The static methods, and for {@link #INSTANCES_TWINNED} also the public instance methods. */
    static List<String> twinnedMethods(Class<?> c) {
        List<String> out = new ArrayList<>();
        for (Method m : c.getDeclaredMethods()) {
            boolean instanceTwin = INSTANCES_TWINNED.contains(c) && Modifier.isPublic(m.getModifiers());
            if (!(Modifier.isStatic(m.getModifiers()) || instanceTwin) || m.isSynthetic() || m.getName().startsWith("lambda$")) continue;
            out.add(m.getName());
        }
        return out;
    }
}
