package dev.framescope.wire;

import static dev.framescope.wire.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.MemoryBudget;
import dev.framescope.capture.PayloadStore;
import dev.framescope.engine.WireReplay;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every rule in the catalogue is raised by something: one fixture per {@link Violation} id, run through the code
 * that checks it (the dissector, the handshake checker, or the recorder fed bytes on both sides as a live
 * connection's would be). A new id without an entry here fails {@link #everyRuleHasAFixture}; the legal look-alikes
 * live with each rule's own tests (StreamFixturesTest, FrameDecoderTest, HandshakeTest, PermessageDeflateTest,
 * HeartbeatRecordingTest).
 */
class ViolationCoverageTest {

    private static final String HELLO = "810548656c6c6f";

    /** A way to run bytes through the code and collect the rules it reports. */
    private record Fixture(String what, Supplier<List<Violation>> raised) {
    }

    private static final Map<Violation, Fixture> FIXTURES = new EnumMap<>(Violation.class);

    private static void add(Violation v, String what, Supplier<List<Violation>> raised) {
        FIXTURES.put(v, new Fixture(what, raised));
    }

    static {
        // RFC 6455 §5: frames and messages, through the whole dissector.
        stream(Violation.MASKED_SERVER_FRAME, Sender.SERVER, 0, "818537fa213d7f9f4d5158");
        stream(Violation.UNMASKED_CLIENT_FRAME, Sender.CLIENT, 0, HELLO);
        stream(Violation.RESERVED_BITS, Sender.SERVER, 0, "a10548656c6c6f");
        stream(Violation.RESERVED_OPCODE, Sender.SERVER, 0, "830548656c6c6f");
        stream(Violation.NON_MINIMAL_LENGTH, Sender.SERVER, 0, "827e00050102030405");
        stream(Violation.LENGTH_MSB_SET, Sender.SERVER, 0, "827f8000000000000005");
        stream(Violation.CONTROL_FRAME_TOO_LONG, Sender.SERVER, 0, "897e007e" + "00".repeat(126));
        stream(Violation.FRAGMENTED_CONTROL_FRAME, Sender.SERVER, 0, "0900");
        stream(Violation.CONTINUATION_WITHOUT_START, Sender.SERVER, 0, "80026c6f");
        stream(Violation.DATA_FRAME_DURING_FRAGMENTED_MESSAGE, Sender.SERVER, 0, "010348656c" + HELLO);
        stream(Violation.INVALID_UTF8, Sender.SERVER, 0, "8102c328");
        stream(Violation.CLOSE_PAYLOAD_ONE_BYTE, Sender.SERVER, 0, "880103");
        stream(Violation.INVALID_CLOSE_CODE, Sender.SERVER, 0, "880203ed");
        stream(Violation.INVALID_CLOSE_REASON_UTF8, Sender.SERVER, 0, "880403e8c328");
        stream(Violation.DATA_AFTER_CLOSE, Sender.SERVER, 0, "880203e8" + HELLO);
        stream(Violation.TRUNCATED_FRAME, Sender.SERVER, 0, "810548656c");
        stream(Violation.DESYNCHRONIZED, Sender.SERVER, 0, "827fffffffffffffffff" + "00".repeat(16));
        // RFC 7692: permessage-deflate.
        stream(Violation.RSV1_ON_CONTINUATION, Sender.SERVER, 15, "4103f248cd c004c9c90700");
        stream(Violation.RSV1_ON_CONTROL_FRAME, Sender.SERVER, 15, "c900");
        stream(Violation.DEFLATE_ERROR, Sender.SERVER, 15, "c104ffffffff");
        stream(Violation.DEFLATE_WINDOW_EXCEEDED, Sender.SERVER, 9,
                PermessageDeflateTest.STORED_520_A + PermessageDeflateTest.MATCH_520_BACK);
        add(Violation.INFLATE_LIMIT_EXCEEDED, "a 1 MiB zero run inflated with a 1000-byte limit", () -> {
            StreamDissector d = new StreamDissector(Sender.SERVER);
            d.enableDeflate(15, true, 1000);
            return ids(d, hex("c112" + "62601805a360148c8251300a46c150070000"));
        });
        // RFC 6455 §4 and §9, RFC 7692 §7.1: the opening handshake.
        add(Violation.HANDSHAKE_MALFORMED, "a head that is not HTTP",
                () -> HttpHeadParser.parse(ascii("\u0000\u0001garbage\r\nno colon here\r\n\r\n")).findings().stream()
                        .map(Finding::violation).toList());
        handshake(Violation.HANDSHAKE_REQUEST_INVALID, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", HandshakeTest.RESPONSE);
        handshake(Violation.HANDSHAKE_STATUS, HandshakeTest.REQUEST, "HTTP/1.1 200 OK\r\n\r\n");
        handshake(Violation.HANDSHAKE_UPGRADE_HEADER, HandshakeTest.REQUEST,
                HandshakeTest.RESPONSE.replace("Upgrade: websocket\r\n", ""));
        handshake(Violation.HANDSHAKE_CONNECTION_HEADER, HandshakeTest.REQUEST,
                HandshakeTest.RESPONSE.replace("Connection: Upgrade", "Connection: keep-alive"));
        handshake(Violation.HANDSHAKE_ACCEPT_MISMATCH, HandshakeTest.REQUEST,
                HandshakeTest.RESPONSE.replace("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", "AAAAAAAAAAAAAAAAAAAAAAAAAAA="));
        handshake(Violation.HANDSHAKE_SUBPROTOCOL_NOT_OFFERED, HandshakeTest.REQUEST,
                HandshakeTest.RESPONSE.replace("Protocol: chat", "Protocol: mqtt"));
        handshake(Violation.HANDSHAKE_EXTENSION_NOT_OFFERED, HandshakeTest.REQUEST,
                withExtensions("x-webkit-deflate-frame"));
        handshake(Violation.EXTENSION_HEADER_MALFORMED, HandshakeTest.REQUEST, withExtensions(", ;"));
        handshake(Violation.DEFLATE_PARAM_NOT_OFFERED,
                HandshakeTest.REQUEST.replace("permessage-deflate; client_max_window_bits", "permessage-deflate"),
                withExtensions("permessage-deflate; client_max_window_bits=10"));
        handshake(Violation.DEFLATE_PARAM_INVALID, HandshakeTest.REQUEST,
                withExtensions("permessage-deflate; server_max_window_bits=7"));
        // Rules that relate both directions or the end of TCP: the recorder, fed both sides' bytes.
        add(Violation.ABNORMAL_CLOSURE, "TCP ends after the upgrade without a close frame", () -> replay(r -> { }));
        add(Violation.PONG_PAYLOAD_MISMATCH, "our ping \"fs-hb-1\" waits; the server pongs \"zzz\"", () -> replay(r -> {
            frame(r, Sender.CLIENT, FrameEncoder.ping(utf8("fs-hb-1")).masked(0x01020304).encode());
            frame(r, Sender.SERVER, FrameEncoder.pong(utf8("zzz")).encode());
        }));
    }

    /**
     * Rules only our protocol driver can raise, because they need a live socket and a clock: the engine test that
     * raises each. The test must exist and name the rule.
     */
    private static final Map<Violation, String> ENGINE_TESTS = Map.of(Violation.SERVER_KEPT_TCP_OPEN,
            "dev.framescope.engine.DriverCloseTest#aServerThatKeepsTcpOpenAfterTheCloseHandshakeIsRecordedAndClosedByUs");

    @Test
    void rulesRaisedOnlyOnALiveConnectionNameTheEngineTestThatRaisesThem() throws Exception {
        for (Map.Entry<Violation, String> e : ENGINE_TESTS.entrySet()) {
            String[] at = e.getValue().split("#");
            Class<?> test = Class.forName(at[0]);
            test.getDeclaredMethod(at[1]);
            java.nio.file.Path source = java.nio.file.Path.of("src/test/java", at[0].replace('.', '/') + ".java");
            assertTrue(java.nio.file.Files.readString(source).contains("Violation." + e.getKey().name()),
                    at[0] + " should assert " + e.getKey());
        }
    }

    @Test
    void everyRuleHasAFixture() {
        List<Violation> missing = new ArrayList<>();
        for (Violation v : Violation.values()) {
            if (!FIXTURES.containsKey(v) && !ENGINE_TESTS.containsKey(v)) {
                missing.add(v);
            }
        }
        assertTrue(missing.isEmpty(), "no fixture raises " + missing + ": add one to ViolationCoverageTest (and a "
                + "legal look-alike next to the rule's own tests)");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Violation.class)
    void itsFixtureRaisesIt(Violation rule) {
        Fixture fixture = FIXTURES.get(rule);
        if (fixture == null) {
            return; // reported by everyRuleHasAFixture
        }
        List<Violation> raised = fixture.raised().get();
        assertTrue(raised.contains(rule), rule + " not raised by " + fixture.what() + "; raised " + raised);
    }

    private static void stream(Violation v, Sender sender, int windowBits, String bytes) {
        add(v, sender + " bytes " + bytes.substring(0, Math.min(40, bytes.length())), () -> {
            StreamDissector d = new StreamDissector(sender);
            if (windowBits > 0) {
                d.enableDeflate(windowBits, true, StreamDissector.DEFAULT_INFLATE_LIMIT);
            }
            return ids(d, hex(bytes));
        });
    }

    private static List<Violation> ids(StreamDissector d, byte[] bytes) {
        List<Violation> ids = new ArrayList<>();
        for (Dissected item : d.feed(bytes)) {
            if (item instanceof Dissected.FrameItem f) {
                f.findings().forEach(x -> ids.add(x.violation()));
            } else if (item instanceof Dissected.MessageItem m) {
                m.message().findings().forEach(x -> ids.add(x.violation()));
            }
        }
        d.endOfStream().forEach(x -> ids.add(x.violation()));
        return ids;
    }

    private static void handshake(Violation v, String request, String response) {
        add(v, "the response " + response.replace("\r\n", " | "), () -> HandshakeChecker.check(
                HttpHeadParser.parseRequest(ascii(request)).orElseThrow(),
                HttpHeadParser.parseResponse(ascii(response)).orElseThrow()).findings().stream()
                .map(Finding::violation).toList());
    }

    private static String withExtensions(String value) {
        return HandshakeTest.RESPONSE.replace("\r\n\r\n", "\r\nSec-WebSocket-Extensions: " + value + "\r\n\r\n");
    }

    private static List<Violation> replay(java.util.function.Consumer<WireReplay> script) {
        CaptureLog log = new CaptureLog(1, "ws://127.0.0.1/",
                new PayloadStore(MemoryBudget.forThisJvm(OptionalLong.empty())));
        WireReplay replay = new WireReplay(log);
        byte[] request = ascii("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        replay.bytes(Sender.CLIENT, request, 0, request.length, 1);
        byte[] response = ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");
        replay.bytes(Sender.SERVER, response, 0, response.length, 2);
        script.accept(replay);
        replay.end(1_000);
        return log.readFrom(0, log.size()).stream().flatMap(e -> e.findings().stream()).map(Finding::violation)
                .toList();
    }

    private static void frame(WireReplay replay, Sender from, byte[] bytes) {
        replay.bytes(from, bytes, 0, bytes.length, 10);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
