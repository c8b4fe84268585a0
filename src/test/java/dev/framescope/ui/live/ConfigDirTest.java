package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.framescope.cli.AppOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDirTest {

    private static final String HOME = "/home/ann";

    @Test
    void linuxUsesAnAbsoluteXdgConfigHomeElseDotConfig() {
        assertEquals(Path.of("/xdg/conf/framescope"),
                ConfigDir.resolve(null, Map.of("XDG_CONFIG_HOME", "/xdg/conf"), "Linux", HOME));
        assertEquals(Path.of(HOME, ".config", "framescope"), ConfigDir.resolve(null, Map.of(), "Linux", HOME));
        assertEquals(Path.of(HOME, ".config", "framescope"),
                ConfigDir.resolve(null, Map.of("XDG_CONFIG_HOME", "relative/conf"), "Linux", HOME),
                "the XDG spec says a relative XDG_CONFIG_HOME is ignored");
        assertEquals(Path.of(HOME, ".config", "framescope"),
                ConfigDir.resolve("  ", Map.of("XDG_CONFIG_HOME", ""), "Linux", HOME), "blank means unset");
    }

    @Test
    void windowsUsesAppDataAndMacOsApplicationSupport() {
        assertEquals(Path.of("C:\\Users\\ann\\AppData\\Roaming", "Framescope"), ConfigDir.resolve(null,
                Map.of("APPDATA", "C:\\Users\\ann\\AppData\\Roaming", "XDG_CONFIG_HOME", "/xdg"), "Windows 11", HOME));
        assertEquals(Path.of(HOME, "AppData", "Roaming", "Framescope"),
                ConfigDir.resolve(null, Map.of(), "Windows 10", HOME));
        assertEquals(Path.of(HOME, "Library", "Application Support", "Framescope"),
                ConfigDir.resolve(null, Map.of("XDG_CONFIG_HOME", "/xdg"), "Mac OS X", HOME));
    }

    @Test
    void thePropertyOverridesEveryPlatform() {
        for (String os : new String[] {"Linux", "Windows 11", "Mac OS X"}) {
            assertEquals(Path.of("/tmp/fs-conf"), ConfigDir.resolve("/tmp/fs-conf",
                    Map.of("APPDATA", "C:\\x", "XDG_CONFIG_HOME", "/xdg"), os, HOME), os);
        }
    }

    @Test
    void theOptionsNameTheDirectoryOrThePlatformsIsUsed() {
        AppOptions.Environment env = new AppOptions.Environment(Map.of("XDG_CONFIG_HOME", "/xdg"), "Linux",
                Path.of(HOME), "");
        assertEquals(Path.of("/xdg", "framescope"), ConfigDir.of(AppOptions.defaults(env)));
        AppOptions given = AppOptions.parse(List.of("--config-dir=/tmp/framescope-config-dir-test"), Map.of(), env)
                .options();
        assertEquals(Path.of("/tmp/framescope-config-dir-test"), ConfigDir.of(given));
    }
}
