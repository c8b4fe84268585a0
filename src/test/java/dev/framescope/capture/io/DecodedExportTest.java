package dev.framescope.capture.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.PayloadStore;
import dev.framescope.decode.DecodeFixtures;
import dev.framescope.wire.Dissected;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Sender;
import dev.framescope.wire.StreamDissector;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** JSON Lines exports carry each whole data frame's and message's decoded tree; session files do not. */
class DecodedExportTest {

    private static CaptureLog log(byte[]... serverFrames) {
        CaptureLog log = new CaptureLog(1, "ws://h/x", new PayloadStore(1 << 20));
        StreamDissector d = new StreamDissector(Sender.SERVER, dev.framescope.wire.DecoderOptions.defaults(), 1 << 20);
        for (byte[] frame : serverFrames) {
            for (Dissected item : d.feed(frame)) {
                if (item instanceof Dissected.FrameItem f) {
                    log.append(log.nanoAnchor() + 1, s -> new CaptureEvent.FrameEvent(s, Direction.of(Sender.SERVER),
                            f.frame().header(), f.frame().chunkOffset(), f.frame().lastChunk(),
                            log.payloads().store(f.frame().payload()), f.messageOpcode(), Optional.empty(),
                            f.findings()));
                } else if (item instanceof Dissected.MessageItem m) {
                    log.append(log.nanoAnchor() + 2, s -> new CaptureEvent.MessageEvent(s,
                            Direction.of(Sender.SERVER), m.message()));
                }
            }
        }
        return log;
    }

    @Test
    void framesAndMessagesCarryTheirDecodedTree() throws Exception {
        byte[] msgpack = DecodeFixtures.msgpack();
        byte[] cut = Arrays.copyOf(msgpack, msgpack.length - 2);
        CaptureLog log = log(FrameEncoder.binary(msgpack).encode(), FrameEncoder.binary(cut).encode());
        String out = Exports.eventsAsString(Exports.Format.JSON, log, log.readFrom(0, log.size()), false);
        List<JsonNode> lines = out.lines().map(l -> {
            try {
                return new ObjectMapper().readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        JsonNode frame = lines.stream().filter(n -> n.path("type").asText().equals("frame")).findFirst().orElseThrow();
        assertEquals("msgpack", frame.path("decoded").path("as").asText(), frame.toString());
        assertEquals("café", frame.path("decoded").path("tree").path("name").asText());
        assertFalse(frame.path("decoded").has("failure"));
        List<JsonNode> messages = lines.stream().filter(n -> n.path("type").asText().equals("message")).toList();
        assertFalse(messages.isEmpty(), out);
        assertTrue(messages.get(0).path("decoded").path("tree").path("list").isArray(), messages.get(0).toString());
        // The damaged one is no longer recognised as MessagePack by detection: it is shown as a hex dump.
        JsonNode damaged = lines.stream().filter(n -> n.path("type").asText().equals("frame")).skip(1).findFirst()
                .orElseThrow();
        assertEquals("hex", damaged.path("decoded").path("as").asText(), damaged.toString());
    }
}
