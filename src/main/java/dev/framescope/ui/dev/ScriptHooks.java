package dev.framescope.ui.dev;

import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.ConnectionState;
import dev.framescope.cli.AppOptions.DevHooks;
import dev.framescope.demo.DemoScenario;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.ProtocolMode;
import dev.framescope.ui.MainWindowController;
import dev.framescope.ui.fx.FxPump;
import dev.framescope.ui.fx.NumberFields;
import dev.framescope.ui.fx.UiDispatcher;
import dev.framescope.ui.live.ComposerView;
import dev.framescope.ui.live.ConnectionDialog;
import dev.framescope.ui.live.LiveConnection;
import dev.framescope.ui.live.LiveWindow;
import dev.framescope.ui.live.SessionModel;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;

/**
 * Development hooks for the scripts in {@code scripts/}, never used by a user: {@code framescope.show} poses the
 * window for a screenshot (scripts/screenshots.sh), {@code framescope.bench.seconds} measures the window under load
 * and prints the numbers (scripts/gui-bench.sh).
 */
public final class ScriptHooks {

    /** The first pulses (CSS, first layout, connections opening) are start-up, not load. */
    private static final long WARM_UP_NANOS = 3_000_000_000L;
    /** A window without the demo (or a demo that never settles) is posed anyway after this long. */
    private static final long GIVE_UP_WAITING_NANOS = 60_000_000_000L;

    private final DevHooks hooks;
    private final LiveWindow live;
    private final MainWindowController controller;
    private final FxPump pump;
    private final SessionModel session;
    private final UiDispatcher ui;

    public ScriptHooks(DevHooks hooks, LiveWindow live, MainWindowController controller, FxPump pump,
                       SessionModel session, UiDispatcher ui) {
        this.hooks = hooks;
        this.live = live;
        this.controller = controller;
        this.pump = pump;
        this.session = session;
        this.ui = ui;
    }

    /** In a benchmark run the pulse stats cover the whole run, not the last 1,024 pulses. */
    public static FxPump pumpFor(DevHooks hooks) {
        if (hooks.benchOpen().isPresent()) {
            return FxPump.measuringCpu(1 << 17);
        }
        return hooks.benchSeconds().isPresent() ? new FxPump(1 << 17) : new FxPump();
    }

    /** Starts whichever hooks the options ask for; none by default. */
    public void install() {
        hooks.show().ifPresent(show -> {
            long after = System.nanoTime() + (long) (hooks.showAfterSeconds() * 1e9);
            pump.registerUntilDone(now -> {
                long t = System.nanoTime();
                if (t < after || !demoSettled() && t < after + GIVE_UP_WAITING_NANOS) {
                    return false;
                }
                // After the posing's own posts: the script takes the picture once this line is out.
                Runnable posed = () -> ui.post(() -> System.out.println("framescope.show: posed " + show));
                ReplayPoses poses = new ReplayPoses(live, session, pump);
                switch (show) {
                    case "@replay" -> poses.replay(posed);
                    case "@mock" -> poses.mock(posed);
                    default -> {
                        showForScreenshot(show);
                        posed.run();
                    }
                }
                return true;
            });
        });
        hooks.benchSeconds().ifPresent(seconds -> pump.registerUntilDone(new Bench(seconds)));
        hooks.benchOpen().ifPresent(file -> pump.registerUntilDone(new OpenBench(file, live, pump)));
    }

    /**
     * Whether the demo's connections are all past connecting, so that its start-up (which selects the ticker) does
     * not undo the pose. On a busy machine that takes longer than any fixed delay.
     */
    private boolean demoSettled() {
        return session.connections().size() >= 4 && session.connections().stream().allMatch(c -> c.connection()
                .map(k -> k.state() != ConnectionState.CONNECTING).orElse(true));
    }

    /**
     * {@code NAME[:TAB[:ROW]]}: selects the connection whose name contains NAME, the detail tab titled TAB, and
     * table row ROW (default: the first frame with a violation, else the newest frame).
     */
    private void showForScreenshot(String show) {
        String[] parts = show.split(":", 3);
        switch (parts[0]) {
            case "@failed" -> failedConnection();
            case "@strip" -> inlineError();
            case "@dialog" -> {
                typedNumbers();
                return;
            }
            case "@observe-dialog" -> {
                observeInTheDialog();
                return;
            }
            case "@observe" -> observingConnection();
            default -> { }
        }
        live.connections().getItems().stream().filter(c -> c.name().contains(parts[0])).findFirst()
                .ifPresent(live::select);
        live.table().followProperty().set(false);
        ui.post(() -> {
            List<FrameEvent> rows = live.table().getItems();
            int row = parts.length > 2 ? Integer.parseInt(parts[2])
                    : IntStream.range(0, rows.size()).filter(i -> !rows.get(i).findings().isEmpty()).findFirst()
                            .orElse(rows.size() - 1);
            if (row >= 0 && row < rows.size()) {
                live.table().getSelectionModel().clearAndSelect(row);
                live.table().scrollTo(Math.max(0, row - 2));
            }
            if (parts.length > 1) {
                controller.detailTabs().getTabs().stream().filter(t -> t.getText().equals(parts[1])).findFirst()
                        .ifPresent(t -> controller.detailTabs().getSelectionModel().select(t));
            }
        });
    }

