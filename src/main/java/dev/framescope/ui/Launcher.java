package dev.framescope.ui;

import dev.framescope.cli.Main;
import javafx.application.Application;

/**
 * The jar's main class. Deliberately not an {@link Application} subclass: started from the classpath
 * ({@code java -jar}), JavaFX refuses to launch a main class that extends Application. No arguments opens the
 * GUI; any argument runs the command line.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            Application.launch(FramescopeApp.class);
        } else {
            System.exit(Main.run(args));
        }
    }
}
