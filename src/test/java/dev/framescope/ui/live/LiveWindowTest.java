package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.Direction;
import dev.framescope.testutil.Await;
import dev.framescope.ui.FramescopeApp;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Violation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The live window on the real scene (headless Monocle) against the built-in demo endpoint. */
@ExtendWith(ApplicationExtension.class)
class LiveWindowTest {

    @RegisterExtension
    final LiveWindowHarness harness = new LiveWindowHarness();
    private final SessionModel session = harness.session;
    private FramescopeApp.MainWindow window;
    private LiveWindow live;

    @Start
    void start(Stage stage) throws InterruptedException {
        harness.start(stage);
        window = harness.window;
        live = harness.live;
        harness.openDemo();
    }

    /** Reads the window's state on the FX thread, where the pump changes it. */
    private static <T> T onFxThread(FxRobot robot, Supplier<T> read) {
        AtomicReference<T> value = new AtomicReference<>();
        robot.interact(() -> value.set(read.get()));
        return value.get();
    }

    private void select(FxRobot robot, String name) {
        robot.interact(() -> live.connections().getSelectionModel().select(session.connections().stream()
                .filter(c -> c.name().equals(name)).findFirst().orElseThrow()));
    }

    @Test
    void tickerFramesAppearAndSelectingOneShowsItsHeaderBits(FxRobot robot) {
        Await.until(Duration.ofSeconds(15), () -> live.table().getItems().size() >= 3, "ticker frames in the table");
        robot.interact(() -> live.table().getSelectionModel().select(0));
        FrameEvent first = live.table().getItems().get(0);
        assertEquals(Opcode.TEXT, first.header().opcode());
        assertEquals(Direction.IN, first.dir());
        String summary = window.controller().frameDetail().detailProperty().get().orElseThrow().summary();
        assertTrue(summary.contains("server → client · TEXT · FIN"), summary);
        assertEquals(first.header(), window.controller().frameDetail().headerBitsView().headerProperty().get());
    }

    @Test
    void theHandshakeTabShowsTheAcceptCheckPassed(FxRobot robot) {
        select(robot, "demo echo (deflate)");
        Await.until(Duration.ofSeconds(10), () -> live.details().handshakeSummary().getText().contains("Accept ✓"),
                "Accept check shown");
        assertTrue(live.details().handshakeSummary().getText().startsWith("Status 101"));
    }

    @Test
    void heartbeatPointsAppear(FxRobot robot) {
        select(robot, "demo echo (deflate)");
        Await.until(Duration.ofSeconds(10), () -> !live.details().rttSeries().getData().isEmpty(), "an RTT point");
        double rttMs = live.details().rttSeries().getData().get(0).getYValue().doubleValue();
        assertTrue(rttMs > 0 && rttMs < 1000, "RTT " + rttMs + " ms");
    }

    @Test
    void chaosFillsTheViolationsTabAndSelectingOneSelectsItsFrame(FxRobot robot) {
        select(robot, "demo chaos (violations)");
        // One finding per /chaos step (the close-frame violations are /chaos-close's since issue 14).
        Await.until(Duration.ofSeconds(10), () -> live.details().findings().size()
                >= dev.framescope.demo.ChaosScript.steps().size(), "chaos violations");
        ConnectionDetails.Located reserved = live.details().findings().stream()
                .filter(l -> l.finding().violation() == Violation.RESERVED_OPCODE).findFirst().orElseThrow();
        robot.interact(() -> DetailTab.VIOLATIONS.select(window.controller().detailTabs()));
        robot.interact(() -> robot.lookup("#violations-list").queryListView().getSelectionModel().select(reserved));
        FrameEvent selected = live.table().getSelectionModel().getSelectedItem();
        assertEquals(reserved.event(), selected);
        assertEquals(3, selected.header().opcode().code());
    }

