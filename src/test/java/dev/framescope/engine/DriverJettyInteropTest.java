package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.JettyPeer;
import dev.framescope.wire.Opcode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our driver against Jetty 12 in both modes: what Jetty received is exactly what we sent — messages, fragments,
 * compressed messages, our pong, our close code — and a conforming server raises nothing in either mode.
 */
class DriverJettyInteropTest {

    private JettyPeer jetty;

    @BeforeEach
    void start() throws Exception {
        jetty = new JettyPeer();
    }

    @AfterEach
    void stop() throws Exception {
        jetty.close();
    }

    @ParameterizedTest
    @EnumSource(ProtocolMode.class)
    void jettyReceivesExactlyWhatWeSentAndOurCloseCode(ProtocolMode mode) throws Exception {
        byte[] small = random(300, 1);
        byte[] large = random(60_000, 2);
        Connection c = Captures.openAndAwait(ConnectionSpec.to(jetty.uri("/echo")).withMode(mode));
        c.sendText("one");
        c.sendFragmented(Opcode.TEXT, "two in four parts, ünïcode split anywhere".getBytes(StandardCharsets.UTF_8), 4);
        c.sendBinary(small);
        c.sendFragmented(Opcode.BINARY, large, 3);
        c.sendText("");
        CaptureLog log = c.log();
        Await.until(() -> Captures.events(log, CaptureEvent.MessageEvent.class).stream()
                .filter(m -> m.dir() == Direction.IN).count() == 5, "five echoes");
        c.close(4000, "done here");
        Await.until(c::ended, "closed");

        assertEquals(List.of("one", "two in four parts, ünïcode split anywhere", "binary:300", "binary:60000", ""),
                jetty.received);
        assertArrayEquals(small, jetty.binaries.get(0));
        assertArrayEquals(large, jetty.binaries.get(1));
        Await.until(() -> jetty.closes.contains("4000 done here"), "Jetty saw our close code and reason");
        assertEquals(List.of(), Captures.violations(log), Captures.dump(log));
        CaptureEvent.CloseEvent close = Captures.events(log, CaptureEvent.CloseEvent.class).get(0);
        assertTrue(close.clean(), close.toString());
        assertEquals(4000, close.sentCode().getAsInt());
    }

    @ParameterizedTest
    @EnumSource(ProtocolMode.class)
    void permessageDeflateOffersBothWays(ProtocolMode mode) throws Exception {
        for (String offer : List.of("permessage-deflate", "permessage-deflate; client_max_window_bits",
                "permessage-deflate; client_no_context_takeover; server_no_context_takeover")) {
            jetty.received.clear();
            Connection c = Captures.openAndAwait(ConnectionSpec.to(jetty.uri("/echo")).withMode(mode)
                    .withExtensionOffers(List.of(offer)));
            String text = "{\"compress\":\"" + "me ".repeat(200) + "\"}";
            byte[] binary = ("binary " + "zz".repeat(500)).getBytes(StandardCharsets.US_ASCII);
            c.sendText(text);
            c.sendText(text);
            c.sendBinary(binary);
            CaptureLog log = c.log();
            Await.until(() -> Captures.events(log, CaptureEvent.MessageEvent.class).stream()
                    .filter(m -> m.dir() == Direction.IN).count() == 3, "three echoes");
            Captures.closeAndAwait(c);
            assertEquals(List.of(text, text, "binary:" + binary.length), jetty.received, offer);
            assertArrayEquals(binary, jetty.binaries.get(jetty.binaries.size() - 1), offer);
            assertTrue(Captures.frames(log, Direction.OUT).stream().filter(f -> f.header().opcode() == Opcode.TEXT)
                    .allMatch(f -> f.header().rsv1() && f.payload().length() < text.length() / 4), "we compressed");
            assertEquals(List.of(), Captures.violations(log), offer + "\n" + Captures.dump(log));
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolMode.class)
    void serverPingFragmentsAndCloseCode(ProtocolMode mode) throws Exception {
        Connection c = Captures.open(ConnectionSpec.to(jetty.uri("/script")).withMode(mode));
        Await.until(c::ended, "the server closes");
        CaptureLog log = c.log();
        assertEquals(List.of("fragmented"), Captures.texts(log, Direction.IN));
        assertTrue(Captures.frames(log, Direction.OUT).stream().anyMatch(f -> f.header().opcode() == Opcode.PONG
                && "jetty-ping".equals(new String(f.payload().bytes(), StandardCharsets.UTF_8))), "our pong");
        CaptureEvent.CloseEvent close = Captures.events(log, CaptureEvent.CloseEvent.class).get(0);
        assertEquals(4001, close.receivedCode().getAsInt());
        assertEquals(4001, close.sentCode().getAsInt(), "we echoed the server's code (RFC 6455 §5.5.1)");
        assertTrue(close.clean(), Captures.dump(log));
        assertEquals(List.of(), Captures.violations(log), Captures.dump(log));
    }

    @ParameterizedTest
    @EnumSource(ProtocolMode.class)
    void jettyGetsOurPongToItsPing(ProtocolMode mode) throws Exception {
        Connection c = Captures.openAndAwait(ConnectionSpec.to(jetty.uri("/pinger")).withMode(mode));
        Await.until(() -> jetty.pongs.contains("jetty-ping-1"), "Jetty received our pong");
        Captures.closeAndAwait(c);
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
