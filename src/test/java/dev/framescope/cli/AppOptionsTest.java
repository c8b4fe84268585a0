package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppOptionsTest {

    private static final AppOptions.Environment ENV =
            new AppOptions.Environment(Map.of(), "Linux", Path.of("/home/u"), "");

    @Test
    void defaultsWhenNothingIsGiven() {
        AppOptions.Parsed p = AppOptions.parse(List.of(), Map.of(), ENV);
        assertEquals("light", p.options().theme());
        assertTrue(p.options().demo());
        assertTrue(p.options().memoryBudget().isEmpty());
        assertEquals(Path.of("/home/u"), p.options().formerHome());
        assertEquals(List.of(), p.arguments());
    }

    @Test
    void leadingOptionsAreTakenAndTheRestIsLeftForTheCommandLine() {
        AppOptions.Parsed p = AppOptions.parse(List.of("--theme=dark", "--no-demo", "--memory-budget=1g",
                "capture", "--theme=light"), Map.of(), ENV);
        assertEquals("dark", p.options().theme());
        assertFalse(p.options().demo());
        assertEquals(1L << 30, p.options().memoryBudget().getAsLong());
        assertEquals(List.of("capture", "--theme=light"), p.arguments());
    }

    @Test
    void systemPropertiesOverrideTheCommandLine() {
        AppOptions.Parsed p = AppOptions.parse(List.of("--theme=dark"),
                Map.of("framescope.theme", "LIGHT", "framescope.configDir", "/tmp/cfg",
                        "framescope.demo.tickers", "20", "framescope.show", "chaos:Frame"), ENV);
        assertEquals("light", p.options().theme());
        assertEquals(Path.of("/tmp/cfg"), p.options().configDir().orElseThrow());
        assertEquals(20, p.options().demoTickers());
        assertEquals("chaos:Frame", p.options().devHooks().show().orElseThrow());
    }

    @Test
    void memorySizesParseWithUnits() {
        assertEquals(512L << 20, AppOptions.parseSize("--memory-budget", "512m"));
        assertEquals(2L << 30, AppOptions.parseSize("--memory-budget", "2G"));
        assertEquals(4096, AppOptions.parseSize("--memory-budget", "4096"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AppOptions.parseSize("--memory-budget", "lots"));
        assertTrue(e.getMessage().contains("'lots'"), e.getMessage());
    }

    @Test
    void badValuesNameTheOptionAndTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AppOptions.parse(List.of("--memory-budget=lots"), Map.of(), ENV));
        assertTrue(e.getMessage().contains("--memory-budget") && e.getMessage().contains("lots"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(List.of("--theme=blue"), Map.of(), ENV));
    }
}
