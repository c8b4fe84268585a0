package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.HttpHeads;
import dev.framescope.wire.Handshake;
import dev.framescope.wire.Opcode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TextArea;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 13's smaller problems on the real scene (headless Monocle): the frame numbers and their column, the Close
 * tab's empty close frame, a fragment that cuts a UTF-8 character, server pings in the Heartbeat tab, an offered
 * subprotocol the server ignored, and a failed connection's menu.
 */
@ExtendWith(ApplicationExtension.class)
class SmallerProblemsWindowTest {

    private final LiveWindowHarness harness = new LiveWindowHarness();

    @Start
    void start(Stage stage) {
        harness.start(stage);
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @AfterEach
    void stop(FxRobot robot) {
        harness.stop(robot);
    }

    private LiveConnection open(FxRobot robot, String name, ConnectionSpec spec) {
        LiveConnection[] opened = new LiveConnection[1];
        robot.interact(() -> {
            opened[0] = harness.session.open(name, spec);
            harness.live.select(opened[0]);
        });
        return opened[0];
    }

    private void showTab(FxRobot robot, String title) {
        robot.interact(() -> harness.window.controller().detailTabs().getTabs().stream()
                .filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> harness.window.controller().detailTabs().getSelectionModel().select(t)));
    }

    private static String text(FxRobot robot, Label label) {
        String[] shown = new String[1];
        robot.interact(() -> shown[0] = label.getText());
        return shown[0];
    }

