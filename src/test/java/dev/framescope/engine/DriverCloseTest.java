package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.ConnectionState;
import dev.framescope.capture.Direction;
import dev.framescope.testutil.Await;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Violation;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The driver's close handshake, its timeouts and its policy on a server's violation. */
class DriverCloseTest {

    @Test
    void aServerThatKeepsTcpOpenAfterTheCloseHandshakeIsRecordedAndClosedByUs() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        CountDownLatch tcpClosed = new CountDownLatch(1);
        try (RawServer server = new RawServer((socket, accept) -> {
            OutputStream out = socket.getOutputStream();
            out.write(RawServer.upgrade(accept).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            in.read(new byte[256]);
            out.write(FrameEncoder.close(1000, "").encode());
            out.flush();
            // Keeps TCP open (RFC 6455 §7.1.1 says it should close it now) until the client does.
            in.transferTo(OutputStream.nullOutputStream());
            tcpClosed.countDown();
            try {
                released.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            VirtualScheduler clock = new VirtualScheduler();
            Connection c = Captures.openAndAwait(Engine.on(clock, EngineSettings.DEFAULTS),
                    ConnectionSpec.to(server.uri("/")));
            int before = clock.pending();
            c.close(1000, "bye");
            // Our close timeout, then the grace period once the server's close frame has come.
            Await.until(() -> clock.pending() >= before + 2, "the close handshake done");
            clock.advance(Duration.ofMillis(1999));
            assertFalse(c.ended(), "the server has 2 s to close TCP");
            clock.advance(Duration.ofMillis(1));
            Await.until(c::ended, "we close TCP ourselves");
            assertTrue(tcpClosed.await(5, TimeUnit.SECONDS), "the server saw our TCP close");
            CaptureEvent.ViolationEvent kept = Captures.events(c.log(), CaptureEvent.ViolationEvent.class).stream()
                    .filter(v -> v.finding().violation() == Violation.SERVER_KEPT_TCP_OPEN).findFirst()
                    .orElseThrow(() -> new AssertionError(Captures.dump(c.log())));
            assertTrue(kept.finding().detail().contains("2000 ms"), kept.finding().detail());
            CaptureEvent.CloseEvent close = Captures.events(c.log(), CaptureEvent.CloseEvent.class).get(0);
            assertTrue(close.clean(), "both close frames crossed: " + close);
            assertEquals(ConnectionState.CLOSED, c.state());
            released.countDown();
        }
    }

    @Test
    void aSilentServerEndsTheConnectionAfterTheHandshakeTimeout() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        try (RawServer server = new RawServer((socket, accept) -> {
            try {
                released.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            VirtualScheduler clock = new VirtualScheduler();
            Connection c = Captures.open(Engine.on(clock, EngineSettings.DEFAULTS), ConnectionSpec.to(server.uri("/"))
                    .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(4)));
            Await.until(() -> clock.pending() >= 1, "the handshake timeout set");
            clock.advance(Duration.ofSeconds(4));
            Await.until(c::ended, "the connection ends");
            assertEquals(ConnectionState.FAILED, c.state());
            assertTrue(c.failure().orElseThrow().contains("no upgrade response within 4000 ms"),
                    c.failure().orElseThrow());
            released.countDown();
        }
    }

    /** A text message with invalid UTF-8 at byte 20 of the message, then an ordinary one. */
    private static RawServer badUtf8Server(CountDownLatch done) throws Exception {
        byte[] bad = "twenty bytes of text and then".getBytes(StandardCharsets.US_ASCII);
        bad[20] = (byte) 0xFF;
        return new RawServer((socket, accept) -> {
            OutputStream out = socket.getOutputStream();
            out.write(RawServer.upgrade(accept).getBytes(StandardCharsets.ISO_8859_1));
            out.write(FrameEncoder.frame(Opcode.TEXT).payload(bad).encode());
            out.write(FrameEncoder.text("still talking").encode());
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256];
            while (in.read(buffer) > 0) {
                if ((buffer[0] & 0x0F) == 0x8) {
                    out.write(FrameEncoder.close(1000, "").encode());
                    out.flush();
                    break;
                }
            }
            done.countDown();
        });
    }

    @Test
    void strictModeFailsWithTheRulesCodeAndAReasonInWords() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        try (RawServer server = badUtf8Server(done)) {
            Connection c = Captures.open(ConnectionSpec.to(server.uri("/")).withMode(ProtocolMode.STRICT));
            assertTrue(c.awaitEnded(Duration.ofSeconds(10)), Captures.dump(c.log()));
            CaptureEvent.CloseEvent close = Captures.events(c.log(), CaptureEvent.CloseEvent.class).get(0);
            assertEquals(1007, close.sentCode().getAsInt());
            assertEquals("invalid UTF-8 in text message at byte 20 of the message", close.sentReason());
            assertTrue(close.clean(), "the server answered our close: " + close);
        }
    }

    @Test
    void observeModeRecordsTheViolationAndKeepsGoingUntilWeClose() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        try (RawServer server = badUtf8Server(done)) {
            Connection c = Captures.openAndAwait(ConnectionSpec.to(server.uri("/")).withMode(ProtocolMode.OBSERVE));
            Await.until(() -> Captures.texts(c.log(), Direction.IN).contains("still talking"), "the next message");
            assertTrue(Captures.violations(c.log()).contains(Violation.INVALID_UTF8));
            assertEquals(ConnectionState.OPEN, c.state());
            assertTrue(Captures.frames(c.log(), Direction.OUT).isEmpty(), "we sent nothing: no close frame");
            Captures.closeAndAwait(c);
            CaptureEvent.CloseEvent close = Captures.events(c.log(), CaptureEvent.CloseEvent.class).get(0);
            assertEquals(1000, close.sentCode().getAsInt(), "closed by us, normally");
        }
    }

    @Test
    void observeModeKeepsAnUnframeableStreamRawAndTheConnectionOpen() throws Exception {
        byte[] garbage = "bytes after the framing was lost".getBytes(StandardCharsets.US_ASCII);
        CountDownLatch done = new CountDownLatch(1);
        try (RawServer server = new RawServer((socket, accept) -> {
            OutputStream out = socket.getOutputStream();
            out.write(RawServer.upgrade(accept).getBytes(StandardCharsets.ISO_8859_1));
            out.write(FrameEncoder.text("before").encode());
            out.write(new byte[] {(byte) 0x82, 127, (byte) 0x80, 0, 0, 0, 0, 0, 0, 5});
            out.write(garbage);
            out.flush();
            socket.getInputStream().transferTo(OutputStream.nullOutputStream());
            done.countDown();
        })) {
            Connection c = Captures.openAndAwait(ConnectionSpec.to(server.uri("/")).withMode(ProtocolMode.OBSERVE));
            Await.until(() -> rawIn(c).endsWith("bytes after the framing was lost"), "the raw bytes captured");
            assertEquals(1, Captures.violations(c.log()).stream().filter(v -> v == Violation.DESYNCHRONIZED).count());
            assertTrue(Captures.violations(c.log()).contains(Violation.LENGTH_MSB_SET));
            assertEquals(ConnectionState.OPEN, c.state(), "kept until the user closes it");
            c.close();
            Await.until(c::ended, "closed by us");
        }
    }

    private static String rawIn(Connection c) {
        StringBuilder sb = new StringBuilder();
        Captures.frames(c.log(), Direction.IN).stream().filter(f -> !f.lastChunk())
                .forEach(f -> sb.append(new String(f.payload().bytes(), StandardCharsets.ISO_8859_1)));
        return sb.toString();
    }
}
