package dev.framescope.proxy;

import static dev.framescope.testutil.LogQueries.closed;
import static dev.framescope.testutil.LogQueries.dump;
import static dev.framescope.testutil.LogQueries.frames;
import static dev.framescope.testutil.LogQueries.texts;
import static dev.framescope.testutil.LogQueries.violations;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.HttpHeads;
import dev.framescope.testutil.LogQueries;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Violation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The relay with raw peers on both ends: the bytes a client writes reach the server unchanged and the capture holds
 * both directions as they crossed; refusals, garbage and resets are reported without stopping the proxy.
 */
class ProxyRelayTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private static byte[] upgrade(String target, String host) {
        return ("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A fragmented text, a ping, a binary and a close, each with its own masking key. */
    private static byte[] clientFrames() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(FrameEncoder.text("hel").fin(false).masked(0x11223344).encode());
        b.writeBytes(FrameEncoder.ping("p1".getBytes(StandardCharsets.US_ASCII)).masked(0x0a0b0c0d).encode());
        b.writeBytes(FrameEncoder.frame(Opcode.CONTINUATION).payload("lo".getBytes(StandardCharsets.US_ASCII))
                .masked(0x55667788).encode());
        b.writeBytes(FrameEncoder.binary(new byte[] {1, 2, 3}).masked(0x01020304).encode());
        b.writeBytes(FrameEncoder.close(4000, "bye").masked(0x7f7f7f7f).encode());
        return b.toByteArray();
    }

