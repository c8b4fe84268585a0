package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.JettyPeer;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine against Jetty 12: what we record must match what Jetty sent and received. */
class JettyInteropTest {

    private static JettyPeer jetty;

    @BeforeAll
    static void start() throws Exception {
        jetty = new JettyPeer();
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.close();
    }

    @Test
    void echoedMessagesMatchWhatJettySawAndTheHandshakeChecksOut() throws Exception {
        Connection c = Captures.openAndAwait(ConnectionSpec.to(jetty.uri("/echo")).withHeader("X-Trace", "t-1"));
        c.sendText("one");
        c.sendFragmented(Opcode.TEXT, "two in four parts".getBytes(StandardCharsets.UTF_8), 4);
        c.sendBinary(new byte[300]);
        CaptureLog log = c.log();
        Await.until(() -> Captures.texts(log, Direction.IN).size() == 2, "two echoes");
        Captures.closeAndAwait(c);

        assertTrue(jetty.received.containsAll(List.of("one", "two in four parts", "binary:300")), jetty.received.toString());
        assertEquals(List.of("one", "two in four parts"), Captures.texts(log, Direction.OUT));
        assertEquals(List.of("one", "two in four parts"), Captures.texts(log, Direction.IN));
        List<CaptureEvent.FrameEvent> out = Captures.frames(log, Direction.OUT);
        assertTrue(out.stream().allMatch(f -> f.header().masked()), "every client frame is masked");
        assertEquals(4, out.stream().filter(f -> f.messageOpcode().isPresent() && f.header().opcode() != Opcode.BINARY
                && !"one".equals(new String(f.payload().bytes(), StandardCharsets.UTF_8))).count());
        CaptureEvent.HandshakeEvent h = Captures.handshake(log).orElseThrow();
        assertEquals(101, h.status());
        assertTrue(h.acceptOk());
        assertTrue(new String(h.rawRequest(), StandardCharsets.ISO_8859_1).contains("X-Trace: t-1\r\n"));
        assertEquals(List.of(), Captures.violations(log), Captures.dump(log));
        CaptureEvent.CloseEvent close = Captures.events(log, CaptureEvent.CloseEvent.class).get(0);
        assertTrue(close.clean());
        assertEquals(CaptureEvent.Initiator.CLIENT, close.initiator());
    }

    @ParameterizedTest
    @ValueSource(strings = {"permessage-deflate", "permessage-deflate; client_max_window_bits",
        "permessage-deflate; client_no_context_takeover; server_no_context_takeover"})
    void permessageDeflateBothWays(String offer) throws Exception {
        Connection c = Captures.openAndAwait(ConnectionSpec.to(jetty.uri("/echo")).withExtensionOffers(List.of(offer)));
        String text = "{\"compress\":\"" + "me ".repeat(100) + "\"}";
        c.sendText(text);
        c.sendText(text);
        CaptureLog log = c.log();
        Await.until(() -> Captures.texts(log, Direction.IN).size() == 2, "two echoes");
        Captures.closeAndAwait(c);

        assertEquals(List.of(text, text), Captures.texts(log, Direction.IN));
        assertEquals(List.of(text, text), jetty.received.subList(jetty.received.size() - 2, jetty.received.size()));
        CaptureEvent.NegotiationEvent n = Captures.events(log, CaptureEvent.NegotiationEvent.class).get(0);
        assertTrue(n.accepted().startsWith("permessage-deflate"), n.accepted());
        assertEquals(List.of(), n.findings());
        List<CaptureEvent.FrameEvent> in = Captures.frames(log, Direction.IN).stream()
                .filter(f -> f.header().opcode() == Opcode.TEXT).toList();
        assertTrue(in.stream().allMatch(f -> f.header().rsv1() && f.inflated().isPresent()), "server compressed");
        assertTrue(in.get(0).payload().length() < text.length() / 4);
        assertTrue(Captures.frames(log, Direction.OUT).stream().filter(f -> f.header().opcode() == Opcode.TEXT)
                .allMatch(f -> f.header().rsv1()), "we compressed");
        assertEquals(List.of(), Captures.violations(log), Captures.dump(log));
    }

    @Test
    void subprotocolSelectedByTheServerIsRecorded() throws Exception {
        Connection c = Captures.openAndAwait(ConnectionSpec.to(jetty.uri("/proto"))
                .withSubprotocols(List.of("v1.chat", "v2.chat")));
        Captures.closeAndAwait(c);
        assertEquals(Optional.of("v2.chat"), Captures.handshake(c.log()).orElseThrow().subprotocol());
    }

    @Test
    void serverFragmentsPingsAndCloseCodes() throws Exception {
        Connection c = Captures.open(ConnectionSpec.to(jetty.uri("/script")));
        Await.until(c::ended, "the server closes");
        CaptureLog log = c.log();
        assertEquals(List.of("fragmented"), Captures.texts(log, Direction.IN));
        List<CaptureEvent.FrameEvent> in = Captures.frames(log, Direction.IN);
        assertEquals(List.of(Opcode.TEXT, Opcode.PING, Opcode.CONTINUATION, Opcode.CLOSE),
                in.stream().map(f -> f.header().opcode()).toList());
        assertFalse(in.get(0).header().fin());
        assertTrue(Captures.frames(log, Direction.OUT).stream().anyMatch(f -> f.header().opcode() == Opcode.PONG
                && "jetty-ping".equals(new String(f.payload().bytes(), StandardCharsets.UTF_8))), "we answered the ping");
        CaptureEvent.CloseEvent close = Captures.events(log, CaptureEvent.CloseEvent.class).get(0);
        assertEquals(CaptureEvent.Initiator.SERVER, close.initiator());
        assertEquals(4001, close.receivedCode().getAsInt());
        assertEquals("script done", close.receivedReason());
        assertTrue(close.clean(), Captures.dump(log));
        assertFalse(Captures.violations(log).contains(Violation.ABNORMAL_CLOSURE));
    }

    @Test
    void heartbeatMeasuresRoundTripsAgainstJettysPongs() throws Exception {
        Connection c = Captures.openAndAwait(ConnectionSpec.to(jetty.uri("/echo"))
                .withHeartbeat(HeartbeatPolicy.every(java.time.Duration.ofMillis(50))));
        CaptureLog log = c.log();
        Await.until(() -> Captures.events(log, CaptureEvent.HeartbeatEvent.class).stream()
                .filter(h -> h.kind() == CaptureEvent.HeartbeatKind.PONG_RECEIVED).count() >= 3, "3 pongs");
        Captures.closeAndAwait(c);
        var stats = dev.framescope.capture.HeartbeatStats.of(log);
        assertTrue(stats.count() >= 3);
        assertTrue(stats.min() > 0 && stats.min() <= stats.median() && stats.median() <= stats.max());
    }
}
