package dev.framescope.arch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DESIGN.md's layer arrows as data. Each layer has names it must not refer to and, for the pure layers, the only
 * names it may refer to. A wildcard import counts as referring to everything in its package.
 */
final class LayerRules {

    /** One layer's rule: {@code allowed} empty means "anything not forbidden". */
    record Rule(List<String> forbidden, Optional<List<String>> allowed, List<String> forbiddenSimpleNames) {
    }

    private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "org.w3c.dom.", "org.xml.sax.");

    /** Threads and executors: the pure layers are byte-fed and deterministic (java.lang needs no import). */
    private static final List<String> THREADS = List.of("Thread", "ThreadLocal", "Executor", "Executors",
            "ExecutorService", "ScheduledExecutorService", "CompletableFuture", "ForkJoinPool", "Timer");

    /**
     * {@code decode} is pure (JDK and format libraries only), so {@code capture} may use it — the JSON Lines export
     * adds each payload's decoded tree — and so may {@code cli} and {@code ui}. Nothing but {@code ui} uses
     * {@code ui} or JavaFX. {@code replay} (replay and mock), {@code probe} (the conformance probe) and {@code proxy}
     * (the intercepting proxy, which records through the engine's recorder) sit on {@code engine} beside {@code cli}.
     */
    static final Map<String, Rule> RULES = Map.of(
            "wire", new Rule(List.of("java.io.File", "java.nio.file.", "java.nio.channels.", "java.net.",
                    "java.util.concurrent."), Optional.of(JDK), THREADS),
            "decode", new Rule(List.of("java.io.File", "java.nio.file.", "java.net.", "java.util.concurrent."),
                    Optional.of(concat(JDK, List.of("com.fasterxml.jackson.core.", "com.fasterxml.jackson.databind.",
                            "com.fasterxml.jackson.dataformat.cbor.", "org.msgpack.core.", "org.msgpack.value.",
                            "com.google.protobuf."))), THREADS),
            "capture", new Rule(List.of("dev.framescope.engine.", "dev.framescope.ui.", "dev.framescope.cli.",
                    "dev.framescope.demo.", "javafx.", "org.java_websocket."), Optional.empty(), List.of()),
            "engine", new Rule(List.of("dev.framescope.ui.", "dev.framescope.cli.", "dev.framescope.demo.",
                    "javafx."), Optional.empty(), List.of()),
            "demo", new Rule(List.of("dev.framescope.engine.", "dev.framescope.capture.", "dev.framescope.ui.",
                    "dev.framescope.cli.", "javafx."), Optional.empty(), List.of()),
            "replay", new Rule(List.of("dev.framescope.ui.", "dev.framescope.cli.", "dev.framescope.demo.",
                    "javafx."), Optional.empty(), List.of()),
            "probe", new Rule(List.of("dev.framescope.ui.", "dev.framescope.cli.", "dev.framescope.demo.",
                    "javafx."), Optional.empty(), List.of()),
            "proxy", new Rule(List.of("dev.framescope.ui.", "dev.framescope.cli.", "dev.framescope.demo.",
                    "dev.framescope.replay.", "javafx."), Optional.empty(), List.of()),
            "cli", new Rule(List.of("dev.framescope.ui.", "javafx."), Optional.empty(), List.of()));

    private LayerRules() {
    }

    /** What {@code source}, a file of {@code layer}, breaks; empty when it keeps to its arrows. */
    static List<String> breaches(String layer, JavaSource source) {
        Rule rule = RULES.get(layer);
        List<String> breaches = new ArrayList<>();
        if (rule == null) {
            return breaches;
        }
        String own = "dev.framescope." + layer + ".";
        for (String ref : source.references()) {
            if (ref.startsWith(own)) {
                continue;
            }
            if (rule.forbidden().stream().anyMatch(prefix -> covers(ref, prefix))) {
                breaches.add("refers to " + ref + " (forbidden)");
            } else if (rule.allowed().isPresent()
                    && rule.allowed().get().stream().noneMatch(prefix -> ref.startsWith(prefix))) {
                breaches.add("refers to " + ref + " (not among the allowed)");
            }
        }
        String io = own + "io.";
        if (!(source.packageName() + ".").startsWith(io)) {
            source.references().stream().filter(ref -> ref.startsWith(io))
                    .forEach(ref -> breaches.add("refers to " + ref + " (io reads and writes the layer's types; the "
                            + "layer does not use its io)"));
        }
        rule.forbiddenSimpleNames().stream().filter(source::mentions)
                .forEach(name -> breaches.add("uses " + name + " (no threads in this layer)"));
        return breaches;
    }

    /**
     * {@code ref} names something under {@code prefix}, or is a wildcard import of the package {@code prefix} names
     * or holds types of ({@code java.io.*} covers {@code java.io.File}; {@code java.util.*} does not cover
     * {@code java.util.concurrent.}, a package of its own).
     */
    static boolean covers(String ref, String prefix) {
        if (ref.startsWith(prefix)) {
            return true;
        }
        if (!ref.endsWith(".*")) {
            return false;
        }
        String pkg = ref.substring(0, ref.length() - 1);
        return prefix.startsWith(pkg) && !prefix.substring(pkg.length()).contains(".");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
