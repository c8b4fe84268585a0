package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.ConnectionState;
import dev.framescope.capture.Direction;
import dev.framescope.testutil.Await;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Handshake acceptance is ours (RFC 6455 §4.1, judged by HandshakeChecker item by item): a raw server answers each
 * variant, then sends a text frame and waits for our close. Legal variants open in both modes; illegal ones are
 * recorded with their id in both, refused in Strict mode, and watched on in Observe mode.
 */
class DriverHandshakeTest {

    /** A 101 response for the Accept value, written by each variant its own way. */
    private record Variant(String name, UnaryOperator<String> response) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> legal() {
        return Stream.of(ProtocolMode.values()).flatMap(mode -> Stream.of(
                new Variant("Connection as a token list", a -> "HTTP/1.1 101 Switching Protocols\r\n"
                        + "Upgrade: websocket\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Accept: " + a
                        + "\r\n\r\n"),
                new Variant("Upgrade: WebSocket", a -> "HTTP/1.1 101 Switching Protocols\r\nUpgrade: WebSocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + a + "\r\n\r\n"),
                new Variant("lower-case names", a -> "HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\n"
                        + "connection: upgrade\r\nsec-websocket-accept: " + a + "\r\n\r\n"),
                new Variant("Accept padded with spaces", a -> "HTTP/1.1 101 Switching Protocols\r\n"
                        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept:    " + a + "   \r\n\r\n"),
                new Variant("all at once", a -> "HTTP/1.1 101 Switching Protocols\r\nupgrade: WebSocket\r\n"
                        + "connection: keep-alive, Upgrade\r\nsec-websocket-accept:  " + a + " \r\n\r\n"))
                .map(v -> Arguments.of(mode, v)));
    }

    static Stream<Arguments> illegal() {
        return Stream.of(ProtocolMode.values()).flatMap(mode -> Stream.of(
                Arguments.of(mode, new Variant("missing Upgrade", a -> "HTTP/1.1 101 Switching Protocols\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + a + "\r\n\r\n"),
                        Violation.HANDSHAKE_UPGRADE_HEADER),
                Arguments.of(mode, new Variant("Connection: keep-alive alone", a -> "HTTP/1.1 101 Switching "
                        + "Protocols\r\nUpgrade: websocket\r\nConnection: keep-alive\r\nSec-WebSocket-Accept: " + a
                        + "\r\n\r\n"), Violation.HANDSHAKE_CONNECTION_HEADER),
                Arguments.of(mode, new Variant("wrong Accept", a -> RawServer.upgrade("AAAAAAAAAAAAAAAAAAAAAAAAAAA=")),
                        Violation.HANDSHAKE_ACCEPT_MISMATCH),
                Arguments.of(mode, new Variant("unoffered extension", a -> "HTTP/1.1 101 Switching Protocols\r\n"
                        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + a + "\r\n"
                        + "Sec-WebSocket-Extensions: x-never-offered\r\n\r\n"),
                        Violation.HANDSHAKE_EXTENSION_NOT_OFFERED),
                Arguments.of(mode, new Variant("unoffered subprotocol", a -> "HTTP/1.1 101 Switching Protocols\r\n"
                        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + a + "\r\n"
                        + "Sec-WebSocket-Protocol: never-offered\r\n\r\n"),
                        Violation.HANDSHAKE_SUBPROTOCOL_NOT_OFFERED)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("legal")
    void aLegalResponseIsAccepted(ProtocolMode mode, Variant variant) throws Exception {
        try (RawServer server = new RawServer((socket, accept) -> answerThenTalk(socket, variant.response()
                .apply(accept)))) {
            Connection c = Captures.openAndAwait(ConnectionSpec.to(server.uri("/")).withMode(mode));
            Await.until(() -> Captures.texts(c.log(), Direction.IN).contains("after the upgrade"), "the frame");
            assertEquals(List.of(), Captures.violations(c.log()), Captures.dump(c.log()));
            Captures.closeAndAwait(c);
            assertEquals(ConnectionState.CLOSED, c.state());
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("illegal")
    void anIllegalResponseIsRecordedAndRefusedInStrictMode(ProtocolMode mode, Variant variant, Violation id)
            throws Exception {
        try (RawServer server = new RawServer((socket, accept) -> answerThenTalk(socket, variant.response()
                .apply(accept)))) {
            Connection c = Captures.open(ConnectionSpec.to(server.uri("/")).withMode(mode));
            if (mode == ProtocolMode.STRICT) {
                assertTrue(c.awaitEnded(Duration.ofSeconds(10)), "refused: " + Captures.dump(c.log()));
                assertEquals(ConnectionState.FAILED, c.state());
                assertTrue(c.failure().orElseThrow().contains(id.id()), c.failure().orElseThrow());
                assertTrue(Captures.events(c.log(), CaptureEvent.StateEvent.class).stream()
                        .noneMatch(e -> e.state() == ConnectionState.OPEN), "never open");
            } else {
                assertTrue(c.awaitOpen(Duration.ofSeconds(10)), Captures.dump(c.log()));
                Await.until(() -> Captures.texts(c.log(), Direction.IN).contains("after the upgrade"),
                        "Observe mode watches on");
                Captures.closeAndAwait(c);
                assertEquals(ConnectionState.CLOSED, c.state());
            }
            assertTrue(Captures.violations(c.log()).contains(id), Captures.dump(c.log()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void aStatusOtherThan101IsRefusedInBothModes(ProtocolMode mode) throws Exception {
        try (RawServer server = new RawServer((socket, accept) -> answerThenTalk(socket,
                "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))) {
            Connection c = Captures.open(ConnectionSpec.to(server.uri("/")).withMode(mode));
            assertTrue(c.awaitEnded(Duration.ofSeconds(10)), Captures.dump(c.log()));
            assertEquals(ConnectionState.FAILED, c.state());
            assertTrue(c.failure().orElseThrow().contains("200 OK"), c.failure().orElseThrow());
            assertTrue(Captures.violations(c.log()).contains(Violation.HANDSHAKE_STATUS));
        }
    }

    static Stream<ProtocolMode> modes() {
        return Stream.of(ProtocolMode.values());
    }

    /** Writes the response and a text frame, then reads until the client closes (answering a close frame). */
    private static void answerThenTalk(java.net.Socket socket, String response) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(response.getBytes(StandardCharsets.ISO_8859_1));
        out.write(FrameEncoder.text("after the upgrade").encode());
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if ((buffer[0] & 0x0F) == 0x8) {
                out.write(FrameEncoder.close(1000, "").encode());
                out.flush();
                return;
            }
        }
    }
}
