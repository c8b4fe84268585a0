package dev.framescope.ui;

import dev.framescope.capture.MemoryBudget;
import dev.framescope.cli.AppOptions;
import dev.framescope.engine.Engine;
import dev.framescope.engine.EngineSettings;
import dev.framescope.ui.dev.ScriptHooks;
import dev.framescope.ui.frame.FrameDetailPane;
import dev.framescope.ui.fx.Background;
import dev.framescope.ui.fx.FxPump;
import dev.framescope.ui.fx.UiDispatcher;
import dev.framescope.ui.live.ConfigDir;
import dev.framescope.ui.live.DemoConnections;
import dev.framescope.ui.live.LiveWindow;
import dev.framescope.ui.live.WindowServices;
import dev.framescope.ui.live.SessionModel;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The desktop application: made from the options parsed once at start, it owns the pump, the one background
 * executor and the session, builds the main window, and opens the demo or the file it was given.
 *
 * <p>Start-up order, for the first paint (docs/benchmarks.md, "Start-up"): the session (saved environments, the
 * engine's timers) is made on the background executor while JavaFX starts and the window's scene is built; the
 * demo endpoint and its connections start about half a second of pulses after the window's first, once its first
 * frame is on screen.
 */
public final class FramescopeApp {

    public static final String TITLE = "Framescope";
    public static final double DEFAULT_WIDTH = 1280;
    public static final double DEFAULT_HEIGHT = 800;
    private static final long STATS_REFRESH_NANOS = 1_000_000_000L;
    /** About half a second at 60 pulses a second: see {@link #afterFirstPaint}. */
    private static final int FIRST_PAINT_PULSES = 30;

    private final AppOptions options;
    private final FxPump pump;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "framescope-background");
        t.setDaemon(true);
        return t;
    });
    private final Background background = new Background(executor, UiDispatcher.fx());
    private final Path configDir;
    /** Made off the FX thread while JavaFX starts; the window waits for it only once its scene is built. */
    private final CompletableFuture<SessionModel> sessionReady;
    private SessionModel session;
    private long lastStatsRefresh;

    /** The loaded main window: its root, controller and theme manager. */
    public record MainWindow(Scene scene, MainWindowController controller, ThemeManager themeManager) {
    }

    /**
     * Starts reading the saved environments on the background executor.
     *
     * @param engines where the session's engine comes from: {@link Engine.Factory#realTime()} in the application
     */
    public FramescopeApp(AppOptions options, Engine.Factory engines) {
        this.options = options;
        this.pump = ScriptHooks.pumpFor(options.devHooks());
        this.configDir = ConfigDir.of(options);
        this.sessionReady = CompletableFuture.supplyAsync(() -> SessionModel.withSavedEnvironments(configDir,
                MemoryBudget.forThisJvm(options.memoryBudget()),
                engines.create(new EngineSettings(options.libraryReadsEveryFrame()))), executor);
    }

    /** Starts JavaFX and shows the window, with {@code file} open instead of the demo when given. */
    public static void launch(AppOptions options, Optional<Path> file) {
        FramescopeApp app = new FramescopeApp(options, Engine.Factory.realTime());
        Platform.startup(() -> app.start(new Stage(), file));
    }

    /** FX thread. Closing the window (or File → Quit) stops the application. */
    public void start(Stage stage, Optional<Path> file) {
        MainWindow window = createMainWindow(Theme.valueOf(options.theme().toUpperCase(Locale.ROOT)), background);
        session = sessionReady.join();
        stage.setTitle(TITLE);
        stage.setScene(window.scene());
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        stage.setOnHidden(e -> stop());
        pump.register(now -> showPulseStats(window.controller(), now));
        LiveWindow live = new LiveWindow(window.controller(), session, new WindowServices(pump, background,
                configDir, options.formerHome()));
        pump.start();
        stage.show();
        if (file.isPresent()) {
            // Opened with a file (the desktop's file association): show it instead of the demo.
            live.files().open(file.get());
        } else if (options.demo()) {
            afterFirstPaint(() -> openDemo(live));
        }
        new ScriptHooks(options.devHooks(), live, window.controller(), pump, session, background.ui()).install();
    }

    /**
     * Runs {@code then} on the {@value #FIRST_PAINT_PULSES}th pulse. The second pulse comes long before the first
     * frame is on screen: rendered in software on a cold JIT, it took 1.2-1.7 s to show, and the demo's server and
     * connections starting meanwhile competed with it for the cores; half a second of pulses later (longer on a busy
     * machine, where pulses come slower) the window showed 0.6-0.8 s sooner (docs/benchmarks.md, "Start-up").
     */
    private void afterFirstPaint(Runnable then) {
        int[] pulses = {0};
        pump.registerUntilDone(now -> {
            if (++pulses[0] < FIRST_PAINT_PULSES) {
                return false;
            }
            then.run();
            return true;
        });
    }

    /** The demo endpoint starts off the FX thread; its connections open on it. */
    private void openDemo(LiveWindow live) {
        DemoConnections demo = new DemoConnections(session, pump);
        background.submit(() -> session.demoUrl("/"), started -> {
            try {
                live.select(demo.open(options.demoTickerRate(), options.demoTickers()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void stop() {
        pump.stop();
        session.close();
        executor.shutdownNow();
        Platform.exit();
    }

    /** Builds the main window's scene; FX thread. Tests call this without starting the application. */
    public static MainWindow createMainWindow(Theme theme, Background background) {
        MainWindowController controller = new MainWindowController();
        Scene scene = new Scene(controller.root(), DEFAULT_WIDTH, DEFAULT_HEIGHT);
        ThemeManager themes = new ThemeManager(scene, theme);
        controller.attach(themes, new FrameDetailPane(background));
        return new MainWindow(scene, controller, themes);
    }

    private void showPulseStats(MainWindowController controller, long now) {
        if (now - lastStatsRefresh >= STATS_REFRESH_NANOS) {
            lastStatsRefresh = now;
            controller.pulseStatsLabel().setText("UI pulse " + pump.stats().snapshot().describe());
        }
    }
}
