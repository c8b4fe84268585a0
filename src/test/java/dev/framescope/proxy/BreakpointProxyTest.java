package dev.framescope.proxy;

import static dev.framescope.testutil.LogQueries.closed;
import static dev.framescope.testutil.LogQueries.dump;
import static dev.framescope.testutil.LogQueries.events;
import static dev.framescope.testutil.LogQueries.frames;
import static dev.framescope.testutil.LogQueries.marked;
import static dev.framescope.testutil.LogQueries.markedFrame;
import static dev.framescope.testutil.LogQueries.markedFrames;
import static dev.framescope.testutil.LogQueries.texts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.engine.VirtualScheduler;
import dev.framescope.proxy.ProxyInteropTest.JwsClient;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.HttpHeads;
import dev.framescope.testutil.JettyPeer;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;

/**
 * Breakpoints with real peers: Java-WebSocket's and Jetty 12's clients through the proxy to a Jetty 12 server (and
 * a raw recording server where bytes are compared). Held messages are forwarded, edited, dropped, time out on a
 * virtual clock, or lose their app; injections go both ways. Each check looks at what the far side received and at
 * the capture.
 */
class BreakpointProxyTest {

    private static final String LONG = "compress me, the same words again and again; ".repeat(40);

    private final VirtualScheduler clock = new VirtualScheduler();
    private final List<HeldMessage> held = new CopyOnWriteArrayList<>();
    private final List<HeldMessage> resolved = new CopyOnWriteArrayList<>();

    private Breakpoints rules(String... rules) {
        Breakpoints b = new Breakpoints(Arrays.stream(rules).map(BreakRule::parse).toList(), Duration.ofSeconds(30),
                clock, false);
        b.listen(new Breakpoints.Listener() {
            @Override
            public void held(HeldMessage message) {
                held.add(message);
            }

            @Override
            public void resolved(HeldMessage message) {
                resolved.add(message);
            }
        });
        return b;
    }

