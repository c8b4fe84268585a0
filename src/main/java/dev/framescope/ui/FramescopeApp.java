package dev.framescope.ui;

import dev.framescope.ui.fx.FxPump;
import dev.framescope.ui.live.LiveWindow;
import dev.framescope.ui.live.SessionModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: loads the main window, applies the theme and starts the once-per-pulse pump. */
public final class FramescopeApp extends Application {

    public static final String TITLE = "Framescope";
    public static final double DEFAULT_WIDTH = 1280;
    public static final double DEFAULT_HEIGHT = 800;
    private static final long STATS_REFRESH_NANOS = 1_000_000_000L;

    /** In a benchmark run (scripts/gui-bench.sh) the pulse stats cover the whole run, not the last 1,024 pulses. */
    private final FxPump pump = Integer.getInteger("framescope.bench.seconds") == null ? new FxPump()
            : new FxPump(1 << 17);
    private final SessionModel session = SessionModel.withSavedEnvironments();

    /** The loaded main window: its root, controller and theme manager. */
    public record MainWindow(Scene scene, MainWindowController controller, ThemeManager themeManager) {
    }

    @Override
    public void start(Stage stage) {
        MainWindow window = createMainWindow(Theme.valueOf(System.getProperty("framescope.theme", "LIGHT")));
        stage.setTitle(TITLE);
        stage.setScene(window.scene());
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        showPulseStats(window.controller());
        LiveWindow live = new LiveWindow(window.controller(), session, pump);
        pump.start();
        stage.show();
        java.util.List<String> files = getParameters().getUnnamed();
        if (!files.isEmpty()) {
            // Opened with a file (the desktop's file association): show it instead of the demo.
            live.openSession(java.nio.file.Path.of(files.get(0)));
        } else if (!Boolean.getBoolean("framescope.noDemo")) {
            try {
                live.openDemo();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String show = System.getProperty("framescope.show", "");
        if (!show.isBlank()) {
            javafx.animation.PauseTransition settle = new javafx.animation.PauseTransition(
                    javafx.util.Duration.seconds(Double.parseDouble(System.getProperty("framescope.show.after", "3"))));
            settle.setOnFinished(e -> showForScreenshot(live, window.controller(), show));
            settle.play();
        }
        Integer benchSeconds = Integer.getInteger("framescope.bench.seconds");
        if (benchSeconds != null) {
            benchReport(live, benchSeconds);
        }
    }

    /**
     * Responsiveness measurement (scripts/gui-bench.sh): after the given time, prints the pulse durations and how
     * many frames the selected connection captured vs how many the table holds, then exits.
     */
    private static boolean caughtUp(LiveWindow live) {
        var log = live.timeline().log().orElseThrow();
        var k = log.counters();
        return live.timeline().frames().size() >= k.framesIn() + k.framesOut();
    }

    private static final long WARM_UP_NANOS = 3_000_000_000L;

    private void benchReport(LiveWindow live, int seconds) {
        long warmedUp = System.nanoTime() + WARM_UP_NANOS;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long[] phase = {-1};
        pump.register(now -> {
            if (phase[0] == -1 && System.nanoTime() > warmedUp) {
                // The window's first pulses (CSS, first layout, connections opening) are start-up, not load.
                pump.stats().reset();
                phase[0] = 0;
            } else if (phase[0] == 0 && System.nanoTime() > end) {
                phase[0] = 1;
                session.connections().forEach(c -> c.connection().ifPresent(conn -> conn.close(1000, "bench done")));
            } else if (phase[0] == 1 && (caughtUp(live) || System.nanoTime() > end + 10_000_000_000L)
                    && System.nanoTime() > end + 1_000_000_000L) {
                phase[0] = 2;
                var log = live.timeline().log().orElseThrow();
                var k = log.counters();
                long capturedIn = session.connections().stream().mapToLong(c -> c.log().counters().framesIn()).sum();
                var budget = session.budget();
                System.out.printf(java.util.Locale.ROOT, "pulses: %s%nframes captured (selected ticker): %d%nframes in"
                                + " the table: %d%nconnections: %d; frames the demo server sent: %d; frames captured in"
                                + " (all connections): %d%nmemory budget %d MB: index %d MB + payloads %d MB%n",
                        pump.stats().snapshot().describe(), k.framesIn() + k.framesOut(),
                        live.timeline().frames().size(), session.connections().size(), session.demoFramesSent(),
                        capturedIn, budget.limit() >> 20, budget.indexBytes() >> 20, budget.payloadBytes() >> 20);
                javafx.application.Platform.exit();
            }
        });
    }

    /**
     * For scripts/screenshots.sh: {@code -Dframescope.show=NAME[:TAB[:ROW]]} selects the connection whose name
     * contains NAME, the detail tab titled TAB, and table row ROW (default: the first frame with a violation, else
     * the newest frame).
     */
    private static void showForScreenshot(LiveWindow live, MainWindowController controller, String show) {
        String[] parts = show.split(":", 3);
        live.connections().getItems().stream().filter(c -> c.name().contains(parts[0])).findFirst()
                .ifPresent(c -> live.connections().getSelectionModel().select(c));
        var table = live.table();
        table.followProperty().set(false);
        javafx.application.Platform.runLater(() -> {
            var rows = table.getItems();
            int row = parts.length > 2 ? Integer.parseInt(parts[2])
                    : java.util.stream.IntStream.range(0, rows.size()).filter(i -> !rows.get(i).findings().isEmpty())
                            .findFirst().orElse(rows.size() - 1);
            if (row >= 0 && row < rows.size()) {
                table.getSelectionModel().clearAndSelect(row);
                table.scrollTo(Math.max(0, row - 2));
            }
            if (parts.length > 1) {
                controller.detailTabs().getTabs().stream().filter(t -> t.getText().equals(parts[1])).findFirst()
                        .ifPresent(t -> controller.detailTabs().getSelectionModel().select(t));
            }
        });
    }

    @Override
    public void stop() {
        pump.stop();
        session.close();
    }

    /** Builds the main window's scene; FX thread. Tests call this without starting the application. */
    public static MainWindow createMainWindow(Theme theme) {
        FXMLLoader loader = new FXMLLoader(FramescopeApp.class.getResource("MainWindow.fxml"));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load MainWindow.fxml", e);
        }
        Scene scene = new Scene(root, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        ThemeManager themes = new ThemeManager(scene, theme);
        MainWindowController controller = loader.getController();
        controller.attach(themes);
        return new MainWindow(scene, controller, themes);
    }

    private void showPulseStats(MainWindowController controller) {
        long[] last = {0};
        pump.register(now -> {
            if (now - last[0] >= STATS_REFRESH_NANOS) {
                last[0] = now;
                controller.pulseStatsLabel().setText("UI pulse " + pump.stats().snapshot().describe());
            }
        });
    }
}
