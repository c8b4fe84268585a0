package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.ConnectionState;
import dev.framescope.capture.Direction;
import dev.framescope.demo.DemoServer;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.SharedDemo;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Heartbeat reactions, reconnect, raw frames and the CONNECT proxy, against the demo endpoint. */
class EnginePoliciesTest {

    private static final DemoServer demo = SharedDemo.server();

    @Test
    void aMissedPongIsReportedAndClosesWhenThePolicySaysSo() throws Exception {
        HeartbeatPolicy policy = HeartbeatPolicy.every(Duration.ofMillis(50)).withPongTimeout(Duration.ofMillis(100))
                .onMissed(HeartbeatPolicy.OnMissed.CLOSE);
        VirtualScheduler clock = new VirtualScheduler();
        Connection c = Captures.openAndAwait(Engine.on(clock, EngineSettings.DEFAULTS),
                ConnectionSpec.to(demo.uri("/heartbeat?interval=100000&pongDelay=2000")).withHeartbeat(policy));
        clock.advance(Duration.ofMillis(50));
        Await.until(() -> Captures.events(c.log(), CaptureEvent.HeartbeatEvent.class).stream()
                .anyMatch(h -> h.kind() == CaptureEvent.HeartbeatKind.PING_SENT), "our heartbeat ping went out");
        clock.advance(Duration.ofMillis(99));
        assertFalse(c.state() == ConnectionState.CLOSING || c.ended(), "the pong timeout has not passed");
        clock.advance(Duration.ofMillis(1));
        Await.until(c::ended, "closed after a missed pong");
        CaptureLog log = c.log();
        assertTrue(Captures.events(log, CaptureEvent.HeartbeatEvent.class).stream()
                .anyMatch(h -> h.kind() == CaptureEvent.HeartbeatKind.PONG_MISSED));
        CaptureEvent.CloseEvent close = Captures.events(log, CaptureEvent.CloseEvent.class).get(0);
        assertEquals(1001, close.sentCode().getAsInt());
        assertTrue(close.sentReason().startsWith("heartbeat: no pong"), close.sentReason());
    }

    @Test
    void repeatedHeaderNamesGoOutAsOneFieldJoinedTheHttpWay() throws Exception {
        Connection c = Captures.openAndAwait(ConnectionSpec.to(demo.uri("/echo")).withHeader("X-Trace", "a")
                .withHeader("x-trace", "b").withHeader("Cookie", "s=1").withHeader("COOKIE", "t=2"));
        CaptureEvent.HandshakeEvent hs = Captures.events(c.log(), CaptureEvent.HandshakeEvent.class).get(0);
        var sent = dev.framescope.wire.HttpHeadParser.parseRequest(hs.rawRequest()).orElseThrow().headers();
        assertEquals(List.of("a, b"), sent.all("X-Trace"));
        assertEquals(List.of("s=1; t=2"), sent.all("Cookie"));
        Captures.closeAndAwait(c);
    }

    @Test
    void reconnectsAfterAnAbnormalCloseWithinItsAttempts() throws Exception {
        Connection c = Captures.open(ConnectionSpec.to(demo.uri("/close/1011"))
                .withReconnect(ReconnectPolicy.backoff(Duration.ofMillis(10), Duration.ofMillis(40), 2)));
        Await.until(c::ended, "gave up after its attempts");
        long opens = Captures.events(c.log(), CaptureEvent.StateEvent.class).stream()
                .filter(s -> s.state() == ConnectionState.OPEN).count();
        assertEquals(3, opens, "the first connection and two reconnects");
        assertEquals(3, Captures.events(c.log(), CaptureEvent.CloseEvent.class).size());
    }

    @Test
    void aCraftedRawFrameGoesOutAsWrittenAndIsFlagged() throws Exception {
        Connection c = Captures.openAndAwait(ConnectionSpec.to(demo.uri("/echo")));
        c.sendRaw(FrameEncoder.text("raw").rsv3(true).masked(0x01020304).encode());
        Await.until(c::ended, "the server fails the connection");
        CaptureEvent.FrameEvent raw = Captures.frames(c.log(), Direction.OUT).stream()
                .filter(f -> f.header().rsv3()).findFirst().orElseThrow();
        assertEquals(0x01020304, raw.header().maskingKey());
        assertEquals(Violation.RESERVED_BITS, raw.findings().get(0).violation());
        CaptureEvent.CloseEvent close = Captures.events(c.log(), CaptureEvent.CloseEvent.class).get(0);
        assertEquals(1002, close.receivedCode().getAsInt(), "the server answers a protocol error");
    }

    @Test
    void connectsThroughAnHttpConnectProxy() throws Exception {
        AtomicReference<String> connectLine = new AtomicReference<>("");
        try (ServerSocket proxy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> tunnel(proxy, connectLine), "test-proxy");
            t.setDaemon(true);
            t.start();
            Connection c = Captures.openAndAwait(ConnectionSpec.to(demo.uri("/echo"))
                    .withProxy(new InetSocketAddress("127.0.0.1", proxy.getLocalPort())));
            c.sendText("via proxy");
            Await.until(() -> Captures.texts(c.log(), Direction.IN).contains("via proxy"), "echo through the proxy");
            Captures.closeAndAwait(c);
            assertFalse(Captures.violations(c.log()).contains(Violation.SERVER_KEPT_TCP_OPEN),
                    "the server's end of TCP came through the tunnel: " + Captures.dump(c.log()));
        }
        assertEquals("CONNECT 127.0.0.1:" + demo.getPort() + " HTTP/1.1", connectLine.get());
    }

    /** A one-connection CONNECT proxy: answers 200, then copies bytes both ways. */
    private static void tunnel(ServerSocket proxy, AtomicReference<String> connectLine) {
        try (Socket client = proxy.accept()) {
            InputStream in = client.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.read());
            }
            connectLine.set(head.toString().lines().findFirst().orElse(""));
            String[] target = connectLine.get().split(" ")[1].split(":");
            try (Socket upstream = new Socket(target[0], Integer.parseInt(target[1]))) {
                client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                Thread back = new Thread(() -> copy(upstream, client));
                back.setDaemon(true);
                back.start();
                copy(client, upstream);
            }
        } catch (IOException e) {
            // the test asserts on what arrived
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            // Passes the end of stream on, as a proxy does: the client sees the server end TCP.
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed
        }
    }
}
