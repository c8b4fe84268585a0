package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The options parsed once at start reach the commands that need them. */
class MainOptionsTest {

    private static final AppOptions.Environment ENV =
            new AppOptions.Environment(Map.of(), "Linux", Path.of("/home/u"), "");

    @Test
    void captureBuildsItsBudgetFromTheParsedOptions() {
        AppOptions.Parsed parsed = AppOptions.parse(List.of("--memory-budget=64m", "capture", "ws://127.0.0.1:1/"),
                Map.of(), ENV);
        CommandLine cli = Main.commandLine(parsed.options());
        cli.parseArgs(parsed.arguments().toArray(String[]::new));
        CaptureCommand capture = cli.getSubcommands().get("capture").getCommand();
        assertEquals(64L << 20, capture.budget().limit());
    }

    @Test
    void withoutABudgetCaptureUsesThisJvmsDefault() {
        CommandLine cli = Main.commandLine(AppOptions.defaults(ENV));
        CaptureCommand capture = cli.getSubcommands().get("capture").getCommand();
        assertEquals(Math.min(512L << 20, Runtime.getRuntime().maxMemory() / 4), capture.budget().limit());
    }
}
