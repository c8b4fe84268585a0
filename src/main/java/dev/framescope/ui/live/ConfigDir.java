package dev.framescope.ui.live;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Framescope keeps per-user settings: the platform's configuration directory, or the directory named by the
 * system property {@value #PROPERTY} (tests point it at a temporary directory, so they never touch the real home).
 */
final class ConfigDir {

    static final String PROPERTY = "framescope.configDir";

    private ConfigDir() {
    }

    /** This JVM's configuration directory. */
    static Path current() {
        return resolve(System.getProperty(PROPERTY), System.getenv(), System.getProperty("os.name", ""),
                System.getProperty("user.home"));
    }

    /**
     * The override when set; else {@code %APPDATA%\Framescope} on Windows, {@code ~/Library/Application
     * Support/Framescope} on macOS, and {@code $XDG_CONFIG_HOME/framescope} or {@code ~/.config/framescope}
     * elsewhere (the XDG Base Directory spec ignores a relative {@code XDG_CONFIG_HOME}).
     */
    static Path resolve(String override, Map<String, String> env, String osName, String home) {
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
