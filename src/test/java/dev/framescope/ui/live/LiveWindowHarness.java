package dev.framescope.ui.live;

import dev.framescope.capture.MemoryBudget;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.engine.Connection;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.Engine;
import dev.framescope.engine.EngineSettings;
import dev.framescope.engine.VirtualScheduler;
import dev.framescope.testutil.Await;
import dev.framescope.ui.FramescopeApp;
import dev.framescope.ui.Theme;
import dev.framescope.ui.fx.Background;
import dev.framescope.ui.fx.FxPump;
import dev.framescope.ui.fx.UiDispatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real main window with a session, a running pump and a background executor, for TestFX tests; settings (recent
 * files) go to a directory of the test's own. TestFX only finds {@code @Start} on the test class itself, so each test
 * keeps a short {@code @Start} that calls {@link #start}; registered as an extension ({@code @RegisterExtension}), the
 * harness stops the window after each test itself.
 */
final class LiveWindowHarness implements AfterEachCallback {

    final SessionModel session;
    final FxPump pump = new FxPump();
    final Path configDir;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    final Background background = new Background(executor, UiDispatcher.fx());
    FramescopeApp.MainWindow window;
    LiveWindow live;
    /** What reads session files: a test may hold a load part-way. */
    FileActions.Loader loader = SessionFiles::load;

    LiveWindowHarness() {
        this(new SessionModel(), freshDirectory());
    }

    /** A window whose connections' timers run on {@code clock}, which the test advances. */
    LiveWindowHarness(VirtualScheduler clock) {
        this(new SessionModel(MemoryBudget.forThisJvm(OptionalLong.empty()),
                Engine.on(clock, EngineSettings.DEFAULTS)), freshDirectory());
    }

    /**
     * A window over this session, e.g. one whose environments are saved
     * ({@link SessionModel#withSavedEnvironments}), with its settings in {@code configDir}.
     */
    LiveWindowHarness(SessionModel session, Path configDir) {
        this.session = session;
        this.configDir = configDir;
    }

    /**
     * The session's connections, copied on the FX thread: the list changes there, so a test thread that streams it
     * while a connection is added fails with a ConcurrentModificationException.
     */
    List<LiveConnection> connections() {
        try {
            return WaitForAsyncUtils.asyncFx(() -> List.copyOf(session.connections())).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not read the connections on the FX thread", e);
        }
    }

    private static Path freshDirectory() {
        try {
            return Files.createTempDirectory("framescope-ui-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void start(Stage stage) {
        window = FramescopeApp.createMainWindow(Theme.LIGHT, background);
        live = new LiveWindow(window.controller(), session, new WindowServices(pump, background, configDir,
                configDir.resolve("former-home"), loader));
        stage.setScene(window.scene());
        stage.show();
        pump.start();
    }

    /** Opens a connection under {@code name}, selects it in the list, and waits until it is open. */
    LiveConnection openSelected(FxRobot robot, String name, ConnectionSpec spec) throws InterruptedException {
        AtomicReference<LiveConnection> opened = new AtomicReference<>();
        robot.interact(() -> {
            opened.set(session.open(name, spec));
            live.connections().getSelectionModel().select(opened.get());
        });
        Connection c = opened.get().connection().orElseThrow();
        if (!c.awaitOpen(Duration.ofSeconds(10))) {
            throw new AssertionError("not open: " + spec.uri() + " " + c.state() + " " + c.failure().orElse(""));
        }
        return opened.get();
    }

    /** Brings a detail tab to the front, by its name. */
    void showTab(FxRobot robot, DetailTab tab) {
        robot.interact(() -> window.controller().detailTabs().getTabs().stream()
                .filter(t -> tab.id().equals(t.getId())).findFirst()
                .ifPresent(t -> window.controller().detailTabs().getSelectionModel().select(t)));
    }

    /** Opens the demo's connections, the ticker selected (what the application does at start). */
    void openDemo() throws InterruptedException {
        live.select(new DemoConnections(session, pump).open(10, 1));
    }

    /** Starts a file action on the FX thread and waits until its outcome has reached the window. */
    void awaitJob(FxRobot robot, Supplier<Background.Job> action) {
        AtomicReference<Background.Job> job = new AtomicReference<>();
        robot.interact(() -> job.set(action.get()));
        Await.until(Duration.ofSeconds(20), () -> job.get().isDone(), "the file job done");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stop(new FxRobot());
    }

    void stop(FxRobot robot) {
        robot.interact(() -> {
            pump.stop();
            session.close();
        });
        executor.shutdownNow();
    }

    /** File ▸ Intercept Another App…, on 127.0.0.1:0 with loopback upstreams only; returns once the proxy runs. */
    int startProxy(FxRobot robot) {
        robot.interact(() -> window.controller().interceptItem().fire());
        robot.interact(() -> {
            robot.lookup("#interceptListen").queryAs(javafx.scene.control.TextField.class).setText("127.0.0.1:0");
            robot.lookup("#interceptAllow").queryAs(javafx.scene.control.TextField.class).setText("127.0.0.0/8,::1");
        });
        robot.interact(robot.lookup("#interceptStart").queryAs(javafx.scene.control.Button.class)::fire);
        InterceptModel model = live.intercept().panel().model();
        Await.until(Duration.ofSeconds(10), () -> model.running().get(), "the proxy running: "
                + model.status().get());
        return model.address().orElseThrow().getPort();
    }
}
