package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.testutil.Await;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Violation;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The engine spares Java-WebSocket the plain frames (the recorder keeps them; the library would only discard them)
 * while everything else still reaches it, so it still fails the connection on a violation as it would alone.
 */
class PlainFramesEngineTest {

    /** Plain frames of every size class, some far larger than one read, then a 100 KB text with bad UTF-8 at its end. */
    private static final class Script {
        final List<byte[]> payloads = new ArrayList<>();
        final byte[] bytes;

        Script(long seed, int frames) {
            Random random = new Random(seed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < frames; i++) {
                int size = i % 50 == 0 ? 100_000 + random.nextInt(150_000) : random.nextInt(i % 2 == 0 ? 126 : 3_000);
                byte[] payload = new byte[size];
                random.nextBytes(payload);
                payloads.add(payload);
                out.writeBytes(FrameEncoder.binary(payload).encode());
            }
            byte[] text = "a".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
            text[text.length - 1] = (byte) 0xFF;
            out.writeBytes(FrameEncoder.frame(Opcode.TEXT).payload(text).encode());
            bytes = out.toByteArray();
        }
    }

    @Test
    void theLibraryIsSparedPlainFramesButStillFailsTheConnectionOnAViolation() throws Exception {
        Script script = new Script(1, 2_000);
        Connection c = run(Captures.REAL_TIME, script);
        CaptureLog log = c.log();
        assertReceivedWhole(script, log);
        assertTrue(Captures.violations(log).contains(Violation.INVALID_UTF8), Captures.violations(log).toString());
        CaptureEvent.CloseEvent close = Captures.events(log, CaptureEvent.CloseEvent.class).get(0);
        assertEquals(1007, close.sentCode().getAsInt(), "the library failed the connection with 1007 as ever");
        assertEquals(0, c.libraryMessages(), "the library decoded none of the plain frames");
    }

    @Test
    void withTheSwitchOffTheLibraryReadsEveryFrameAndTheCaptureIsTheSame() throws Exception {
        Script script = new Script(2, 300);
        Connection c;
        try (Engine libraryReadsAll = Engine.start(new EngineSettings(true, true))) {
            c = run(libraryReadsAll, script);
        }
        assertReceivedWhole(script, c.log());
        assertEquals(300, c.libraryMessages(), "the library decoded every message");
        CaptureEvent.CloseEvent close = Captures.events(c.log(), CaptureEvent.CloseEvent.class).get(0);
        assertEquals(1007, close.sentCode().getAsInt());
    }

    @Test
    void ourDriverGivenEveryByteCapturesTheSameAndFailsTheSame() throws Exception {
        Script script = new Script(2, 300);
        Connection c;
        try (Engine everyByte = Engine.start(new EngineSettings(true, false))) {
            c = run(everyByte, script);
        }
        assertReceivedWhole(script, c.log());
        CaptureEvent.CloseEvent close = Captures.events(c.log(), CaptureEvent.CloseEvent.class).get(0);
        assertEquals(1007, close.sentCode().getAsInt());
        assertEquals("invalid UTF-8 in text message at byte 99999 of the message", close.sentReason());
    }

    private static Connection run(Engine engine, Script script) throws Exception {
        try (RawServer server = new RawServer((socket, accept) -> {
            OutputStream out = socket.getOutputStream();
            out.write(RawServer.upgrade(accept).getBytes(StandardCharsets.ISO_8859_1));
            // In pieces of every size, so frames are cut by reads anywhere.
            Random random = new Random(3);
            for (int at = 0; at < script.bytes.length; ) {
                int n = Math.min(script.bytes.length - at, 1 + random.nextInt(90_000));
                out.write(script.bytes, at, n);
                out.flush();
                at += n;
            }
            socket.getInputStream().read(new byte[256]);
        })) {
            Connection c = Captures.open(engine, ConnectionSpec.to(server.uri("/")));
            Await.until(c::ended, "the connection ends");
            return c;
        }
    }

    private static void assertReceivedWhole(Script script, CaptureLog log) {
        List<CaptureEvent.MessageEvent> binary = Captures.events(log, CaptureEvent.MessageEvent.class).stream()
                .filter(m -> m.dir() == Direction.IN && !m.message().isText()).toList();
        assertEquals(script.payloads.size(), binary.size());
        for (int i = 0; i < binary.size(); i++) {
            assertArrayEquals(script.payloads.get(i), binary.get(i).message().payload(), "message " + i);
        }
        long framesIn = Captures.frames(log, Direction.IN).stream().filter(f -> f.isFirstChunk()).count();
        assertEquals(script.payloads.size() + 1, framesIn, "every binary frame and the bad text");
    }
}
