package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
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
    void currentReadsTheProperty() {
        String before = System.getProperty(ConfigDir.PROPERTY);
        try {
            System.setProperty(ConfigDir.PROPERTY, "/tmp/framescope-config-dir-test");
            assertEquals(Path.of("/tmp/framescope-config-dir-test"), ConfigDir.current());
        } finally {
            if (before == null) {
                System.clearProperty(ConfigDir.PROPERTY);
            } else {
                System.setProperty(ConfigDir.PROPERTY, before);
            }
        }
    }
}