    @Test
    void theMessageTabShowsAFragmentedMessageAndItsFragments(FxRobot robot) throws Exception {
        String url = session.demoUrl("/fragmented");
        robot.interact(() -> live.connections().getSelectionModel().select(session.open("fragments",
                dev.framescope.engine.ConnectionSpec.to(url))));
        Await.until(Duration.ofSeconds(10), () -> live.table().getItems().stream()
                .anyMatch(f -> f.header().opcode() == Opcode.CONTINUATION && f.header().fin()), "the last fragment");
        FrameEvent last = live.table().getItems().stream()
                .filter(f -> f.header().opcode() == Opcode.CONTINUATION && f.header().fin()).findFirst().orElseThrow();
        Await.until(() -> live.timeline().log().orElseThrow().size() > last.seq() + 1, "its message event");
        robot.interact(() -> live.table().getSelectionModel().select(last));
        robot.interact(() -> DetailTab.MESSAGE.select(window.controller().detailTabs()));
        Label summary = robot.lookup("#message-summary").queryAs(Label.class);
        assertEquals("TEXT message · 3 frames · 45 B", summary.getText());
    }

    @Test
    void theMessagesViewGroupsFragmentsUnderTheirMessage(FxRobot robot) throws Exception {
        String url = session.demoUrl("/fragmented");
        robot.interact(() -> live.connections().getSelectionModel().select(session.open("fragments 2",
                dev.framescope.engine.ConnectionSpec.to(url))));
        Await.until(Duration.ofSeconds(10), () -> live.timeline().frames().size() >= 7, "the fragments");
        robot.clickOn("#messages-toggle");
        Await.until(() -> live.timeline().messages().size() >= 2, "two messages");
        assertTrue(robot.lookup("#message-table").tryQuery().isPresent(), "the Messages view is shown");
        robot.interact(() -> live.messagesView().getSelectionModel().select(0));
        assertEquals("TEXT message · 3 frames · 45 B", robot.lookup("#message-summary").queryAs(Label.class).getText());
        javafx.scene.control.ListView<?> fragments = robot.lookup("#message-fragments").query();
        assertEquals(3, fragments.getItems().size());
        robot.interact(() -> { });
        assertTrue(fragments.getHeight() >= 3 * 24, "three rows visible, not squeezed: " + fragments.getHeight());
    }

    @Test
    void theExtensionsTabShowsTheNegotiationAndTheCompressionRatio(FxRobot robot) throws Exception {
        String url = session.demoUrl("/compressed");
        robot.interact(() -> live.connections().getSelectionModel().select(session.open("deflate",
                dev.framescope.engine.ConnectionSpec.to(url).withExtensionOffers(List.of("permessage-deflate")))));
        robot.interact(() -> DetailTab.EXTENSIONS.select(window.controller().detailTabs()));
        Label text = (Label) ((javafx.scene.control.ScrollPane) DetailTab.EXTENSIONS.in(window.controller()
                .detailTabs()).orElseThrow().getContent()).getContent();
        Await.until(Duration.ofSeconds(10), () -> text.getText().contains("3 compressed messages"), "three messages");
        assertTrue(text.getText().startsWith("Offered:  permessage-deflate\nAccepted: permessage-deflate"),
                text.getText());
        assertTrue(text.getText().contains("server_no_context_takeover"), text.getText());
    }

    @Test
    void aRawFrameProbeGoesOutWithTheChosenBitsAndIsFlagged(FxRobot robot) {
        select(robot, "demo echo (deflate)");
        robot.interact(() -> robot.lookup("#composer-mode").queryAs(javafx.scene.control.ChoiceBox.class)
                .setValue(ComposerView.Mode.RAW_FRAME));
        robot.clickOn("RSV2");
        robot.clickOn("#composer-text").write("68 69");
        robot.clickOn("#composer-send");
        Await.until(Duration.ofSeconds(10), () -> live.table().getItems().stream()
                .anyMatch(f -> f.dir() == Direction.OUT && f.header().rsv2()), "the probe in the table");
        FrameEvent probe = live.table().getItems().stream().filter(f -> f.dir() == Direction.OUT && f.header().rsv2())
                .findFirst().orElseThrow();
        assertEquals("hi", new String(probe.payload().bytes()));
        assertTrue(!probe.header().rsv1(), "a raw frame is sent as written, not compressed");
        assertEquals(Violation.RESERVED_BITS, probe.findings().get(0).violation());
    }

