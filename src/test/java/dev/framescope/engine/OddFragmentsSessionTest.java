package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.MemoryBudget;
import dev.framescope.capture.PayloadStore;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.capture.io.SessionOutput;
import dev.framescope.wire.Handshake;
import dev.framescope.wire.Message;
import dev.framescope.wire.Sender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server breaking RFC 6455 §5.4, recorded as a live connection would be, and kept alike by both session versions. */
class OddFragmentsSessionTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    @TempDir
    Path dir;

    private static List<String> messages(CaptureLog log) {
        return log.readFrom(0, log.size()).stream().filter(e -> e instanceof CaptureEvent.MessageEvent)
                .map(e -> {
                    Message m = ((CaptureEvent.MessageEvent) e).message();
                    return m.opcode().shortName() + " x" + m.frameCount() + " "
                            + new String(m.payload(), StandardCharsets.UTF_8) + " "
                            + m.findings().stream().map(f -> f.violation().id()).toList();
                }).toList();
    }

    @Test
    void anOrphanContinuationAndACutShortMessageAreRecordedAndKeptByBothVersions() throws Exception {
        CaptureLog log = new CaptureLog(1, "ws://127.0.0.1/",
                new PayloadStore(MemoryBudget.forThisJvm(OptionalLong.empty())));
        WireReplay replay = new WireReplay(log);
        byte[] request = ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        replay.bytes(Sender.CLIENT, request, 0, request.length, 1);
        byte[] server = (RawServer.upgrade(Handshake.acceptFor(KEY))).getBytes(StandardCharsets.ISO_8859_1);
        replay.bytes(Sender.SERVER, server, 0, server.length, 2);
        // "lo" orphaned; "Hel" + "l" left open by a whole "Hi"; then "ok".
        byte[] frames = HexFormat.of().parseHex("80026c6f" + "010348656c" + "00016c" + "81024869" + "81026f6b");
        replay.bytes(Sender.SERVER, frames, 0, frames.length, 3);
        replay.end(4);

        List<String> expected = List.of("CONT x1 lo [CONTINUATION_WITHOUT_START]",
                "TEXT x2 Hell [DATA_FRAME_DURING_FRAGMENTED_MESSAGE]", "TEXT x1 Hi []", "TEXT x1 ok []");
        assertEquals(expected, messages(log));
        for (int version : new int[] {1, 2}) {
            Path file = dir.resolve("v" + version + ".fscap");
            try (SessionOutput out = SessionFiles.create(file, true, version)) {
                out.write(log, log.readFrom(0, log.size()));
            }
            var loaded = SessionFiles.load(file, 1 << 20);
            assertEquals(List.of(), loaded.problems(), "version " + version);
            assertEquals(expected, messages(loaded.logs().get(0)), "version " + version);
        }
    }
}
