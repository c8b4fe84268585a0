package dev.framescope.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Framescope keeps per-user settings (the window's, and the proxy's local CA): the platform's configuration directory, or the one the options name
 * ({@code --config-dir}, {@code framescope.configDir}; tests pass a temporary directory, so they never touch the real
 * home).
 */
public final class ConfigPaths {

    private ConfigPaths() {
    }

    /** The configuration directory these options ask for. */
    public static Path of(AppOptions options) {
        AppOptions.Environment env = options.environment();
        return resolve(options.configDir().map(Path::toString).orElse(null), env.variables(), env.osName(),
                env.userHome().toString());
    }

    /**
     * The override when set; else {@code %APPDATA%\Framescope} on Windows, {@code ~/Library/Application
     * Support/Framescope} on macOS, and {@code $XDG_CONFIG_HOME/framescope} or {@code ~/.config/framescope}
     * elsewhere (the XDG Base Directory spec ignores a relative {@code XDG_CONFIG_HOME}).
     */
    public static Path resolve(String override, Map<String, String> env, String osName, String home) {
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return appData == null || appData.isBlank() ? Path.of(home, "AppData", "Roaming", "Framescope")
                    : Path.of(appData, "Framescope");
        }
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Application Support", "Framescope");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "framescope");
        }
        return Path.of(home, ".config", "framescope");
    }
}
