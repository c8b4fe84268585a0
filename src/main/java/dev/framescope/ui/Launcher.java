package dev.framescope.ui;

import dev.framescope.cli.Main;
import javafx.application.Application;

/**
 * The jar's main class. Deliberately not an {@link Application} subclass: started from the classpath
 * ({@code java -jar}), JavaFX refuses to launch a main class that extends Application. No arguments opens the
 * GUI; a single argument naming an existing session or HAR file opens the GUI with that file (what a desktop
 * file association passes); any other argument runs the command line.
 */
public final class Launcher {

    private Launcher() {
    }

    /** On Linux and other X11 systems a window needs DISPLAY or WAYLAND_DISPLAY; macOS and Windows always have one. */
    static boolean noDisplay() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        boolean x11 = !os.contains("win") && !os.contains("mac");
        return x11 && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null
                && !"Monocle".equals(System.getProperty("glass.platform"));
    }

    /** One argument that is a session (.fscap) or HAR file: the desktop opened a file with us. */
    static boolean opensInWindow(String[] args) {
        if (args.length != 1) {
            return false;
        }
        String name = args[0].toLowerCase(java.util.Locale.ROOT);
        return (name.endsWith(".fscap") || name.endsWith(".har")) && java.nio.file.Files.isRegularFile(
                java.nio.file.Path.of(args[0]));
    }

    public static void main(String[] args) {
        if (args.length == 0 && noDisplay()) {
            System.err.println("framescope: no display to open the window on (DISPLAY is not set).\n"
                    + "Headless, try: framescope capture 'demo:/ticker?rate=20' --duration 5s   (framescope --help)");
            System.exit(2);
        } else if (args.length == 0) {
            Application.launch(FramescopeApp.class);
        } else if (opensInWindow(args) && !noDisplay()) {
            Application.launch(FramescopeApp.class, args);
        } else {
            System.exit(Main.run(args));
        }
    }
}