    @Test
    void theCloseCodePickerSendsTheChosenCodeWithItsReasonField(FxRobot robot) {
        select(robot, "demo echo (deflate)");
        robot.clickOn("#composer-close-reason").write("bye for now");
        javafx.scene.control.SplitMenuButton close = robot.lookup("#composer-close").query();
        robot.interact(() -> close.getItems().stream().filter(i -> i.getText().startsWith("1008 "))
                .findFirst().orElseThrow().fire());
        Await.until(Duration.ofSeconds(10), () -> live.table().getItems().stream()
                .anyMatch(f -> f.dir() == Direction.OUT && f.close().isPresent()), "our close frame in the table");
        FrameEvent sent = live.table().getItems().stream().filter(f -> f.dir() == Direction.OUT
                && f.close().isPresent()).findFirst().orElseThrow();
        assertEquals(1008, sent.close().orElseThrow().code().orElseThrow());
        assertEquals("bye for now", sent.close().orElseThrow().reason());
    }

    @Test
    void theTimeStripCountsFramesAndAClickJumpsToThem(FxRobot robot) {
        Await.until(Duration.ofSeconds(15), () -> live.strip().seconds().size() >= 2, "two seconds of ticks");
        robot.interact(() -> { });
        int counted = live.strip().seconds().stream().mapToInt(s -> s.in + s.out).sum();
        assertTrue(counted > 0 && counted <= live.timeline().frames().size(), counted + " counted");
        robot.clickOn("#time-strip");
        Await.until(() -> live.table().getSelectionModel().getSelectedItem() != null, "a frame selected");
        assertTrue(!live.table().followProperty().get(), "follow mode pauses after a jump");
    }

    @Test
    void brushingTheTimeStripShowsOnlyThatRange(FxRobot robot) {
        Await.until(Duration.ofSeconds(20), () -> live.strip().seconds().size() >= 4, "four seconds of ticks");
        javafx.scene.Node strip = robot.lookup("#time-strip").query();
        double width = strip.getBoundsInLocal().getWidth();
        robot.moveTo(strip, javafx.geometry.Pos.CENTER_LEFT, new javafx.geometry.Point2D(2, 0),
                org.testfx.robot.Motion.DIRECT)
                .press(javafx.scene.input.MouseButton.PRIMARY).moveBy(width * 0.3, 0)
                .release(javafx.scene.input.MouseButton.PRIMARY);
        assertTrue(robot.lookup("#time-range").queryButton().isVisible(), "the range chip shows");
        long limit = live.timeline().log().orElseThrow().nanoAnchor()
                + (Long.parseLong(robot.lookup("#time-range").queryButton().getText().replaceAll(".*–(\\d+) s.*", "$1"))
                * 1_000_000_000L);
        // The ticker goes on while the robot drags: wait for a frame after the range, then it must be hidden.
        Await.until(Duration.ofSeconds(20), () -> onFxThread(robot, () -> live.timeline().frames().stream()
                .anyMatch(f -> f.nanos() >= limit)), "a frame after the range");
        robot.interact(() -> { });
        int inRange = onFxThread(robot, () -> live.table().getItems().size());
        int all = onFxThread(robot, () -> live.timeline().frames().size());
        assertTrue(inRange > 0 && inRange < all, inRange + " of " + all);
        assertTrue(live.table().getItems().stream().allMatch(f -> f.nanos() < limit), "frames after the range hidden");
        robot.clickOn("#time-range");
        assertTrue(live.table().getItems().size() >= inRange);
    }

    @Test
    void snippetsAndHistoryBelongToTheirConnection(FxRobot robot) {
        select(robot, "demo echo (deflate)");
        robot.clickOn("#composer-text").write("{\"subscribe\":\"prices\"}");
        robot.clickOn("#composer-save-snippet");
        robot.clickOn("#composer-send");
        ComposerView composer = robot.lookup("#composer").query();
        assertEquals(List.of("{\"subscribe\":\"prices\"}"), composer.snippets());
        assertEquals(List.of("{\"subscribe\":\"prices\"}"), composer.history());
        select(robot, "demo ticker");
        assertEquals(List.of(), composer.snippets());
        assertEquals(List.of(), composer.history());
        select(robot, "demo echo (deflate)");
        assertEquals(1, composer.snippets().size());
        assertEquals(1, composer.history().size());
    }