    private static JwsClient connect(ProxyFixture proxy, JettyPeer jetty, boolean deflate) throws Exception {
        JwsClient client = new JwsClient(jetty.uri("/echo"), deflate);
        client.setProxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.port())));
        assertTrue(client.connectBlocking(10, TimeUnit.SECONDS), "open through the proxy");
        return client;
    }

    private static List<String> notes(CaptureLog log) {
        return events(log, CaptureEvent.NoteEvent.class).stream().map(CaptureEvent.NoteEvent::text).toList();
    }

    /** Sends hello, an order (held) and after; returns once the hold is there and after reached the proxy. */
    private HeldMessage holdAnOrder(JwsClient client, JettyPeer jetty, CaptureLog log, String order) {
        client.send("hello");
        client.send(order);
        client.send("after");
        Await.until(() -> held.size() == 1, "the order held");
        Await.until(() -> texts(log, Direction.OUT).contains("after"), "the message after it reached the proxy");
        Await.until(() -> jetty.received.contains("hello"), "hello passed");
        assertEquals(List.of("hello"), jetty.received, "the order and what came after it wait at the proxy");
        return held.get(0);
    }

    @Test
    void aHeldMessageForwardedReachesTheServerWithWhatQueuedBehindIt() throws Exception {
        Breakpoints b = rules("out:/echo:text:/order/");
        try (JettyPeer jetty = new JettyPeer(); ProxyFixture proxy = new ProxyFixture(o ->
                o.withBreakpoints(b))) {
            JwsClient client = connect(proxy, jetty, false);
            CaptureLog log = proxy.log(0);
            HeldMessage h = holdAnOrder(client, jetty, log, "order 1");
            assertEquals("order 1", new String(h.payload(), StandardCharsets.UTF_8));
            assertEquals(Sender.CLIENT, h.sender());
            assertTrue(h.frames().get(0).masked(), "its frame as the app sent it");
            assertTrue(h.forward());
            assertFalse(h.drop(), "a hold ends once");
            Await.until(() -> jetty.received.size() == 3, "all three at the server: " + jetty.received);
            assertEquals(List.of("hello", "order 1", "after"), jetty.received);
            Await.until(() -> client.got.size() == 3, "the echoes");
            assertEquals(List.of(h), resolved);
            assertEquals(HeldMessage.Outcome.FORWARDED, h.outcome());
            assertTrue(notes(log).stream().anyMatch(n -> n.startsWith("held at breakpoint 'out:/echo:text:/order/'")),
                    dump(log));
            client.closeBlocking();
        }
    }

    @Test
    void anEditedMessageIsWhatTheServerGetsAndTheCaptureKeepsBoth() throws Exception {
        Breakpoints b = rules("out:*:text:/order/");
        try (JettyPeer jetty = new JettyPeer(); ProxyFixture proxy = new ProxyFixture(o ->
                o.withBreakpoints(b))) {
            JwsClient client = connect(proxy, jetty, false);
            CaptureLog log = proxy.log(0);
            HeldMessage h = holdAnOrder(client, jetty, log, "order 1");
            assertTrue(h.edit("order 2 (edited)".getBytes(StandardCharsets.UTF_8)));
            Await.until(() -> jetty.received.size() == 3, "three at the server: " + jetty.received);
            assertEquals(List.of("hello", "order 2 (edited)", "after"), jetty.received);
            Await.until(() -> client.got.size() == 3, "the echoes");
            assertEquals(List.of("hello", "order 2 (edited)", "after"), client.got);
            assertEquals(List.of("hello", "order 1", "after", "order 2 (edited)"), texts(log, Direction.OUT));
            assertEquals(List.of("replaced → order 1", "edited → order 2 (edited)"), marked(log), dump(log));
            CaptureEvent.FrameEvent original = markedFrame(log, CaptureEvent.RelayMark.REPLACED);
            CaptureEvent.FrameEvent edit = markedFrame(log, CaptureEvent.RelayMark.EDITED);
            assertTrue(edit.header().masked() && edit.header().maskingKey() != original.header().maskingKey(), "a fresh key");
            assertEquals("order 2 (edited)", new String(edit.payload().bytes(), StandardCharsets.UTF_8));
            assertEquals(original.seq(), log.relayMark(edit.seq()).orElseThrow().counterpart().get(0));
            assertEquals(edit.seq(), log.relayMark(original.seq()).orElseThrow().counterpart().get(0));
            String edited = notes(log).stream().filter(n -> n.startsWith("edited at breakpoint")).findFirst()
                    .orElseThrow(() -> new AssertionError(dump(log)));
            assertTrue(edited.contains("\"order 2 (edited)\"") && edited.contains("masking key"), edited);
            client.closeBlocking();
        }
    }

    /**
     * With permessage-deflate and the app's context takeover, an edited compressed message leaves the server's
     * inflater behind the app's compressor: the later compressed message (which refers back into the original)
     * must still inflate at the server, so the proxy re-sends it uncompressed.
     */
    @Test
    void editingACompressedMessageKeepsTheServersInflaterInStep() throws Exception {
        Breakpoints b = rules("out:*:text:/^order/");
        try (JettyPeer jetty = new JettyPeer(); ProxyFixture proxy = new ProxyFixture(o ->
                o.withBreakpoints(b))) {
            HttpClient http = new HttpClient();
            http.getProxyConfiguration().addProxy(new HttpProxy("127.0.0.1", proxy.port()));
            WebSocketClient ws = new WebSocketClient(http);
            ws.start();
            try {
                ProxyInteropTest.JettyListener listener = new ProxyInteropTest.JettyListener();
                ClientUpgradeRequest request = new ClientUpgradeRequest();
                request.addExtensions("permessage-deflate");
                ws.connect(listener, jetty.uri("/echo"), request).get(10, TimeUnit.SECONDS);
                CaptureLog log = proxy.log(0);
                listener.session.sendText(LONG, Callback.NOOP);
                Await.until(() -> jetty.received.size() == 1, "the first message");
                listener.session.sendText("order " + LONG, Callback.NOOP);
                Await.until(() -> held.size() == 1, "the order held");
                assertTrue(held.get(0).compressed(), "it came compressed: " + dump(log));
                assertTrue(held.get(0).edit(("edited " + LONG).getBytes(StandardCharsets.UTF_8)));
                listener.session.sendText("order " + LONG + "!", Callback.NOOP);
                Await.until(() -> held.size() == 2, "the second order held: " + dump(log));
                assertTrue(held.get(1).forward());
                listener.session.sendText(LONG + "?", Callback.NOOP);
                Await.until(() -> jetty.received.size() == 4, "all four at the server: " + jetty.received);
                assertEquals(List.of(LONG, "edited " + LONG, "order " + LONG + "!", LONG + "?"), jetty.received);
                CaptureEvent.FrameEvent edit = markedFrame(log, CaptureEvent.RelayMark.EDITED);
                assertTrue(edit.header().rsv1() && edit.header().masked(), "compressed afresh and masked: " + edit);
                assertEquals("edited " + LONG, new String(edit.inflated().orElseThrow().bytes(), StandardCharsets.UTF_8));
                assertTrue(notes(log).stream().anyMatch(n -> n.startsWith("from here on the app's compressed")),
                        dump(log));
                // The two later messages reached the server uncompressed: the capture holds them as written too.
                Await.until(() -> markedFrames(log).stream().filter(f -> log.relayMark(f.seq()).orElseThrow().mark()
                        == CaptureEvent.RelayMark.RESENT).count() == 2, "both re-sent frames recorded: " + dump(log));
                List<CaptureEvent.FrameEvent> resent = markedFrames(log).stream().filter(f -> log.relayMark(f.seq())
                        .orElseThrow().mark() == CaptureEvent.RelayMark.RESENT).toList();
                List<CaptureEvent.FrameEvent> reframed = markedFrames(log).stream().filter(f -> log.relayMark(f.seq())
                        .orElseThrow().mark() == CaptureEvent.RelayMark.REFRAMED).toList();
                assertEquals(2, reframed.size(), dump(log));
                for (int i = 0; i < 2; i++) {
                    CaptureEvent.FrameEvent sent = resent.get(i);
                    CaptureEvent.FrameEvent arrived = reframed.get(i);
                    assertTrue(!sent.header().rsv1() && sent.header().masked(), "uncompressed, masked: " + sent);
                    assertTrue(arrived.header().rsv1(), "the app's compressed frame: " + arrived);
                    assertEquals(List.of("order " + LONG + "!", LONG + "?").get(i),
                            new String(sent.payload().bytes(), StandardCharsets.UTF_8));
                    assertEquals(arrived.seq(), log.relayMark(sent.seq()).orElseThrow().counterpart().get(0));
                    assertEquals(sent.seq(), log.relayMark(arrived.seq()).orElseThrow().counterpart().get(0));
                }
                listener.session.close(1000, "bye", Callback.NOOP);
                Await.until(() -> jetty.closes.contains("1000 bye"), "a clean close: " + jetty.closes);
            } finally {
                ws.stop();
            }
        }
    }

    @Test
    void aDroppedMessageNeverReachesTheServer() throws Exception {
        Breakpoints b = rules("out:*:text:/order/");
        try (JettyPeer jetty = new JettyPeer(); ProxyFixture proxy = new ProxyFixture(o ->
                o.withBreakpoints(b))) {
            JwsClient client = connect(proxy, jetty, true);
            CaptureLog log = proxy.log(0);
            HeldMessage h = holdAnOrder(client, jetty, log, "order 1");
            assertTrue(h.drop());
            Await.until(() -> jetty.received.size() == 2, "after at the server: " + jetty.received);
            assertEquals(List.of("hello", "after"), jetty.received);
            Await.until(() -> client.got.size() == 2, "the echoes");
            assertEquals(List.of("hello", "order 1", "after"), texts(log, Direction.OUT));
            assertEquals(List.of("dropped → order 1"), marked(log), dump(log));
            assertTrue(markedFrame(log, CaptureEvent.RelayMark.DROPPED).header().masked(), "the app's frame");
            assertTrue(notes(log).stream().anyMatch(n -> n.startsWith("dropped at a breakpoint")), dump(log));
            client.closeBlocking();
        }
    }

    @Test
    void aServerMessageHeldAndEditedReachesTheAppUnmasked() throws Exception {
        Breakpoints b = rules("in:*:text:/secret/");
        try (JettyPeer jetty = new JettyPeer(); ProxyFixture proxy = new ProxyFixture(o ->
                o.withBreakpoints(b))) {
            JwsClient client = connect(proxy, jetty, false);
            client.send("a secret");
            client.send("plain");
            Await.until(() -> held.size() == 1, "the echo held");
            assertEquals(Sender.SERVER, held.get(0).sender());
            Await.until(() -> jetty.received.size() == 2, "both at the server");
            assertEquals(List.of(), client.got, "the echo of plain waits behind the held one");
            assertTrue(held.get(0).edit("redacted".getBytes(StandardCharsets.UTF_8)));
            Await.until(() -> client.got.size() == 2, "both echoes: " + client.got);
            assertEquals(List.of("redacted", "plain"), client.got);
            assertEquals(List.of("replaced ← a secret", "edited ← redacted"), marked(proxy.log(0)));
            assertFalse(markedFrame(proxy.log(0), CaptureEvent.RelayMark.EDITED).header().masked(), "unmasked");
            client.closeBlocking();
        }
    }

    @Test
    void injectedMessagesReachEachSideAsIfFromTheOther() throws Exception {
        Breakpoints b = new Breakpoints(List.of(), Duration.ofSeconds(30), clock, true);
        try (JettyPeer jetty = new JettyPeer(); ProxyFixture proxy = new ProxyFixture(o ->
                o.withBreakpoints(b))) {
            JwsClient client = connect(proxy, jetty, true);
            client.send("first");
            Await.until(() -> client.got.contains("first"), "the echo");
            Interception c = b.connections().get(0);
            assertTrue(c.inject(Sender.CLIENT, Opcode.TEXT, "from the proxy".getBytes(StandardCharsets.UTF_8)));
            Await.until(() -> jetty.received.contains("from the proxy"), "the injection at the server");
            Await.until(() -> client.got.contains("from the proxy"), "and its echo at the app");
            assertTrue(c.inject(Sender.SERVER, Opcode.TEXT, "as if the server".getBytes(StandardCharsets.UTF_8)));
            Await.until(() -> client.got.contains("as if the server"), "the injection at the app: " + client.got);
            assertEquals(List.of("first", "from the proxy"), jetty.received);
            CaptureLog log = proxy.log(0);
            assertTrue(notes(log).stream().anyMatch(n -> n.startsWith("injected toward the server")), dump(log));
            assertEquals(List.of("injected → from the proxy", "injected ← as if the server"), marked(log));
            assertTrue(markedFrame(log, CaptureEvent.RelayMark.INJECTED).header().masked(), "masked toward the server");
            assertEquals(List.of("first", "from the proxy", "as if the server"), texts(log, Direction.IN));
            client.send("last");
            Await.until(() -> client.got.contains("last"), "the connection still works");
            client.closeBlocking();
        }
    }

    @Test
    void closingFromAHoldSendsTheChosenCodeToBothSides() throws Exception {
        Breakpoints b = rules("out:*:text:/order/");
        try (JettyPeer jetty = new JettyPeer(); ProxyFixture proxy = new ProxyFixture(o ->
                o.withBreakpoints(b))) {
            JwsClient client = connect(proxy, jetty, false);
            HeldMessage h = holdAnOrder(client, jetty, proxy.log(0), "order 1");
            assertTrue(h.closeConnection(4321, "stopped at a breakpoint"));
            Await.until(() -> jetty.closes.contains("4321 stopped at a breakpoint"), "the server's close: "
                    + jetty.closes);
            Await.until(() -> client.closeCode == 4321, "the app's close code: " + client.closeCode);
            assertEquals(List.of("hello"), jetty.received);
            assertEquals(HeldMessage.Outcome.CLOSED, h.outcome());
            assertEquals(List.of("dropped → order 1"), marked(proxy.log(0)), dump(proxy.log(0)));
            assertEquals(List.of(4321, 4321), markedFrames(proxy.log(0)).stream().filter(f -> f.close().isPresent())
                    .map(f -> f.close().get().code().orElse(0)).toList(), "the proxy's close frames, both ways");
        }
    }

    private static byte[] upgrade() {
        return ("GET /chat HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Byte for byte: a fragmented message with a ping inside, held, then let go by the timeout on the clock. */
    @Test
    void aHoldThatTimesOutForwardsTheFramesUnchanged() throws Exception {
        Breakpoints b = rules("out:/chat:text:/order/");
        try (RecordingServer upstream = new RecordingServer(s -> { });
             ProxyFixture proxy = new ProxyFixture(o -> o.withReverse(java.net.URI.create("ws://127.0.0.1:"
                     + upstream.port())).withBreakpoints(b));
             Socket app = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            app.getOutputStream().write(upgrade());
            HttpHeads.read(app.getInputStream());
            byte[] first = FrameEncoder.text("ord").fin(false).masked(0x11223344).encode();
            byte[] ping = FrameEncoder.ping("p".getBytes(StandardCharsets.US_ASCII)).masked(0x01010101).encode();
            byte[] last = FrameEncoder.frame(Opcode.CONTINUATION).payload("er".getBytes(StandardCharsets.US_ASCII))
                    .masked(0x55667788).encode();
            byte[] next = FrameEncoder.text("next").masked(0x0a0b0c0d).encode();
            for (byte[] f : List.of(first, ping, last, next)) {
                app.getOutputStream().write(f);
            }
            app.getOutputStream().flush();
            RecordingServer.Peer peer = upstream.peers.get(0);
            int head = upgrade().length;
            Await.until(() -> held.size() == 1, "the order held");
            CaptureLog log = proxy.log(0);
            Await.until(() -> texts(log, Direction.OUT).contains("next"), "next reached the proxy");
            Await.until(() -> peer.received().length == head + ping.length, "the ping went on");
            assertArrayEquals(ping, Arrays.copyOfRange(peer.received(), head, peer.received().length),
                    "a ping no rule names is never held: it goes ahead of the held message");
            assertEquals(2, held.get(0).frames().size());

            clock.advance(Duration.ofSeconds(29));
            assertEquals(HeldMessage.Outcome.HELD, held.get(0).outcome(), "still held before the timeout");
            clock.advance(Duration.ofSeconds(1));
            byte[] expected = concat(ping, first, last, next);
            Await.until(() -> peer.received().length == head + expected.length, "everything at the server");
            assertArrayEquals(expected, Arrays.copyOfRange(peer.received(), head, peer.received().length),
                    "the held frames unchanged, then what queued behind them");
            assertEquals(HeldMessage.Outcome.TIMED_OUT, held.get(0).outcome());
            assertTrue(notes(log).stream().anyMatch(n -> n.startsWith("the hold timed out")), dump(log));
        }
    }

    /**
     * As in the window: every WebSocket gated, no rule. The bytes pass unread but for the frame headers; an injection
     * made while a read has ended inside a fragmented message waits for the message's end, and a rule applied later
     * holds the next message it matches.
     */
    @Test
    void aGateWithoutRulesPassesBytesInjectsAtABoundaryAndTakesARuleAppliedLater() throws Exception {
        Breakpoints gated = new Breakpoints(List.of(), Duration.ofSeconds(30), clock, true);
        gated.listen(new Breakpoints.Listener() {
            @Override
            public void held(HeldMessage message) {
                held.add(message);
            }
        });
        try (RecordingServer upstream = new RecordingServer(s -> { });
             ProxyFixture proxy = new ProxyFixture(o -> o.withReverse(java.net.URI.create("ws://127.0.0.1:"
                     + upstream.port())).withBreakpoints(gated));
             Socket app = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            OutputStream out = app.getOutputStream();
            out.write(upgrade());
            HttpHeads.read(app.getInputStream());
            int head = upgrade().length;
            RecordingServer.Peer peer = upstream.peers.get(0);
            byte[] first = FrameEncoder.text("a long first part").fin(false).masked(0x11223344).encode();
            byte[] ping = FrameEncoder.ping("p".getBytes(StandardCharsets.US_ASCII)).masked(0x01010101).encode();
            byte[] last = FrameEncoder.frame(Opcode.CONTINUATION).payload("end".getBytes(StandardCharsets.US_ASCII))
                    .masked(0x55667788).encode();
            out.write(first, 0, 9);
            out.flush();
            Await.until(() -> peer.received().length == head + 9, "the read cut inside the first frame went on");
            Interception c = gated.connections().get(0);
            assertTrue(c.inject(Sender.CLIENT, Opcode.TEXT, "injected".getBytes(StandardCharsets.UTF_8)));
            out.write(first, 9, first.length - 9);
            out.write(ping);
            out.flush();
            byte[] message = concat(first, ping);
            Await.until(() -> peer.received().length >= head + message.length, "the rest and the ping went on");
            assertArrayEquals(message, Arrays.copyOfRange(peer.received(), head, peer.received().length),
                    "nothing injected inside the fragmented message, the ping not held");
            out.write(last);
            out.flush();
            int injected = 2 + 4 + "injected".length();
            Await.until(() -> peer.received().length == head + message.length + last.length + injected,
                    "the last fragment, then the injection");
            byte[] got = peer.received();
            int at = head + message.length;
            assertArrayEquals(last, Arrays.copyOfRange(got, at, at + last.length));
            at += last.length;
            byte[] text = new byte["injected".length()];
            for (int i = 0; i < text.length; i++) {
                text[i] = (byte) (got[at + 6 + i] ^ got[at + 2 + i % 4]);
            }
            assertEquals((byte) 0x81, got[at], "a masked final text frame");
            assertEquals("injected", new String(text, StandardCharsets.UTF_8));

            gated.setRules(List.of(BreakRule.parse("out:/chat:text:/order/")));
            int before = got.length;
            byte[] order = FrameEncoder.text("an order").masked(0x0a0b0c0d).encode();
            byte[] after = FrameEncoder.text("after").masked(0x0a0b0c0e).encode();
            out.write(order);
            out.write(after);
            out.flush();
            Await.until(() -> held.size() == 1, "the rule applied later holds the order");
            CaptureLog log = proxy.log(0);
            Await.until(() -> texts(log, Direction.OUT).contains("after"), "after reached the proxy");
            assertEquals(before, peer.received().length, "the order and what came after it wait at the proxy");
            assertTrue(held.get(0).forward());
            Await.until(() -> peer.received().length == before + order.length + after.length, "both went on");
            assertArrayEquals(concat(order, after), Arrays.copyOfRange(peer.received(), before,
                    peer.received().length), "unchanged, in order");
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    @Test
    void anAppThatVanishesWhileItsMessageIsHeldIsRecordedAndTheProxyGoesOn() throws Exception {
        Breakpoints b = rules("out:*:text:/order/");
        try (JettyPeer jetty = new JettyPeer(); ProxyFixture proxy = new ProxyFixture(o ->
                o.withBreakpoints(b))) {
            JwsClient client = connect(proxy, jetty, false);
            CaptureLog log = proxy.log(0);
            holdAnOrder(client, jetty, log, "order 1");
            client.getSocket().setSoLinger(true, 0);
            client.getSocket().close();
            Await.until(() -> resolved.size() == 1, "the hold settled");
            assertEquals(HeldMessage.Outcome.GONE, held.get(0).outcome());
            Await.until(() -> closed(log), "the connection recorded as ended: " + dump(log));
            String gone = notes(log).stream().filter(n -> n.startsWith("the app went away while")).findFirst()
                    .orElseThrow(() -> new AssertionError(dump(log)));
            assertTrue(gone.contains("text message (7 bytes)") && gone.contains("not forwarded"), gone);
            assertEquals(List.of("hello"), jetty.received);
            assertEquals(List.of("dropped → order 1"), marked(log), "not forwarded");

            JwsClient second = connect(proxy, jetty, false);
            second.send("still serving");
            Await.until(() -> second.got.contains("still serving"), "the proxy serves the next app");
            second.closeBlocking();
            assertTrue(b.connections().size() <= 1, "the vanished connection left the list");
            assertFalse(frames(log, Direction.OUT).isEmpty());
        }
    }
}
