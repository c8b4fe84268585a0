package dev.framescope.capture;

import java.util.Map;

/**
 * How a connection was set up — its template (URL and headers with variables, auth helper) and the environment it
 * used — as a tree of plain maps and lists for the session file's connection line. The tree leaves secret values
 * out unless {@code keepSecrets}; the engine's records know which fields are secret, the capture does not.
 */
@FunctionalInterface
public interface Setup {

    Setup NONE = keepSecrets -> Map.of();

    Map<String, Object> tree(boolean keepSecrets);

    /** A tree read back from a file: whatever it holds, it already held when it was written. */
    static Setup of(Map<String, Object> tree) {
        Map<String, Object> copy = Map.copyOf(tree);
        return keepSecrets -> copy;
    }
}
