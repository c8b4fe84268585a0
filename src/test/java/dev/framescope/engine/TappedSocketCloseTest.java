package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.MemoryBudget;
import dev.framescope.capture.PayloadStore;
import dev.framescope.wire.Handshake;
import dev.framescope.wire.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Who ended TCP decides who is blamed for a missing close frame: the server when it ended the stream, us when we
 * closed the socket first without one (an upgrade cancelled, or refused by the library).
 */
class TappedSocketCloseTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    /** A connected pair on loopback: the tapped client side, upgraded, and the server's end. */
    private record Pair(TappedSocket client, Socket server, CaptureLog log) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            client.close();
            server.close();
            log.close();
        }
    }

    private static Pair upgraded() throws IOException {
        CaptureLog log = new CaptureLog(1, "ws://127.0.0.1/", new PayloadStore(MemoryBudget.forThisJvm(java.util.OptionalLong.empty())));
        ConnectionRecorder recorder = new ConnectionRecorder(log, 1 << 20, System::nanoTime, true);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket raw = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            Socket server = listener.accept();
            TappedSocket client = new TappedSocket(raw, recorder, System::nanoTime);
            client.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] response = RawServer.upgrade(Handshake.acceptFor(KEY)).getBytes(StandardCharsets.ISO_8859_1);
            server.getOutputStream().write(response);
            InputStream in = client.getInputStream();
            int read = 0;
            while (read < response.length) {
                read += in.read(new byte[response.length], 0, response.length - read);
            }
            return new Pair(client, server, log);
        }
    }

    @Test
    void closingTheSocketFirstIsNotBlamedOnTheServer() throws Exception {
        try (Pair p = upgraded()) {
            assertTrue(Captures.handshake(p.log()).orElseThrow().acceptOk());
            p.client().close();
            byte[] untilEnd = p.server().getInputStream().readAllBytes();
            assertTrue(new String(untilEnd, StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n"),
                    "the server saw our request, then our end of TCP");
            assertFalse(Captures.violations(p.log()).contains(Violation.ABNORMAL_CLOSURE), Captures.dump(p.log()));
            assertTrue(Captures.events(p.log(), CaptureEvent.NoteEvent.class).stream()
                    .anyMatch(n -> n.text().startsWith("we closed the TCP connection after 129 bytes")),
                    Captures.dump(p.log()));
            CaptureEvent.CloseEvent close = Captures.events(p.log(), CaptureEvent.CloseEvent.class).get(0);
            assertFalse(close.clean());
        }
    }

    @Test
    void theServerEndingTcpWithoutACloseFrameIsAnAbnormalClosure() throws Exception {
        try (Pair p = upgraded()) {
            p.server().close();
            assertEquals(-1, p.client().getInputStream().read());
            assertTrue(Captures.violations(p.log()).contains(Violation.ABNORMAL_CLOSURE), Captures.dump(p.log()));
        }
    }
}
