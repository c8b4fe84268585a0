package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.decode.DecodeFixtures;
import dev.framescope.testutil.Await;
import dev.framescope.ui.FramescopeApp;
import dev.framescope.ui.frame.DecodedView;
import dev.framescope.ui.frame.PayloadView;
import dev.framescope.wire.Opcode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Mirrors the tree's per-level cap (package-private in ui.frame). */
final class DecodedTreeItemProbe {
    static final int MAX = 1000;

    private DecodedTreeItemProbe() {
    }
}

/** The Decoded view on the real scene against the demo's /encodings scenario (JSON, MessagePack, CBOR, protobuf). */
@ExtendWith(ApplicationExtension.class)
class DecodedViewTest {

    @RegisterExtension
    final LiveWindowHarness harness = new LiveWindowHarness();
    private final SessionModel session = harness.session;
    private FramescopeApp.MainWindow window;
    private LiveWindow live;

    @Start
    void start(Stage stage) {
        harness.start(stage);
        window = harness.window;
        live = harness.live;
    }

    private LiveConnection open(FxRobot robot, String name) throws Exception {
        String url = session.demoUrl("/encodings");
        LiveConnection[] c = new LiveConnection[1];
        robot.interact(() -> {
            c[0] = session.open(name, dev.framescope.engine.ConnectionSpec.to(url));
            live.connections().getSelectionModel().select(c[0]);
        });
        Await.until(Duration.ofSeconds(10), () -> live.table().getItems().size() >= 4, "the four samples");
        return c[0];
    }

    private DecodedView decoded() {
        return window.controller().frameDetail().payloadView().decodedView();
    }

    private void selectFrame(FxRobot robot, int index) {
        robot.interact(() -> live.table().getSelectionModel().clearAndSelect(index));
    }

    /** Every label of the tree, expanding as a user clicking each arrow would. */
    private static List<String> labels(TreeItem<String> item) {
        List<String> out = new ArrayList<>();
        if (item == null) {
            return out;
        }
        out.add(item.getValue());
        for (TreeItem<String> child : item.getChildren()) {
            out.addAll(labels(child));
        }
        return out;
    }

    @Test
    void aMessagePackFrameShowsItsDecodedTreeAndTheChoiceSticksPerConnection(FxRobot robot) throws Exception {
        LiveConnection encodings = open(robot, "encodings");
        List<FrameEvent> frames = live.table().getItems();
        assertEquals(Opcode.TEXT, frames.get(0).header().opcode());
        assertEquals(Opcode.BINARY, frames.get(1).header().opcode(), "MessagePack travels as binary");
        PayloadView payload = window.controller().frameDetail().payloadView();
        robot.interact(() -> payload.getSelectionModel().select(payload.decodedTab()));

        selectFrame(robot, 1);
        assertTrue(decoded().summaryLabel().getText().startsWith("Auto picked MessagePack"),
                decoded().summaryLabel().getText());
        List<String> tree = labels(robot.lookup("#decoded-tree").queryAs(javafx.scene.control.TreeView.class)
                .getRoot());
        assertTrue(tree.contains("customer: \"Ada Lovelace\""), tree.toString());
        assertTrue(tree.contains("order: 4711"), tree.toString());
        assertTrue(tree.contains("sku: \"ink\""), tree.toString());
        assertFalse(decoded().failureLabel().isVisible());

        selectFrame(robot, 2);
        assertEquals("cbor", decoded().shown().orElseThrow().decoderId());
        assertTrue(labels(decoded().treeView().getRoot()).contains("format: \"cbor\""));
        selectFrame(robot, 3);
        assertEquals("protobuf", decoded().shown().orElseThrow().decoderId());
        assertTrue(labels(decoded().treeView().getRoot()).contains("2: \"Ada Lovelace\""));

        // Forcing JSON on the MessagePack frame: decoding stops at byte 0, said in red.
        selectFrame(robot, 1);
        robot.interact(() -> decoded().chooser().setValue("json"));
        assertTrue(decoded().failureLabel().isVisible());
        assertTrue(decoded().failureLabel().getText().contains("stopped at byte 0"),
                decoded().failureLabel().getText());
        // The override sticks for the connection's other frames…
        selectFrame(robot, 2);
        assertEquals("json", decoded().shown().orElseThrow().decoderId());
        assertEquals("json", encodings.decoding().decoderIdProperty().get());
        // …but not for another connection, and comes back with its connection.
        open(robot, "encodings 2");
        selectFrame(robot, 1);
        assertEquals("msgpack", decoded().shown().orElseThrow().decoderId());
        robot.interact(() -> live.connections().getSelectionModel().select(encodings));
        Await.until(() -> live.table().getItems().size() >= 4, "the first connection's frames");
        selectFrame(robot, 2);
        assertEquals("json", decoded().chooser().getValue());
        assertEquals("json", decoded().shown().orElseThrow().decoderId());
    }