    /** Point 6: frames count 1, 2, 3 on their own (messages do not take numbers from them); 7 digits fit. */
    @Test
    void framesAreNumberedOnTheirOwnAndTheColumnFitsSevenDigits(FxRobot robot) throws Exception {
        open(robot, "ticker", ConnectionSpec.to(harness.session.demoUrl("/ticker?rate=50")));
        Await.until(Duration.ofSeconds(10), () -> harness.live.table().getItems().size() >= 6, "six frames");
        robot.interact(() -> harness.live.table().followProperty().set(false));
        robot.interact(() -> harness.live.table().scrollTo(0));
        List<String> numbers = robot.lookup("#frame-table .table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> c.getTableColumn() == harness.live.table().getColumns().get(0) && !c.isEmpty())
                .sorted(java.util.Comparator.comparingInt(TableCell::getIndex)).limit(5)
                .map(c -> c.getText()).toList();
        assertEquals(List.of("1", "2", "3", "4", "5"), numbers, "frame numbers, not event numbers");

        TableColumn<FrameEvent, ?> number = harness.live.table().getColumns().get(0);
        TableCell<?, ?> cell = robot.lookup("#frame-table .table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> c.getTableColumn() == number && !c.isEmpty()).findFirst().orElseThrow();
        Text sevenDigits = new Text("9999999");
        sevenDigits.setFont(cell.getFont());
        double room = number.getWidth() - cell.snappedLeftInset() - cell.snappedRightInset();
        assertTrue(sevenDigits.getLayoutBounds().getWidth() <= room,
                "7 digits need " + sevenDigits.getLayoutBounds().getWidth() + " px, the column gives " + room);
    }

    /** Point 10: a close frame without a status code is shown as such, not hidden. */
    @Test
    void theCloseTabShowsAnEmptyCloseFrameFromTheServer(FxRobot robot) throws Exception {
        try (RawPeer peer = new RawPeer("8800")) {
            LiveConnection c = open(robot, "empty close", ConnectionSpec.to(peer.url()));
            Await.until(Duration.ofSeconds(10), () -> c.connection().orElseThrow().ended(), "the close");
            showTab(robot, "Close");
            Label close = robot.lookup(".close-summary").query();
            Await.until(() -> text(robot, close).contains("a close frame with no status code"),
                    "the empty close frame named: " + close.getText());
        }
    }

    /** Point 12: a fragment that ends inside a UTF-8 character reads as text, the cut character left out. */
    @Test
    void aFragmentThatCutsAUtf8CharacterReadsAsText(FxRobot robot) throws Exception {
        byte[] whole = "héllo wörld".getBytes(StandardCharsets.UTF_8);
        int cut = "héllo w".getBytes(StandardCharsets.UTF_8).length + 1;
        String first = "01" + String.format("%02x", cut) + HexFormat.of().formatHex(whole, 0, cut);
        String last = "80" + String.format("%02x", whole.length - cut)
                + HexFormat.of().formatHex(whole, cut, whole.length);
        try (RawPeer peer = new RawPeer(first + last)) {
            open(robot, "split character", ConnectionSpec.to(peer.url()));
            Await.until(Duration.ofSeconds(10), () -> harness.live.table().getItems().size() >= 2, "two fragments");
            select(robot, f -> f.header().opcode() == Opcode.TEXT && !f.header().fin());
            showTab(robot, "Frame");
            TextArea payload = robot.lookup(".payload-text").queryAs(TextArea.class);
            assertEquals("héllo w", payload.getText(), "text, not a hex dump");
            select(robot, f -> f.header().opcode() == Opcode.CONTINUATION);
            assertEquals("rld", payload.getText());
        }
    }

    /** Point 12: answered server pings are not "no pings answered". */
    @Test
    void theHeartbeatTabCountsTheServersPingsWeAnswered(FxRobot robot) throws Exception {
        open(robot, "server pings", ConnectionSpec.to(harness.session.demoUrl("/heartbeat?interval=100")));
        showTab(robot, "Heartbeat");
        Label stats = robot.lookup("#heartbeat-stats").query();
        java.util.regex.Pattern counted = java.util.regex.Pattern.compile("the server pinged (\\d+) times and we"
                + " answered (\\d+)");
        Await.until(Duration.ofSeconds(10), () -> {
            java.util.regex.Matcher m = counted.matcher(text(robot, stats));
            return m.find() && Integer.parseInt(m.group(1)) >= 3 && Integer.parseInt(m.group(2)) >= 3;
        }, "the server's pings counted as answered: " + stats.getText());
        assertFalse(text(robot, stats).contains("no pings answered"), stats.getText());
    }

    /** Point 12: the Handshake tab says when none of the offered subprotocols was selected. */
    @Test
    void anOfferedSubprotocolTheServerIgnoredIsPointedOut(FxRobot robot) throws Exception {
        LiveConnection c = open(robot, "unheard subprotocol", ConnectionSpec.to(harness.session.demoUrl("/echo"))
                .withSubprotocols(List.of("x-not-spoken")));
        assertTrue(c.connection().orElseThrow().awaitOpen(Duration.ofSeconds(10)), "open");
        showTab(robot, "Handshake");
        Label summary = harness.live.details().handshakeSummary();
        Await.until(() -> text(robot, summary).contains("none of the offered subprotocols (x-not-spoken) was"
                + " selected"), "pointed out: " + summary.getText());
    }

    /** Point 12: a failed connection's menu offers no Close, Probe idle timeout or Ping storm; an open one does. */
    @Test
    void aFailedConnectionsMenuOffersOnlyWhatStillMakesSense(FxRobot robot) throws Exception {
        LiveConnection open = open(robot, "echo", ConnectionSpec.to(harness.session.demoUrl("/echo")));
        assertTrue(open.connection().orElseThrow().awaitOpen(Duration.ofSeconds(10)), "open");
        assertEquals(Map.of("Close (1000)", true, "Probe idle timeout", true, "Ping storm…", true),
                liveOnlyItems(robot));

        LiveConnection failed = open(robot, "nothing listens", ConnectionSpec.to("ws://127.0.0.1:9/"));
        Await.until(Duration.ofSeconds(10), () -> failed.failure().isPresent(), "the failure");
        assertEquals(Map.of("Close (1000)", false, "Probe idle timeout", false, "Ping storm…", false),
                liveOnlyItems(robot));
        assertTrue(enabled(robot).contains("Edit and reconnect…"), "it can still be edited and tried again");
    }

    /** The menu as the selected connection shows it: which of the live-only items are enabled. */
    private Map<String, Boolean> liveOnlyItems(FxRobot robot) {
        ContextMenu menu = showMenu(robot);
        Map<String, Boolean> items = menu.getItems().stream()
                .filter(i -> i.getText() != null
                        && List.of("Close (1000)", "Probe idle timeout", "Ping storm…").contains(i.getText()))
                .collect(Collectors.toMap(MenuItem::getText, i -> !i.isDisable()));
        robot.interact(menu::hide);
        return items;
    }

    private List<String> enabled(FxRobot robot) {
        ContextMenu menu = showMenu(robot);
        List<String> on = menu.getItems().stream().filter(i -> !i.isDisable() && i.getText() != null)
                .map(MenuItem::getText).toList();
        robot.interact(menu::hide);
        return on;
    }

    private ContextMenu showMenu(FxRobot robot) {
        ContextMenu menu = harness.live.connections().getContextMenu();
        robot.interact(() -> menu.show(harness.live.connections(), javafx.geometry.Side.BOTTOM, 0, 0));
        return menu;
    }

    private void select(FxRobot robot, Predicate<FrameEvent> which) {
        robot.interact(() -> harness.live.table().getItems().stream().filter(which).findFirst()
                .ifPresent(f -> harness.live.table().getSelectionModel().select(f)));
    }

    /** A server on loopback that completes the upgrade, writes the given frames (hex) and waits for the client. */
    private static final class RawPeer implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final Thread thread;
        private volatile Socket accepted;

        RawPeer(String framesHex) throws IOException {
            byte[] frames = HexFormat.of().parseHex(framesHex);
            thread = new Thread(() -> {
                try (Socket s = accept(); InputStream in = s.getInputStream();
                     OutputStream out = s.getOutputStream()) {
                    String key = readKey(in);
                    out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + Handshake.acceptFor(key) + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.write(frames);
                    out.flush();
                    in.transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // The test asserts what the client saw.
                }
            }, "raw peer");
            thread.start();
        }

        private Socket accept() throws IOException {
            accepted = server.accept();
            return accepted;
        }

        String url() {
            return "ws://127.0.0.1:" + server.getLocalPort() + "/";
        }

        private static String readKey(InputStream in) throws IOException {
            return HttpHeads.readText(in).lines()
                    .filter(l -> l.regionMatches(true, 0, "Sec-WebSocket-Key:", 0, 18))
                    .map(l -> l.substring(18).trim()).findFirst().orElseThrow();
        }

        @Override
        public void close() throws IOException {
            server.close();
            if (accepted != null) {
                accepted.close();
            }
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