    @Test
    void theComposerSendsAndTheEchoArrives(FxRobot robot) {
        select(robot, "demo echo (deflate)");
        robot.clickOn("#composer-text").write("typed in the composer");
        robot.clickOn("#composer-send");
        robot.clickOn("#composer-text").eraseText(21).type(javafx.scene.input.KeyCode.UP);
        assertEquals("typed in the composer", robot.lookup("#composer-text").queryAs(TextField.class).getText());
        Await.until(Duration.ofSeconds(10), () -> live.table().getItems().stream().filter(f -> f.dir() == Direction.IN)
                .anyMatch(f -> new String(f.inflated().orElse(f.payload()).bytes()).equals("typed in the composer")),
                "the echo, inflated");
        assertTrue(live.table().getItems().stream().anyMatch(f -> f.dir() == Direction.OUT && f.header().masked()));
    }

    @Test
    void aFilterNarrowsTheTableAndChaosViolationsAreMarked(FxRobot robot) {
        select(robot, "demo chaos (violations)");
        Await.until(Duration.ofSeconds(10), () -> live.table().getItems().size() >= 20, "chaos frames");
        int all = live.table().getItems().size();
        robot.interact(() -> robot.lookup("#filter-search").queryAs(TextField.class).setText("/^orphan$/"));
        assertEquals(1, live.table().getItems().size());
        assertEquals(Violation.CONTINUATION_WITHOUT_START,
                live.table().getItems().get(0).findings().get(0).violation());
        robot.interact(() -> robot.lookup("#filter-search").queryAs(TextField.class).setText(""));
        assertEquals(all, live.table().getItems().size());
    }

    @Test
    void aSavedSessionReopensWithTheSameFrames(FxRobot robot, @TempDir Path dir) throws Exception {
        select(robot, "demo chaos (violations)");
        Await.until(Duration.ofSeconds(10), () -> live.table().getItems().size() >= 20, "chaos frames");
        LiveConnection chaos = session.connections().stream().filter(c -> c.name().startsWith("demo chaos"))
                .findFirst().orElseThrow();
        Await.until(() -> chaos.connection().orElseThrow().ended(), "chaos ended");
        Path file = dir.resolve("chaos.fscap");
        harness.awaitJob(robot, () -> live.files().save(chaos, file));
        assertTrue(window.controller().recentMenu().getItems().stream()
                .anyMatch(i -> i.getText().equals(file.toAbsolutePath().normalize().toString())), "in Open Recent");
        List<String> before = live.table().getItems().stream().map(f -> f.header().rawHeaderHex()).toList();
        harness.awaitJob(robot, () -> live.files().open(file));
        Await.until(() -> live.timeline().frames().size() == before.size(), "the reopened frames");
        assertEquals(before, live.table().getItems().stream().map(f -> f.header().rawHeaderHex()).toList());
    }

