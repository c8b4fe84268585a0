package dev.framescope.capture;

import java.util.Map;

/**
 * A connection's setup as the capture layer sees it: only its tree of plain maps and lists, for the session file's
 * connection line. The engine's {@code ConnectionSetup} (template, options, environment) is the typed form; the
 * capture cannot name engine types, so it keeps this view. The tree leaves secret values out unless
 * {@code keepSecrets}; the engine's records know which fields are secret, the capture does not.
 */
@FunctionalInterface
public interface SetupTree {

    SetupTree NONE = keepSecrets -> Map.of();

    Map<String, Object> tree(boolean keepSecrets);

    /** A tree read back from a file: whatever it holds, it already held when it was written. */
    static SetupTree of(Map<String, Object> tree) {
        Map<String, Object> copy = Map.copyOf(tree);
        return keepSecrets -> copy;
    }
}
