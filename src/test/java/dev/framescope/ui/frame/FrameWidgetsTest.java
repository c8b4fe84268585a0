package dev.framescope.ui.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.ui.fx.Background;
import dev.framescope.wire.DecoderOptions;
import dev.framescope.wire.Frame;
import dev.framescope.wire.FrameDecoder;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.LengthEncoding;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class FrameWidgetsTest {

    private StackPane holder;

    @Start
    void start(Stage stage) {
        holder = new StackPane();
        stage.setScene(new Scene(holder, 1000, 700));
        stage.show();
    }

    @Test
    void frameDetailShowsSummaryHeaderAndMaskedBesideUnmasked(FxRobot robot) {
        FrameDetailPane pane = new FrameDetailPane(Background.sameThread());
        robot.interact(() -> {
            holder.getChildren().setAll(pane);
            pane.show(FrameDetail.of(3, Sender.CLIENT, Fixtures.MASKED_HELLO));
        });
        assertEquals("#3 · client → server · TEXT · FIN · 5 B (7-bit) · mask 37fa213d · offset 0",
                robot.lookup("#frame-summary").queryAs(Label.class).getText());
        assertEquals("37fa213d", pane.headerBitsView().getChildren().stream()
                .map(n -> (HeaderCell) n.getUserData()).filter(c -> c.field() == HeaderField.MASKING_KEY)
                .findFirst().orElseThrow().value());
        assertEquals("Hello", robot.lookup(".payload-text").queryAs(TextArea.class).getText());
        robot.interact(() -> pane.payloadView().getSelectionModel().select(2));
        SplitPane compare = (SplitPane) pane.payloadView().getTabs().get(2).getContent();
        HexDumpView masked = (HexDumpView) compare.getItems().get(0).lookup(".hex-dump");
        assertEquals("7f9f4d5158", HexFormat.of().formatHex(masked.getData()));
    }

    @Test
    void aClosePayloadReadsAsCodeAndReasonNotAsText(FxRobot robot) {
        FrameDetailPane pane = new FrameDetailPane(Background.sameThread());
        Frame frame = Frame.whole(new FrameHeader(true,
                false, false, false, Opcode.CLOSE, false, 0, 6, LengthEncoding.SEVEN_BIT, 0),
                new byte[] {0x03, (byte) 0xe8, 'd', 'o', 'n', 'e'}, List.of());
        robot.interact(() -> {
            holder.getChildren().setAll(pane);
            pane.show(FrameDetail.of(4, Sender.SERVER, frame));
        });
        String text = robot.lookup(".payload-text").queryAs(TextArea.class).getText();
        assertTrue(text.startsWith("Close frame: 1000") && text.endsWith("\"done\""), text);
    }

    /**
     * Issue 14: after DESYNCHRONIZED (a 64-bit length with its top bit set) the bytes that follow are raw chunks of
     * the untrusted frame; selecting one shows those bytes in the Hex tab, and the length unsigned.
     */
    @Test
    void theRawBytesAfterADesynchronizedStreamShowInTheHexTab(FxRobot robot) {
        byte[] garbage = "bytes after the framing was lost".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer stream = ByteBuffer.allocate(10 + garbage.length)
                .put(new byte[] {(byte) 0x82, 127, (byte) 0x80, 0, 0, 0, 0, 0, 0, 5}).put(garbage).flip();
        FrameDecoder decoder = new FrameDecoder(Sender.SERVER, DecoderOptions.defaults());
        List<Frame> frames = new ArrayList<>();
        for (Optional<Frame> f = decoder.next(stream); f.isPresent(); f = decoder.next(stream)) {
            frames.add(f.get());
        }
        assertTrue(decoder.desynchronized());
        Frame raw = frames.get(frames.size() - 1);
        assertArrayEquals(garbage, raw.payload(), "the raw chunk holds the bytes after the header");

        FrameDetailPane pane = new FrameDetailPane(Background.sameThread());
        robot.interact(() -> {
            holder.getChildren().setAll(pane);
            pane.show(FrameDetail.of(2, Sender.SERVER, raw));
            pane.payloadView().getSelectionModel().select(pane.payloadView().getTabs().stream()
                    .filter(t -> "payload-tab-hex".equals(t.getId())).findFirst().orElseThrow());
        });
        assertTrue(robot.lookup("#frame-summary").queryAs(Label.class).getText()
                .contains("9223372036854775813 B (64-bit)"), "the length unsigned");
        HexDumpView hex = (HexDumpView) pane.payloadView().getTabs().stream()
                .filter(t -> "payload-tab-hex".equals(t.getId())).findFirst().orElseThrow().getContent()
                .lookup(".hex-dump");
        assertArrayEquals(garbage, hex.getData());
    }

    @Test
    void hexDumpOfOneMebibyteIsVirtualizedAndCapped(FxRobot robot) {
        HexDumpView dump = new HexDumpView();
        robot.interact(() -> {
            holder.getChildren().setAll(dump);
            dump.setData(new byte[1024 * 1024]);
        });
        assertEquals(65_536, dump.rowCount());
        assertTrue(robot.lookup(".hex-row").queryAll().size() < 200, "only visible rows have cells");
        assertEquals("", dump.noteText());

        robot.interact(() -> dump.capProperty().set(64 * 1024));
        assertEquals(4_096, dump.rowCount());
        assertEquals("first 64 KiB of 1,048,576 B", dump.noteText());
    }

    @Test
    void opcodeBadgeSwapsItsClass(FxRobot robot) {
        OpcodeBadge badge = new OpcodeBadge(Opcode.PING);
        robot.interact(() -> holder.getChildren().setAll(badge));
        assertTrue(badge.getStyleClass().contains("opcode-ping"));
        robot.interact(() -> badge.setOpcode(Opcode.of(0x3)));
        assertTrue(badge.getStyleClass().contains("opcode-reserved"));
        assertTrue(!badge.getStyleClass().contains("opcode-ping"));
        assertEquals("0x3", badge.getText());
    }
}