    @Test
    void aBrowserHarOpensAsMessageLevelConnectionsInTheMessagesView(FxRobot robot, @TempDir Path dir) throws Exception {
        Path har = dir.resolve("browser.har");
        java.nio.file.Files.writeString(har, """
                {"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[],"entries":[
                 {"_resourceType":"websocket","startedDateTime":"2026-11-25T10:00:00.000Z","time":5,
                  "request":{"method":"GET","url":"wss://chat.example/socket","httpVersion":"HTTP/1.1",
                    "headers":[{"name":"Sec-WebSocket-Protocol","value":"chat"}],"queryString":[],"cookies":[],
                    "headersSize":-1,"bodySize":0},
                  "response":{"status":101,"statusText":"Switching Protocols","httpVersion":"HTTP/1.1","headers":[],
                    "cookies":[],"content":{"size":0,"mimeType":"x-unknown"},"redirectURL":"","headersSize":-1,
                    "bodySize":0},
                  "cache":{},"timings":{"send":0,"wait":5,"receive":0},
                  "_webSocketMessages":[
                    {"type":"send","time":1795600800.1,"opcode":1,"data":"hello from the browser"},
                    {"type":"receive","time":1795600800.2,"opcode":2,"data":"AAEC"}]}]}}
                """);
        harness.awaitJob(robot, () -> live.files().importHar(har));
        LiveConnection imported = session.connections().stream().filter(c -> c.name().startsWith("browser.har"))
                .findFirst().orElseThrow();
        assertEquals(imported, live.connections().getSelectionModel().getSelectedItem());
        Await.until(() -> live.messagesView().getItems().size() == 2, "the two HAR messages");
        assertTrue(live.messagesView().isVisible() && live.messagesView().getScene() != null, "Messages view shown");
        assertEquals("hello from the browser", MessagesView.preview(live.messagesView().getItems().get(0)));
        assertEquals("00 01 02", MessagesView.preview(live.messagesView().getItems().get(1)));
        // The rows' cells are filled at a later pulse than the items.
        Await.until(() -> robot.lookup("#message-table .table-row-cell").nth(0).lookup(".table-cell").nth(4)
                .tryQuery().map(c -> "—".equals(((javafx.scene.control.Labeled) c).getText())).orElse(false),
                "no frame count: message-level only");
    }

