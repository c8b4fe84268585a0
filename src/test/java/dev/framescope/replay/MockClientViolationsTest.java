package dev.framescope.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.testutil.HttpHeads;
import dev.framescope.wire.ClosePayload;
import dev.framescope.wire.DecoderOptions;
import dev.framescope.wire.Frame;
import dev.framescope.wire.FrameDecoder;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A client of the mock that breaks a rule is failed as a conforming server must (RFC 6455 §5.1, §7.1.7), with the
 * rule's code and a reason in words — as our driver's Strict mode says it — never the library's own text
 * ({@code bad rsv RSV1: false RSV2: true RSV3: false}, {@code Received text is no valid utf8 string!}), and an
 * unmasked frame, which the library would take as a message, is refused too. The mock serves the next client.
 */
class MockClientViolationsTest {

    private static final int KEY = 0x01020304;
    private static Recording jsonRpc;

    @BeforeAll
    static void record() throws Exception {
        jsonRpc = Recording.of(DemoRecordings.record(DemoRecordings.JSONRPC));
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("RSV2 without an extension", FrameEncoder.text("x").rsv2(true).masked(KEY).encode(),
                        1002, "reserved bits set: set without a negotiated extension: RSV2"),
                Arguments.of("invalid UTF-8", FrameEncoder.frame(Opcode.TEXT)
                        .payload(new byte[] {'a', (byte) 0xC3, 0x28}).masked(KEY).encode(),
                        1007, "invalid UTF-8 in text message at byte 2 of the message"),
                Arguments.of("reserved opcode 0x3", FrameEncoder.frame(Opcode.TEXT).opcode(0x3)
                        .payload(new byte[] {'x'}).masked(KEY).encode(), 1002, "reserved opcode 0x3"),
                Arguments.of("an unmasked frame", FrameEncoder.text("{\"jsonrpc\":\"2.0\",\"method\":\"add\","
                        + "\"params\":[2,3],\"id\":1}").encode(), 1002,
                        "a client must mask every frame it sends to the server: MASK bit 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void aClientBreakingARuleIsClosedWithTheRulesCodeAndAReasonInWords(String what, byte[] frame, int code,
                                                                      String reason) throws Exception {
        try (MockServer mock = new MockServer(new InetSocketAddress("127.0.0.1", 0), MockScript.of(jsonRpc),
                MockCursor.Match.CONTENT, List.of(), UnmatchedPolicy.IGNORE, true).startAndWait()) {
            ClosePayload close = closeAfter(mock.getPort(), frame);
            assertEquals(code, close.code().orElse(-1), close.describe());
            assertEquals(reason, close.reason());
            assertTrue(mock.unmatched().isEmpty(), "a broken frame is refused, not answered: " + mock.unmatched());
            assertEquals(List.of(new MockServer.Failed(1, code, reason)), mock.failed(), "listed for the user");

            List<Frame> next = servedAnAnswer(mock.getPort());
            assertTrue(new String(next.get(1).payload(), StandardCharsets.UTF_8).contains("\"result\":5"),
                    "the next client is served");
            assertFalse(next.stream().anyMatch(f -> f.header().opcode() == Opcode.CLOSE));
        }
    }

    /** Issue 18's heartbeat: the mock answers a client's ping with a pong carrying its payload (RFC 6455 §5.5.3). */
    @Test
    void aClientsPingIsAnsweredWithItsPayload() throws Exception {
        try (MockServer mock = new MockServer(new InetSocketAddress("127.0.0.1", 0), MockScript.of(jsonRpc),
                MockCursor.Match.CONTENT, List.of(), UnmatchedPolicy.IGNORE, true).startAndWait();
             Socket socket = upgraded(mock.getPort())) {
            socket.getOutputStream().write(FrameEncoder.ping("are you there".getBytes(StandardCharsets.UTF_8))
                    .masked(KEY).encode());
            socket.getOutputStream().flush();
            List<Frame> frames = serverFrames(socket, got -> got.stream()
                    .anyMatch(f -> f.header().opcode() == Opcode.PONG));
            Frame pong = frames.stream().filter(f -> f.header().opcode() == Opcode.PONG).findFirst().orElseThrow();
            assertEquals("are you there", new String(pong.payload(), StandardCharsets.UTF_8));
        }
    }

    /** Upgrades, sends {@code frame}, and returns the close frame the mock answers with. */
    private static ClosePayload closeAfter(int port, byte[] frame) throws IOException {
        try (Socket socket = upgraded(port)) {
            OutputStream out = socket.getOutputStream();
            out.write(frame);
            out.flush();
            return serverFrames(socket, frames -> frames.stream().anyMatch(f -> f.header().opcode() == Opcode.CLOSE))
                    .stream().filter(f -> f.header().opcode() == Opcode.CLOSE)
                    .map(f -> ClosePayload.parse(f.payload())).findFirst()
                    .orElseThrow(() -> new AssertionError("no close frame from the mock"));
        }
    }

    /** A well-behaved client asks what the recording asked: the recorded welcome and answer come back. */
    private static List<Frame> servedAnAnswer(int port) throws IOException {
        try (Socket socket = upgraded(port)) {
            OutputStream out = socket.getOutputStream();
            out.write(FrameEncoder.text("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[2,3],\"id\":1}")
                    .masked(KEY).encode());
            out.flush();
            return serverFrames(socket, frames -> frames.size() >= 2);
        }
    }

    private static Socket upgraded(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET /jsonrpc HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return socket;
    }

    /** The server's frames after its 101, read until {@code enough} holds or the stream ends. */
    private static List<Frame> serverFrames(Socket socket, Predicate<List<Frame>> enough) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] head = HttpHeads.read(in);
        assertTrue(new String(head, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 101"));
        FrameDecoder decoder = new FrameDecoder(Sender.SERVER, DecoderOptions.defaults());
        List<Frame> frames = new ArrayList<>();
        byte[] buffer = new byte[4096];
        while (!enough.test(frames)) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            ByteBuffer bytes = ByteBuffer.wrap(Arrays.copyOf(buffer, n));
            for (Optional<Frame> f = decoder.next(bytes); f.isPresent(); f = decoder.next(bytes)) {
                frames.add(f.get());
            }
        }
        return frames;
    }
}