    @Test
    void aDescriptorSetDecodesTheProtobufFrameTyped(FxRobot robot) throws Exception {
        open(robot, "typed");
        PayloadView payload = window.controller().frameDetail().payloadView();
        robot.interact(() -> payload.getSelectionModel().select(payload.decodedTab()));
        assertFalse(window.controller().protobufSchemaItem().isDisable(), "Edit → Protobuf Schema is offered");
        selectFrame(robot, 3);
        assertEquals("protobuf", decoded().shown().orElseThrow().decoderId());
        // The demo's protobuf sample has the shape of DecodeFixtures' demo.Order (id, customer, items{label, qty}).
        robot.interact(() -> decoded().loadSchema(Path.of("order.desc"), DecodeFixtures.descriptorSet(),
                "demo.Order"));
        assertEquals("protobuf-typed", decoded().shown().orElseThrow().decoderId());
        List<String> tree = labels(decoded().treeView().getRoot());
        assertTrue(tree.contains("customer: \"Ada Lovelace\""), tree.toString());
        assertTrue(tree.contains("label: \"ink\""), tree.toString());
        assertTrue(decoded().chooser().getItems().contains("protobuf-typed"));
    }

    @Test
    void aLargePayloadDecodesOffTheFxThreadAndANewerSelectionWins(FxRobot robot) {
        StringBuilder big = new StringBuilder("[");
        for (int i = 0; i < 40_000; i++) {
            big.append(i == 0 ? "" : ",").append("{\"n\":").append(i).append('}');
        }
        byte[] json = big.append(']').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(json.length > 4 * 64 * 1024);
        DecodedView view = decoded();
        PayloadView payload = window.controller().frameDetail().payloadView();
        robot.interact(() -> {
            payload.getSelectionModel().select(payload.decodedTab());
            // First a truncated copy (not JSON, so Auto would show it as text), then the whole array.
            view.setInput(java.util.Optional.of(dev.framescope.decode.DecodeInput.of(
                    java.util.Arrays.copyOf(json, json.length - 1), true)));
            assertTrue(view.summaryLabel().getText().startsWith("Decoding"), view.summaryLabel().getText());
            view.setInput(java.util.Optional.of(dev.framescope.decode.DecodeInput.of(json, true)));
        });
        Await.until(() -> view.shown().isPresent(), "the background decode");
        robot.interact(() -> { });
        assertEquals("json", view.shown().get().decoderId(), "the newer payload is the one shown");
        assertEquals(DecodedTreeItemProbe.MAX + 1, view.treeView().getRoot().getChildren().size(),
                "a level shows at most 1,000 children and a '… more' line");
    }

    @Test
    void theMessageTabDecodesTheReassembledMessage(FxRobot robot) throws Exception {
        open(robot, "messages");
        robot.clickOn("#messages-toggle");
        Await.until(() -> live.timeline().messages().size() >= 4, "four messages");
        robot.interact(() -> live.messagesView().getSelectionModel().select(2));
        DecodedView view = live.details().decodedView();
        robot.interact(() -> ((javafx.scene.control.TabPane) view.getParent().getParent()).getSelectionModel()
                .select(1));
        Await.until(() -> view.shown().isPresent(), "the message decoded");
        assertEquals("cbor", view.shown().get().decoderId());
        assertTrue(labels(view.treeView().getRoot()).contains("customer: \"Ada Lovelace\""));
    }
}
