package dev.framescope.ui;

import dev.framescope.cli.AppOptions;
import dev.framescope.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The jar's main class. Deliberately not a JavaFX {@code Application}: started from the classpath ({@code java -jar}),
 * JavaFX refuses to launch a main class that extends Application. Parses the options once; no other argument opens
 * the GUI; a single argument naming an existing session or HAR file opens the GUI with that file (what a desktop
 * file association passes); any other argument runs the command line.
 */
public final class Launcher {

    private Launcher() {
    }

    /** On Linux and other X11 systems a window needs DISPLAY or WAYLAND_DISPLAY; macOS and Windows always have one. */
    static boolean noDisplay(AppOptions.Environment env) {
        String os = env.osName().toLowerCase(Locale.ROOT);
        boolean x11 = !os.contains("win") && !os.contains("mac");
        return x11 && !env.variables().containsKey("DISPLAY") && !env.variables().containsKey("WAYLAND_DISPLAY")
                && !"Monocle".equals(env.glassPlatform());
    }

    /** One argument that is a session (.fscap) or HAR file: the desktop opened a file with us. */
    static boolean opensInWindow(String[] args) {
        if (args.length != 1) {
            return false;
        }
        String name = args[0].toLowerCase(Locale.ROOT);
        return (name.endsWith(".fscap") || name.endsWith(".har")) && Files.isRegularFile(Path.of(args[0]));
    }

    public static void main(String[] args) {
        AppOptions.Parsed parsed;
        try {
            parsed = AppOptions.fromProcess(args);
        } catch (IllegalArgumentException e) {
            System.err.println("framescope: " + e.getMessage());
            System.exit(2);
            return;
        }
        AppOptions options = parsed.options();
        List<String> rest = parsed.arguments();
        boolean noDisplay = noDisplay(options.environment());
        if (rest.isEmpty() && noDisplay) {
            System.err.println("framescope: no display to open the window on (DISPLAY is not set).\n"
                    + "Headless, try: framescope capture 'demo:/ticker?rate=20' --duration 5s   (framescope --help)");
            System.exit(2);
        } else if (rest.isEmpty()) {
            FramescopeApp.launch(options, Optional.empty());
        } else if (opensInWindow(rest.toArray(String[]::new)) && !noDisplay) {
            FramescopeApp.launch(options, Optional.of(Path.of(rest.get(0))));
        } else {
            System.exit(Main.run(args));
        }
    }
}
