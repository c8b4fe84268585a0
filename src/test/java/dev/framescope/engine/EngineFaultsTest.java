package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.ConnectionState;
import dev.framescope.capture.Direction;
import dev.framescope.testutil.Await;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Violation;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the capture holds when the server refuses, misbehaves or drops the connection. */
class EngineFaultsTest {

    @Test
    void a401IsRecordedWholeWithItsBody() throws Exception {
        String body = "{\"error\":\"token expired\"}";
        try (RawServer server = new RawServer((socket, accept) -> {
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm=\"api\"\r\nContent-Type: "
                    + "application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        })) {
            Connection c = Captures.open(ConnectionSpec.to(server.uri("/secret")).withHeader("Authorization", "Bearer x"));
            Await.until(c::ended, "the connection ends");
            CaptureLog log = c.log();
            assertEquals(ConnectionState.FAILED, c.state());
            assertTrue(c.failure().orElseThrow().contains("401"), c.failure().orElseThrow());
            CaptureEvent.HandshakeEvent h = Captures.handshake(log).orElseThrow();
            assertEquals(401, h.status());
            assertEquals(body, new String(h.responseBody(), StandardCharsets.UTF_8));
            assertTrue(new String(h.rawResponse(), StandardCharsets.ISO_8859_1).contains("WWW-Authenticate: Bearer"));
            assertEquals(List.of(Violation.HANDSHAKE_STATUS), Captures.violations(log));
        }
    }

    @Test
    void aBodyWrittenAfterTheHeadIsStillCaptured() throws Exception {
        CountDownLatch headRecorded = new CountDownLatch(1);
        try (RawServer server = new RawServer((socket, accept) -> {
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 14\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            // The body comes only once the client has the head: it cannot arrive in the same read.
            try {
                headRecorded.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            out.write("origin refused".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.getInputStream().read();
        })) {
            Connection c = Captures.open(ConnectionSpec.to(server.uri("/")));
            Await.until(() -> Captures.handshake(c.log()).isPresent(), "the 403 head is recorded");
            headRecorded.countDown();
            Await.until(c::ended, "the connection ends");
            assertEquals(403, Captures.handshake(c.log()).orElseThrow().status());
            assertTrue(Captures.events(c.log(), CaptureEvent.NoteEvent.class).stream()
                    .anyMatch(n -> n.text().endsWith("origin refused")), Captures.dump(c.log()));
            assertTrue(Captures.events(c.log(), CaptureEvent.NoteEvent.class).stream()
                    .noneMatch(n -> n.text().contains("did not arrive in full")),
                    "the body ended the wait, not the timeout: " + Captures.dump(c.log()));
        }
    }

    @Test
    void aWrongAcceptIsRecordedEvenThoughTheLibraryRefusesIt() throws Exception {
        try (RawServer server = new RawServer((socket, accept) -> {
            socket.getOutputStream().write(RawServer.upgrade("AAAAAAAAAAAAAAAAAAAAAAAAAAA=")
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.getInputStream().read();
        })) {
            Connection c = Captures.open(ConnectionSpec.to(server.uri("/")));
            Await.until(c::ended, "the connection ends");
            assertEquals(ConnectionState.FAILED, c.state());
            CaptureEvent.HandshakeEvent h = Captures.handshake(c.log()).orElseThrow();
            assertFalse(h.acceptOk());
            assertTrue(Captures.violations(c.log()).contains(Violation.HANDSHAKE_ACCEPT_MISMATCH));
        }
    }

    @Test
    void aTcpDropWithoutCloseIsAnAbnormalClosureAndKeepsWhatArrived() throws Exception {
        try (RawServer server = new RawServer((socket, accept) -> {
            OutputStream out = socket.getOutputStream();
            out.write(RawServer.upgrade(accept).getBytes(StandardCharsets.ISO_8859_1));
            out.write(FrameEncoder.text("last words").encode());
            out.write(FrameEncoder.text("cut short").encode(), 0, 5);
            out.flush();
            socket.setSoLinger(true, 0);
        })) {
            Connection c = Captures.open(ConnectionSpec.to(server.uri("/")));
            Await.until(c::ended, "the connection ends");
            CaptureLog log = c.log();
            assertEquals(List.of("last words"), Captures.texts(log, Direction.IN));
            List<Violation> violations = Captures.violations(log);
            assertTrue(violations.contains(Violation.TRUNCATED_FRAME), violations.toString());
            assertTrue(violations.contains(Violation.ABNORMAL_CLOSURE), violations.toString());
            CaptureEvent.CloseEvent close = Captures.events(log, CaptureEvent.CloseEvent.class).get(0);
            assertFalse(close.clean());
            assertEquals(CaptureEvent.Initiator.NONE, close.initiator());
        }
    }

    @Test
    void perFrameDeflateIsInflatedFrameByFrameContinuationsIncluded() throws Exception {
        byte[] first;
        byte[] second;
        try (dev.framescope.wire.MessageDeflater d = new dev.framescope.wire.MessageDeflater(15, true)) {
            first = d.deflate("Hello, ".getBytes(StandardCharsets.UTF_8)).orElseThrow();
            second = d.deflate("per-frame world".getBytes(StandardCharsets.UTF_8)).orElseThrow();
        }
        byte[] a = first;
        byte[] b = second;
        try (RawServer server = new RawServer((socket, accept) -> {
            OutputStream out = socket.getOutputStream();
            out.write(RawServer.upgrade(accept).replace("\r\n\r\n", "\r\nSec-WebSocket-Extensions: "
                    + "x-webkit-deflate-frame\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(FrameEncoder.frame(dev.framescope.wire.Opcode.TEXT).fin(false).rsv1(true).payload(a).encode());
            out.write(FrameEncoder.frame(dev.framescope.wire.Opcode.CONTINUATION).rsv1(true).payload(b).encode());
            out.write(FrameEncoder.close(1000, "done").encode());
            out.flush();
            socket.getInputStream().read(new byte[64]);
        })) {
            Connection c = Captures.open(ConnectionSpec.to(server.uri("/"))
                    .withExtensionOffers(List.of("x-webkit-deflate-frame")));
            Await.until(c::ended, "the server closes");
            CaptureLog log = c.log();
            assertEquals(List.of("Hello, per-frame world"), Captures.texts(log, Direction.IN));
            assertEquals(List.of(), Captures.violations(log), Captures.dump(log));
            assertTrue(Captures.frames(log, Direction.IN).stream().filter(f -> f.header().rsv1())
                    .allMatch(f -> f.inflated().isPresent()));
            CaptureEvent.CloseEvent close = Captures.events(log, CaptureEvent.CloseEvent.class).get(0);
            assertEquals(1000, close.receivedCode().getAsInt());
        }
    }

    @Test
    void aCompressionBombStopsAtTheLimitClosesWith1009AndKeepsTheCapture() throws Exception {
        byte[] bomb;
        try (dev.framescope.wire.MessageDeflater d = new dev.framescope.wire.MessageDeflater(15, false)) {
            bomb = d.deflate(new byte[64 * 1024 * 1024]).orElseThrow();
        }
        byte[] wire = FrameEncoder.binary(bomb).rsv1(true).encode();
        try (RawServer server = new RawServer((socket, accept) -> {
            OutputStream out = socket.getOutputStream();
            out.write(RawServer.upgrade(accept).replace("\r\n\r\n", "\r\nSec-WebSocket-Extensions: "
                    + "permessage-deflate\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(FrameEncoder.text("before the bomb").encode());
            out.write(wire);
            out.flush();
            socket.getInputStream().read(new byte[256]);
        })) {
            Connection c = Captures.open(ConnectionSpec.to(server.uri("/"))
                    .withExtensionOffers(List.of("permessage-deflate")).withMaxMessageBytes(1 << 20));
            Await.until(c::ended, "the connection ends");
            CaptureLog log = c.log();
            assertEquals(List.of("before the bomb"), Captures.texts(log, Direction.IN));
            assertTrue(Captures.violations(log).contains(Violation.INFLATE_LIMIT_EXCEEDED), Captures.dump(log));
            CaptureEvent.FrameEvent frame = Captures.frames(log, Direction.IN).stream()
                    .filter(f -> f.header().rsv1()).findFirst().orElseThrow();
            assertEquals(bomb.length, frame.header().payloadLength());
            assertTrue(frame.inflated().orElseThrow().length() <= 1 << 20, "inflation stopped at the limit");
            CaptureEvent.CloseEvent close = Captures.events(log, CaptureEvent.CloseEvent.class).get(0);
            assertEquals(1009, close.sentCode().getAsInt(), "we close with 1009 Message Too Big");
        }
    }

    @Test
    void aServerThatNeverAnswersTheCloseIsLeftAfterTheLingerAndTheCloseIsAbnormal() throws Exception {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        try (RawServer server = new RawServer((socket, accept) -> {
            socket.getOutputStream().write(RawServer.upgrade(accept).getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            done.countDown();
        })) {
            VirtualScheduler clock = new VirtualScheduler();
            Connection c = Captures.openAndAwait(Engine.on(clock, EngineSettings.DEFAULTS),
                    ConnectionSpec.to(server.uri("/")));
            long start = System.nanoTime();
            c.close(1000, "bye");
            clock.advance(Duration.ofMillis(Connection.CLOSE_TIMEOUT_MILLIS - 1));
            assertFalse(c.ended(), "still waiting for the server's close frame");
            clock.advance(Duration.ofMillis(1));
            Await.until(c::ended, "we give up waiting for the server's close");
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waited < 10_000, "ended after " + waited + " ms");
            CaptureEvent.CloseEvent close = Captures.events(c.log(), CaptureEvent.CloseEvent.class).get(0);
            assertEquals(1000, close.sentCode().getAsInt());
            assertFalse(close.clean(), "no close frame came back");
            assertTrue(Captures.violations(c.log()).contains(Violation.ABNORMAL_CLOSURE));
            assertTrue(done.await(5, java.util.concurrent.TimeUnit.SECONDS), "we closed the TCP connection\n"
                    + Captures.dump(c.log()));
        }
    }

    @Test
    void aServerThatStopsReadingBlocksOnlyItsOwnWrites() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (RawServer stalled = new RawServer((socket, accept) -> {
            socket.getOutputStream().write(RawServer.upgrade(accept).getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            Connection c = Captures.openAndAwait(ConnectionSpec.to(stalled.uri("/")));
            byte[] chunk = new byte[1 << 20];
            long start = System.nanoTime();
            for (int i = 0; i < 64; i++) {
                c.sendBinary(chunk);
            }
            long sendMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(sendMillis < 5_000, "64 MiB queued in " + sendMillis + " ms without blocking the caller");
            Connection other = Captures.openAndAwait(ConnectionSpec.to(dev.framescope.testutil.SharedDemo.server()
                    .uri("/echo")));
            other.sendText("still alive");
            Await.until(() -> Captures.texts(other.log(), Direction.IN).contains("still alive"), "another connection");
            Captures.closeAndAwait(other);
            release.countDown();
        }
    }

    @Test
    void aFrameTrickledOneBytePerMillisecondArrivesWhole() throws Exception {
        byte[] frame = FrameEncoder.text("x".repeat(300)).encode();
        try (RawServer server = new RawServer((socket, accept) -> {
            OutputStream out = socket.getOutputStream();
            out.write(RawServer.upgrade(accept).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            for (byte b : frame) {
                out.write(b);
                out.flush();
                // The server is slow on purpose: one byte per millisecond.
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
            }
            socket.getInputStream().read(new byte[64]);
        })) {
            Connection c = Captures.openAndAwait(ConnectionSpec.to(server.uri("/")));
            Await.until(() -> Captures.texts(c.log(), Direction.IN).size() == 1, "the trickled message");
            assertEquals("x".repeat(300), Captures.texts(c.log(), Direction.IN).get(0));
            assertEquals(1, Captures.frames(c.log(), Direction.IN).size(), "one frame, however it was cut");
            Captures.closeAndAwait(c);
        }
    }

    @Test
    void a256MiBMessageIsCapturedInChunksWithBoundedMemory() throws Exception {
        int size = 256 * 1024 * 1024;
        java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(10).put((byte) 0x82).put((byte) 127).putLong(size);
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) 7);
        try (RawServer server = new RawServer((socket, accept) -> {
            OutputStream out = socket.getOutputStream();
            out.write(RawServer.upgrade(accept).getBytes(StandardCharsets.ISO_8859_1));
            out.write(h.array());
            for (int sent = 0; sent < size; sent += chunk.length) {
                out.write(chunk);
            }
            out.write(FrameEncoder.close(1000, "done").encode());
            out.flush();
            socket.getInputStream().read(new byte[64]);
        })) {
            Connection c = Captures.open(ConnectionSpec.to(server.uri("/")).withMaxMessageBytes(size + 1L));
            Await.until(java.time.Duration.ofSeconds(60), c::ended, "the 256 MiB message and the close");
            CaptureLog log = c.log();
            List<CaptureEvent.FrameEvent> chunks = Captures.frames(log, Direction.IN).stream()
                    .filter(f -> f.header().opcode() == dev.framescope.wire.Opcode.BINARY).toList();
            assertEquals(256, chunks.size(), "1 MiB chunks");
            assertEquals(size, chunks.stream().mapToLong(f -> f.payload().length()).sum());
            assertTrue(log.payloads().bytesSpilled() > 0, "beyond the budget, payloads went to disk");
            CaptureEvent.MessageEvent message = Captures.events(log, CaptureEvent.MessageEvent.class).get(0);
            assertEquals(size, message.header().length());
            assertTrue(message.message().truncated(), "the message keeps its start, counts the rest");
            assertEquals(1000, Captures.events(log, CaptureEvent.CloseEvent.class).get(0).receivedCode().getAsInt());
        }
    }

    @Test
    void anUnresolvableHostFailsWithTheDnsPhaseNamed() throws Exception {
        Connection c = Captures.open(ConnectionSpec.to("ws://no-such-host.invalid/"));
        Await.until(c::ended, "the connection ends");
        assertEquals(ConnectionState.FAILED, c.state());
        assertTrue(c.failure().orElseThrow().startsWith("DNS: cannot resolve host 'no-such-host.invalid'"),
                c.failure().orElseThrow());
    }

    @Test
    void reconnectBackoffGrowsWithJitterAndStopsAtTheCap() {
        ReconnectPolicy policy = ReconnectPolicy.backoff(java.time.Duration.ofMillis(100),
                java.time.Duration.ofSeconds(2), 10);
        java.util.Random random = new java.util.Random(42);
        long previousCap = 0;
        for (int attempt = 1; attempt <= 10; attempt++) {
            long cap = Math.min(100L << (attempt - 1), 2000);
            long delay = policy.delayBefore(attempt, random).toMillis();
            assertTrue(delay >= cap / 2 && delay <= cap, "attempt " + attempt + ": " + delay + " not in [" + cap / 2
                    + ", " + cap + "]");
            assertTrue(cap >= previousCap);
            previousCap = cap;
        }
        assertTrue(policy.allows(10));
        assertFalse(policy.allows(11));
        assertFalse(ReconnectPolicy.OFF.allows(1));
    }
}