    private static byte[] serverFrames() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(FrameEncoder.text("welcome").encode());
        b.writeBytes(FrameEncoder.pong("p1".getBytes(StandardCharsets.US_ASCII)).encode());
        return b.toByteArray();
    }

    /** The server's script: its frames, then the close echoed once the client's close arrived. */
    private static RecordingServer echoingClose() throws IOException {
        return new RecordingServer(s -> {
            s.getOutputStream().write(serverFrames());
            s.getOutputStream().flush();
        });
    }

    private static byte[] readN(InputStream in, int n) throws IOException {
        return in.readNBytes(n);
    }

    @Test
    void connectTunnelCarriesThePlaintextUpgradeByteForByte() throws Exception {
        try (RecordingServer upstream = echoingClose(); ProxyFixture proxy = new ProxyFixture();
             Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            String authority = "127.0.0.1:" + upstream.port();
            client.getOutputStream().write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String connected = new String(HttpHeads.read(client.getInputStream()), StandardCharsets.US_ASCII);
            assertTrue(connected.startsWith("HTTP/1.1 200"), connected);
            byte[] request = upgrade("/chat", authority);
            client.getOutputStream().write(request);
            client.getOutputStream().write(clientFrames());
            String switched = new String(HttpHeads.read(client.getInputStream()), StandardCharsets.US_ASCII);
            assertTrue(switched.startsWith("HTTP/1.1 101"), switched);
            assertArrayEquals(serverFrames(), readN(client.getInputStream(), serverFrames().length),
                    "the server's frames reach the client unchanged");

            RecordingServer.Peer peer = upstream.peers.get(0);
            byte[] expected = concat(request, clientFrames());
            Await.until(() -> peer.received().length >= expected.length, "the client's bytes at the server");
            assertArrayEquals(expected, peer.received(), "the server received exactly what the client wrote");

            CaptureLog log = proxy.log(0);
            Await.until(() -> texts(log, Direction.IN).contains("welcome")
                    && frames(log, Direction.OUT).size() == 5, "both directions captured");
            List<CaptureEvent.FrameEvent> out = frames(log, Direction.OUT);
            assertEquals(List.of(0x11223344, 0x0a0b0c0d, 0x55667788, 0x01020304, 0x7f7f7f7f),
                    out.stream().map(f -> f.header().maskingKey()).toList(), "the client's own masking keys");
            assertTrue(out.stream().allMatch(f -> f.header().masked()), dump(log));
            assertTrue(frames(log, Direction.IN).stream().noneMatch(f -> f.header().masked()), dump(log));
            assertTrue(log.label().contains("ws://" + authority + "/chat"), log.label());
            assertTrue(violations(log).isEmpty(), dump(log));
        }
    }

    @Test
    void absoluteFormUpgradeGoesOutInOriginFormWithFramesUntouched() throws Exception {
        try (RecordingServer upstream = echoingClose(); ProxyFixture proxy = new ProxyFixture();
             Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            String authority = "127.0.0.1:" + upstream.port();
            byte[] request = upgrade("http://" + authority + "/feed?x=1", authority);
            client.getOutputStream().write(request);
            client.getOutputStream().write(clientFrames());
            String switched = new String(HttpHeads.read(client.getInputStream()), StandardCharsets.US_ASCII);
            assertTrue(switched.startsWith("HTTP/1.1 101"), switched);

            RecordingServer.Peer peer = upstream.peers.get(0);
            Await.until(() -> peer.received().length >= request.length - ("http://" + authority).length()
                    + clientFrames().length, "the client's bytes at the server");
            assertTrue(peer.head.startsWith("GET /feed?x=1 HTTP/1.1\r\n"), peer.head);
            byte[] received = peer.received();
            byte[] frames = Arrays.copyOfRange(received, peer.head.length(), received.length);
            assertArrayEquals(clientFrames(), frames, "frames after the head are the client's bytes");

            CaptureLog log = proxy.log(0);
            Await.until(() -> texts(log, Direction.OUT).contains("hello")
                    && !LogQueries.events(log, CaptureEvent.HandshakeEvent.class).isEmpty(),
                    "the client's message and the server's 101 captured");
            CaptureEvent.HandshakeEvent h = LogQueries.events(log, CaptureEvent.HandshakeEvent.class).get(0);
            assertArrayEquals(request, h.rawRequest(), "the handshake shows the request as the app sent it");
            assertEquals(101, h.status());
        }
    }

    @Test
    void upstreamOutsideTheAllowListIsRefusedWith403NamingTheRule() throws Exception {
        try (ProxyFixture proxy = new ProxyFixture()) {
            String answer = exchange(proxy, "CONNECT 10.11.12.13:443 HTTP/1.1\r\nHost: 10.11.12.13:443\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
            assertTrue(answer.contains("--upstream-allow 127.0.0.0/8,::1"), answer);
            String named = exchange(proxy, "GET http://update.example.test/x HTTP/1.1\r\nHost: update.example.test"
                    + "\r\n\r\n");
            assertTrue(named.startsWith("HTTP/1.1 403"), named);
            assertTrue(named.contains("not looked up"), named);
            assertEquals(2, proxy.server.counts().refused());
        }
    }

    @Test
    void nothingListeningIsA502AndGarbageIsA400WhileTheProxyKeepsServing() throws Exception {
        try (ProxyFixture proxy = new ProxyFixture(); RecordingServer upstream = echoingClose()) {
            int closedPort;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = s.getLocalPort();
            }
            String refused = exchange(proxy, "CONNECT 127.0.0.1:" + closedPort + " HTTP/1.1\r\n\r\n");
            assertTrue(refused.startsWith("HTTP/1.1 502") && refused.contains("cannot reach"), refused);
            String garbage = exchange(proxy, "\u0000\u0001\u0002 nonsense\r\n\r\n");
            assertTrue(garbage.startsWith("HTTP/1.1 400"), garbage);

            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                String authority = "127.0.0.1:" + upstream.port();
                client.getOutputStream().write(upgrade("http://" + authority + "/", authority));
                assertTrue(new String(HttpHeads.read(client.getInputStream()), StandardCharsets.US_ASCII)
                        .startsWith("HTTP/1.1 101"), "still serving after the bad ones");
            }
        }
    }

    @Test
    void anUnmaskedClientFrameAfterTheUpgradeIsFlaggedAndStillRelayed() throws Exception {
        try (RecordingServer upstream = echoingClose(); ProxyFixture proxy = new ProxyFixture();
             Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            String authority = "127.0.0.1:" + upstream.port();
            byte[] request = upgrade("http://" + authority + "/", authority);
            byte[] unmasked = FrameEncoder.text("naked").encode();
            byte[] garbage = {(byte) 0x8f, (byte) 0x85, 0, 0, 0, 0, 1, 2, 3, 4, 5};
            client.getOutputStream().write(request);
            client.getOutputStream().write(unmasked);
            client.getOutputStream().write(garbage);
            HttpHeads.read(client.getInputStream());
            RecordingServer.Peer peer = upstream.peers.get(0);
            Await.until(() -> peer.received().length >= peer.head.length() + unmasked.length + garbage.length,
                    "the broken frames reach the server anyway");
            byte[] received = peer.received();
            assertArrayEquals(concat(unmasked, garbage), Arrays.copyOfRange(received, peer.head.length(),
                    received.length));
            CaptureLog log = proxy.log(0);
            Await.until(() -> violations(log).contains(Violation.UNMASKED_CLIENT_FRAME), "unmasked frame flagged");
            Await.until(() -> violations(log).contains(Violation.RESERVED_OPCODE), "reserved opcode flagged");
        }
    }

    @Test
    void anUpstreamResetMidFrameIsRecordedAndTheProxyServesTheNext() throws Exception {
        byte[] half = Arrays.copyOf(FrameEncoder.binary(new byte[1000]).encode(), 300);
        try (RecordingServer upstream = new RecordingServer(s -> {
                s.getOutputStream().write(half);
                s.getOutputStream().flush();
                s.setSoLinger(true, 0);
                s.close();
            });
             ProxyFixture proxy = new ProxyFixture()) {
            String authority = "127.0.0.1:" + upstream.port();
            for (int i = 0; i < 2; i++) {
                try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                    client.getOutputStream().write(upgrade("http://" + authority + "/", authority));
                    HttpHeads.read(client.getInputStream());
                    client.getInputStream().readAllBytes();
                } catch (IOException e) {
                    // The reset may reach the client as a reset too.
                }
                CaptureLog log = proxy.log(i);
                Await.until(() -> closed(log), "close recorded for connection " + i);
                String text = dump(log);
                assertTrue(violations(log).contains(Violation.ABNORMAL_CLOSURE), text);
                assertTrue(text.contains("300") || text.contains("truncated") || text.contains("ended"), text);
            }
            Await.until(() -> proxy.server.openSockets() == 0, "every socket closed");
        }
    }

    private static String exchange(ProxyFixture proxy, String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