    @Test
    void selectedFramesCopyAndExportAsJsonLinesAndText(FxRobot robot, @TempDir Path dir) throws Exception {
        Await.until(Duration.ofSeconds(15), () -> live.table().getItems().size() >= 5, "ticker frames");
        robot.interact(() -> {
            live.table().getSelectionModel().clearSelection();
            live.table().getSelectionModel().selectIndices(1, 3, 4);
        });
        String json = live.frameSelection().asString(dev.framescope.capture.io.Exports.Format.JSON).orElseThrow();
        List<String> lines = json.lines().toList();
        assertEquals(3, lines.size(), json);
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        List<Long> seqs = new java.util.ArrayList<>();
        for (String line : lines) {
            var node = mapper.readTree(line);
            assertEquals("frame", node.path("type").asText());
            assertEquals("in", node.path("dir").asText());
            seqs.add(node.path("seq").asLong());
        }
        assertEquals(seqs.stream().sorted().toList(), seqs, "in capture order");
        String text = live.frameSelection().asString(dev.framescope.capture.io.Exports.Format.TEXT).orElseThrow();
        assertEquals(3, text.lines().filter(l -> l.contains("← TEXT")).count(), text);
        Path out = dir.resolve("selected.txt");
        live.frameSelection().write(dev.framescope.capture.io.Exports.Format.TEXT, out);
        assertEquals(text, java.nio.file.Files.readString(out));

        LiveConnection ticker = live.connections().getSelectionModel().getSelectedItem();
        Path pcap = dir.resolve("ticker.pcapng");
        harness.awaitJob(robot, () -> live.files().export(ticker, pcap, dev.framescope.capture.io.Exports.Format.PCAPNG));
        // The notice holds the status bar for a few seconds against the once-a-second totals.
        java.util.concurrent.atomic.AtomicReference<String> status = new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> status.set(window.controller().statusText().getText()));
        byte[] head = java.util.Arrays.copyOf(java.nio.file.Files.readAllBytes(pcap), 4);
        assertEquals(List.of((byte) 0x0a, (byte) 0x0d, (byte) 0x0d, (byte) 0x0a), List.of(head[0], head[1], head[2],
                head[3]), "pcapng section header");
        assertTrue(status.get().contains("secrets redacted"), status.get());
    }

    @Test
    void fragmentsAreGroupedUnderTheirMessageAndFoldAway(FxRobot robot) throws InterruptedException {
        String url = session.demoUrl("/fragmented");
        robot.interact(() -> live.connections().getSelectionModel().select(session.open("fragmented",
                dev.framescope.engine.ConnectionSpec.to(url))));
        // The whole scenario — the text message, the binary one after it and our pong to the ping — before the rows
        // are counted: a row arriving later would change the count the fold is checked against.
        Await.until(Duration.ofSeconds(10), () -> live.table().getItems().stream()
                .filter(f -> f.header().opcode() == Opcode.CONTINUATION && f.header().fin()).count() >= 2
                && live.table().getItems().stream().anyMatch(f -> f.dir() == Direction.OUT
                        && f.header().opcode() == Opcode.PONG), "both fragmented messages and our pong");
        List<FrameEvent> rows = onFxThread(robot, () -> List.copyOf(live.table().getItems()));
        FrameEvent first = rows.stream().filter(f -> f.header().opcode() == Opcode.TEXT && !f.header().fin())
                .findFirst().orElseThrow();
        assertEquals("▾ 1/3", live.timeline().fragment(first).orElseThrow().label());
        // Server frames only: our pong to the ping may land between the fragments (TCP_NODELAY on both sides).
        List<FrameEvent> server = rows.stream().filter(f -> f.dir() == Direction.IN).toList();
        List<String> labels = server.stream().map(f -> live.timeline().fragment(f)
                .map(TimelineModel.Fragment::label).orElse("")).toList();
        int at = server.indexOf(first);
        assertEquals(List.of("▾ 1/3", "", "└ 2/3", "└ 3/3"), labels.subList(at, at + 4), "the ping in between is no fragment");

        robot.interact(() -> live.table().scrollTo(first));
        // The head cell of this message that is on screen (the table keeps hidden cells around for reuse); the
        // table lays its cells out at a later pulse than the scroll.
        AtomicReference<javafx.scene.Node> head = new AtomicReference<>();
        Await.until(() -> {
            head.set(robot.lookup("#frame-table .fragment-head").queryAllAs(javafx.scene.control.TableCell.class)
                    .stream().filter(c -> c.isVisible() && c.getTableRow() != null && c.getTableRow().isVisible()
                            && first.equals(c.getItem())).findFirst().orElse(null));
            return head.get() != null;
        }, "the message's head cell on screen");
        robot.clickOn(head.get());
        Await.until(() -> live.table().getItems().size() == rows.size() - 2, "the two later fragments folded away");
        assertTrue(live.table().getItems().contains(first));
        assertTrue(live.table().getItems().stream().anyMatch(f -> f.header().opcode() == Opcode.PING),
                "control frames stay");
        assertEquals("▸ 3 frames", live.timeline().fragment(first).orElseThrow().label());

        robot.interact(() -> live.timeline().toggleCollapsed(first));
        Await.until(() -> live.table().getItems().size() >= rows.size(), "unfolded");
    }

    @Test
    void followingHoldsOnlyTheNewestRowsAndPausingShowsThemAll(FxRobot robot) throws InterruptedException {
        String url = session.demoUrl("/ticker?rate=50000&count=12000&size=16");
        robot.interact(() -> live.connections().getSelectionModel().select(session.open("burst",
                dev.framescope.engine.ConnectionSpec.to(url))));
        Await.until(Duration.ofSeconds(20), () -> live.timeline().frames().size() >= 12_000, "12,000 frames");
        robot.interact(() -> { });
        assertEquals(12_000, live.table().shown().size());
        assertEquals(TimelineView.FOLLOW_ROWS, live.table().getItems().size(), "only the newest rows while following");
        assertEquals(live.table().shown().get(11_999), live.table().getItems().get(TimelineView.FOLLOW_ROWS - 1));
        FrameEvent picked = live.table().getItems().get(TimelineView.FOLLOW_ROWS - 10);
        robot.interact(() -> live.table().getSelectionModel().select(picked));
        robot.interact(() -> live.table().followProperty().set(false));
        assertEquals(12_000, live.table().getItems().size(), "every row back when follow pauses");
        assertEquals(picked, live.table().getSelectionModel().getSelectedItem(), "the selection survives");
        robot.interact(() -> live.table().followProperty().set(true));
        assertEquals(TimelineView.FOLLOW_ROWS, live.table().getItems().size());
    }
}
