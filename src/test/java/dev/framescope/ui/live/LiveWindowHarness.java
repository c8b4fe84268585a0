package dev.framescope.ui.live;

import dev.framescope.ui.FramescopeApp;
import dev.framescope.ui.Theme;
import dev.framescope.ui.fx.FxPump;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

/**
 * The real main window with a session and a running pump, for TestFX tests. TestFX only finds {@code @Start} on the
 * test class itself, so each test keeps a two-line {@code @Start} / {@code @AfterEach} that calls this.
 */
final class LiveWindowHarness {

    final SessionModel session;
    final FxPump pump = new FxPump();
    FramescopeApp.MainWindow window;
    LiveWindow live;

    LiveWindowHarness() {
        this(new SessionModel());
    }

    /** A window over this session, e.g. one whose environments are saved ({@link SessionModel#withSavedEnvironments}). */
    LiveWindowHarness(SessionModel session) {
        this.session = session;
    }

    void start(Stage stage) {
        window = FramescopeApp.createMainWindow(Theme.LIGHT);
        live = new LiveWindow(window.controller(), session, pump);
        stage.setScene(window.scene());
        stage.show();
        pump.start();
    }

    void stop(FxRobot robot) {
        robot.interact(() -> {
            pump.stop();
            session.close();
        });
    }
}