    /** "@failed": a connection to the discard port on loopback, where nothing listens. */
    private void failedConnection() {
        live.select(session.open("ws://127.0.0.1:9/ (nothing listens)", ConnectionSpec.to("ws://127.0.0.1:9/")));
    }

    /** "@observe": a slow demo ticker in Observe mode: its badge in the list, its mode on the Handshake tab. */
    private void observingConnection() {
        try {
            LiveConnection c = session.open("demo ticker (observe)", ConnectionSpec.to(session.demoUrl(
                    DemoScenario.TICKER.path("rate=5"))).withMode(ProtocolMode.OBSERVE));
            live.select(c);
            live.connections().scrollTo(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** "@observe-dialog": the New connection dialog to the demo echo with Observe chosen, left open. */
    @SuppressWarnings("unchecked")
    private void observeInTheDialog() {
        ConnectionDialog dialog = live.actions().connectionDialog();
        ui.post(dialog::showAndWait);
        ui.post(() -> {
            Node pane = dialog.dialogPane();
            try {
                ((ComboBox<?>) pane.lookup("#dialog-url")).getEditor().setText(session.demoUrl("/echo"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ((ChoiceBox<ProtocolMode>) pane.lookup("#dialog-mode")).setValue(ProtocolMode.OBSERVE);
        });
    }

    /** "@strip": invalid JSON sent from the composer on the echo connection; the error shows in the strip. */
    @SuppressWarnings("unchecked")
    private void inlineError() {
        live.connections().getItems().stream().filter(c -> c.name().contains("echo")).findFirst()
                .ifPresent(live::select);
        Node root = controller.root();
        ((ChoiceBox<ComposerView.Mode>) root.lookup("#composer-mode")).setValue(ComposerView.Mode.JSON);
        ((TextField) root.lookup("#composer-text")).setText("{\"op\": \"subscribe\", \"channel\": prices}");
        ((Button) root.lookup("#composer-send")).fire();
    }

    /** "@dialog": the New connection dialog with typed numbers, one of them refused and named on OK. */
    private void typedNumbers() {
        ConnectionDialog dialog = live.actions().connectionDialog();
        ui.post(dialog::showAndWait);
        ui.post(() -> {
            Node pane = dialog.dialogPane();
            ((ComboBox<?>) pane.lookup("#dialog-url")).getEditor().setText("ws://127.0.0.1:9/");
            type(pane, "#dialog-heartbeat", "2");
            type(pane, "#dialog-pong-timeout", "10");
            type(pane, "#dialog-connect-timeout", "30");
            type(pane, "#dialog-reconnect-attempts", "x7");
            ((Button) dialog.dialogPane().lookupButton(ButtonType.OK)).fire();
        });
    }

    @SuppressWarnings("unchecked")
    private static void type(Node pane, String id, String text) {
        Spinner<Integer> field = (Spinner<Integer>) pane.lookup(id);
        field.getEditor().setText(text);
        NumberFields.commit(field);
    }

    /**
     * Responsiveness measurement: after the given time, prints the pulse durations and how many frames the
     * selected connection captured against how many the table holds, then exits.
     */
    private final class Bench implements FxPump.UntilDone {
        private final long warmedUp = System.nanoTime() + WARM_UP_NANOS;
        private final long end;
        private boolean measuring;
        private boolean closing;

        Bench(int seconds) {
            end = System.nanoTime() + seconds * 1_000_000_000L;
        }

        @Override
        public boolean onPulse(long nowNanos) {
            long now = System.nanoTime();
            if (!measuring && now > warmedUp) {
                pump.stats().reset();
                measuring = true;
            } else if (measuring && !closing && now > end) {
                closing = true;
                session.connections().forEach(c -> c.connection().ifPresent(conn -> conn.close(1000, "bench done")));
            } else if (closing && (caughtUp() || now > end + 10_000_000_000L) && now > end + 1_000_000_000L) {
                report();
                // Closing the window stops the application as the user's Quit does.
                controller.root().getScene().getWindow().hide();
                return true;
            }
            return false;
        }

        private boolean caughtUp() {
            var k = live.timeline().log().orElseThrow().counters();
            return live.timeline().frames().size() >= k.framesIn() + k.framesOut();
        }

        private void report() {
            var k = live.timeline().log().orElseThrow().counters();
            long capturedIn = session.connections().stream().mapToLong(c -> c.log().counters().framesIn()).sum();
            var budget = session.budget();
            System.out.printf(Locale.ROOT, "pulses: %s%nframes captured (selected ticker): %d%nframes in the table:"
                            + " %d%nconnections: %d; frames the demo server sent: %d; frames captured in (all"
                            + " connections): %d%nmemory budget %d MB: index %d MB + payloads %d MB%n",
                    pump.stats().snapshot().describe(), k.framesIn() + k.framesOut(),
                    live.timeline().frames().size(), session.connections().size(), session.demoFramesSent(),
                    capturedIn, budget.limit() >> 20, budget.indexBytes() >> 20, budget.payloadBytes() >> 20);
        }
    }
}
