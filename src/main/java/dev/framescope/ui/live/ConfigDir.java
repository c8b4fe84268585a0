package dev.framescope.ui.live;

import dev.framescope.cli.AppOptions;
import dev.framescope.cli.ConfigPaths;
import java.nio.file.Path;
import java.util.Map;

/** The window's configuration directory: {@link ConfigPaths}, which the command line shares (the proxy's CA). */
public final class ConfigDir {

    private ConfigDir() {
    }

    /** The configuration directory these options ask for. */
    public static Path of(AppOptions options) {
        return ConfigPaths.of(options);
    }

    static Path resolve(String override, Map<String, String> env, String osName, String home) {
        return ConfigPaths.resolve(override, env, osName, home);
    }
}
