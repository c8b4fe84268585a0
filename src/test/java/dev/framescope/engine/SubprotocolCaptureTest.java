package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.Direction;
import dev.framescope.decode.DecodeInput;
import dev.framescope.decode.Decoded;
import dev.framescope.decode.DecoderRegistry;
import dev.framescope.decode.PayloadDecoder;
import dev.framescope.decode.subprotocol.Call;
import dev.framescope.decode.subprotocol.Flow;
import dev.framescope.decode.subprotocol.GraphqlCorrelator;
import dev.framescope.decode.subprotocol.JsonRpcCorrelator;
import dev.framescope.demo.DemoServer;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.SharedDemo;
import dev.framescope.wire.Message;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The subprotocol demo scenarios captured by the real engine, each captured message decoded by the decoder the
 * registry detects for it (with the negotiated subprotocol), every prefix of each decoded without throwing.
 */
class SubprotocolCaptureTest {

    private static final DemoServer demo = SharedDemo.server();
    private static final DecoderRegistry registry = DecoderRegistry.standard();

    private record Captured(List<CaptureEvent.MessageEvent> messages, Optional<String> subprotocol) {
        List<Decoded> decodedBy(String expectedId) {
            List<Decoded> all = new ArrayList<>();
            for (CaptureEvent.MessageEvent m : messages) {
                DecodeInput input = new DecodeInput(m.message().payload(), m.message().isText(), subprotocol);
                PayloadDecoder decoder = registry.detect(input).orElseThrow(() -> new AssertionError(
                        "nothing detected for " + text(m.message())));
                assertEquals(expectedId, decoder.id(), text(m.message()));
                Decoded d = decoder.decode(input);
                assertTrue(d.complete(), text(m.message()) + " → " + d.failure());
                all.add(d);
                everyPrefix(decoder, input);
            }
            return all;
        }

        List<String> summaries(String expectedId) {
            return decodedBy(expectedId).stream().map(d -> d.summary().orElseThrow()).toList();
        }
    }

    private static String text(Message m) {
        return m.isText() ? new String(m.payload(), StandardCharsets.UTF_8) : HexFormat.of().formatHex(m.payload());
    }

    private static void everyPrefix(PayloadDecoder decoder, DecodeInput input) {
        for (int n = 0; n < input.bytes().length; n++) {
            DecodeInput prefix = new DecodeInput(Arrays.copyOf(input.bytes(), n), input.text(), input.subprotocol());
            decoder.detect(prefix);
            Decoded d = decoder.decode(prefix);
            long length = n;
            d.failure().ifPresent(f -> assertTrue(f.offset() <= length, f.toString()));
        }
    }

    private static Connection open(String path, String... subprotocols) throws InterruptedException {
        return Captures.openAndAwait(ConnectionSpec.to(demo.uri(path)).withSubprotocols(List.of(subprotocols)));
    }

    private static Captured finish(Connection c) throws InterruptedException {
        Captures.closeAndAwait(c);
        Optional<String> subprotocol = Captures.handshake(c.log()).orElseThrow().subprotocol();
        return new Captured(Captures.events(c.log(), CaptureEvent.MessageEvent.class), subprotocol);
    }

    private static long inbound(Connection c) {
        return Captures.events(c.log(), CaptureEvent.MessageEvent.class).stream()
                .filter(m -> m.dir() == Direction.IN).count();
    }

    @Test
    void stomp() throws Exception {
        Connection c = open("/stomp", "v12.stomp");
        c.sendText("CONNECT\naccept-version:1.2\nhost:demo\n\n\0");
        c.sendText("SUBSCRIBE\nid:0\ndestination:/topic/prices\nreceipt:r-1\n\n\0");
        c.sendText("SEND\ndestination:/topic/prices\ncontent-type:text/plain\n\nhello world!\0");
        Await.until(() -> inbound(c) >= 6, "CONNECTED, RECEIPT, 3 MESSAGEs and the echo of SEND");
        Captured captured = finish(c);
        assertEquals(Optional.of("v12.stomp"), captured.subprotocol());
        List<String> summaries = captured.summaries("stomp");
        assertTrue(summaries.contains("STOMP CONNECTED version=1.2"), summaries.toString());
        assertTrue(summaries.contains("STOMP RECEIPT receipt-id=r-1"), summaries.toString());
        assertTrue(summaries.contains("STOMP SEND /topic/prices (12 B)"), summaries.toString());
        assertTrue(summaries.contains("STOMP MESSAGE /topic/prices (12 B)"), summaries.toString());
        assertTrue(summaries.stream().filter(s -> s.startsWith("STOMP MESSAGE")).count() >= 4, summaries.toString());
    }

    @Test
    void mqtt311() throws Exception {
        Connection c = open("/mqtt", "mqtt");
        c.sendBinary(HexFormat.of().parseHex("100f00044d5154540402003c0003667331"));
        c.sendBinary(HexFormat.of().parseHex("820e000100097365" + "6e736f72732f2301"));
        c.sendBinary(HexFormat.of().parseHex("c000"));
        Await.until(() -> inbound(c) >= 6, "CONNACK, SUBACK, 3 PUBLISH, PINGRESP");
        Captured captured = finish(c);
        assertEquals(Optional.of("mqtt"), captured.subprotocol());
        List<String> summaries = captured.summaries("mqtt");
        assertTrue(summaries.contains("MQTT CONNACK rc=0 (Connection Accepted)"), summaries.toString());
        assertTrue(summaries.contains("MQTT SUBACK id=1 Granted QoS 1"), summaries.toString());
        assertTrue(summaries.contains("MQTT PUBLISH sensors/t QoS1 id=1"), summaries.toString());
        assertTrue(summaries.contains("MQTT PINGRESP"), summaries.toString());
    }

    @Test
    void mqtt5() throws Exception {
        Connection c = open("/mqtt?count=1", "mqtt");
        c.sendBinary(HexFormat.of().parseHex("1010" + "00044d51545405020000" + "00" + "0003667331"));
        c.sendBinary(HexFormat.of().parseHex("820d" + "0001" + "00" + "0007612f622f632f64" + "00"));
        Await.until(() -> inbound(c) >= 3, "CONNACK, SUBACK, PUBLISH");
        Captured captured = finish(c);
        List<Decoded> decoded = captured.decodedBy("mqtt");
        assertTrue(decoded.stream().anyMatch(d -> d.tree().path("type").asText().equals("PUBLISH")
                && d.tree().path("version").asText().equals("MQTT 5.0")
                && d.tree().path("topic").asText().equals("a/b/c/d")), decoded.toString());
    }

    @Test
    void jsonRpcWithCorrelatedLatency() throws Exception {
        Connection c = open("/jsonrpc?notify=0");
        c.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":[42,23],\"id\":1}");
        c.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"slow\",\"params\":{\"ms\":150},\"id\":2}");
        c.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"nope\",\"id\":3}");
        c.sendText("[{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2],\"id\":4},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"x\"]}]");
        Await.until(() -> inbound(c) >= 5, "welcome + 4 answers");
        Captured captured = finish(c);
        List<String> summaries = captured.summaries("jsonrpc");
        assertTrue(summaries.contains("jsonrpc notify welcome"), summaries.toString());
        assertTrue(summaries.contains("jsonrpc → subtract id=1"), summaries.toString());
        assertTrue(summaries.contains("jsonrpc ← error -32601 id=3 Method not found"), summaries.toString());

        JsonRpcCorrelator correlator = new JsonRpcCorrelator();
        for (CaptureEvent.MessageEvent m : captured.messages()) {
            correlator.accept(m.dir() == Direction.OUT ? Flow.CLIENT_TO_SERVER : Flow.SERVER_TO_CLIENT, m.nanos(),
                    m.message().payload(), m.seq());
        }
        List<Call> calls = correlator.calls();
        assertEquals(List.of("subtract", "slow", "nope", "add"), calls.stream().map(Call::name).toList());
        assertTrue(calls.stream().allMatch(call -> call.latency().isPresent()), calls.toString());
        assertTrue(calls.get(1).latency().orElseThrow().toMillis() >= 150, calls.get(1).toString());
        assertEquals("error -32601 Method not found", calls.get(2).outcomeText());
        assertEquals(List.of(), correlator.unmatchedResponses());
    }

    @Test
    void graphqlTransportWs() throws Exception {
        Connection c = open("/graphql?count=2", "graphql-transport-ws");
        c.sendText("{\"type\":\"connection_init\",\"payload\":{}}");
        Await.until(() -> inbound(c) >= 1, "connection_ack");
        c.sendText("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription OnTick { tick }\"}}");
        c.sendText("{\"id\":\"2\",\"type\":\"subscribe\",\"payload\":{\"query\":\"query { error }\"}}");
        Await.until(() -> inbound(c) >= 5, "ack, 2 next, complete, error");
        Captured captured = finish(c);
        assertEquals(Optional.of("graphql-transport-ws"), captured.subprotocol());
        List<String> summaries = captured.summaries("graphql");
        assertTrue(summaries.contains("graphql next id=1"), summaries.toString());
        assertTrue(summaries.contains("graphql complete id=1"), summaries.toString());
        GraphqlCorrelator correlator = new GraphqlCorrelator();
        captured.messages().forEach(m -> correlator.accept(m.dir() == Direction.OUT ? Flow.CLIENT_TO_SERVER
                : Flow.SERVER_TO_CLIENT, m.nanos(), m.message().payload(), m.seq()));
        assertEquals("complete", correlator.calls().get(0).outcomeText());
        assertEquals(2, correlator.calls().get(0).responses());
        assertTrue(correlator.calls().get(1).outcomeText().startsWith("error"), correlator.calls().toString());
    }

    @Test
    void socketIo() throws Exception {
        Connection c = open("/socketio?interval=50&ping=100");
        c.sendText("427[\"chat\",\"hi\"]");
        Await.until(() -> Captures.texts(c.log(), Direction.IN).stream().filter(t -> t.startsWith("42[\"tick\""))
                .count() >= 2 && Captures.texts(c.log(), Direction.IN).contains("2"), "ticks and a ping");
        c.sendText("3");
        Await.until(() -> Captures.texts(c.log(), Direction.IN).stream().anyMatch(t -> t.startsWith("437")),
                "the ack");
        Captured captured = finish(c);
        List<String> summaries = captured.summaries("socketio");
        assertTrue(summaries.stream().anyMatch(s -> s.startsWith("engine.io open sid=")), summaries.toString());
        assertTrue(summaries.contains("socket.io CONNECT"), summaries.toString());
        assertTrue(summaries.contains("socket.io EVENT \"tick\""), summaries.toString());
        assertTrue(summaries.contains("socket.io EVENT \"chat\" ack=7"), summaries.toString());
        assertTrue(summaries.contains("socket.io ACK ack=7"), summaries.toString());
        assertTrue(summaries.contains("engine.io ping"), summaries.toString());
    }

    @Test
    void hostileClientsGetTheProtocolsAnswerAndTheServerCarriesOn() throws Exception {
        Connection rpc = open("/jsonrpc?notify=0");
        rpc.sendText("{\"jsonrpc\":\"2.0\",\"method\":");
        rpc.sendText("[]");
        Await.until(() -> inbound(rpc) >= 3, "welcome and two errors");
        assertTrue(Captures.texts(rpc.log(), Direction.IN).stream().anyMatch(t -> t.contains("-32700")));
        assertTrue(Captures.texts(rpc.log(), Direction.IN).stream().anyMatch(t -> t.contains("-32600")));
        Captures.closeAndAwait(rpc);

        Connection stomp = open("/stomp", "v12.stomp");
        stomp.sendText("HELLO\n\n\0");
        Await.until(() -> inbound(stomp) >= 1, "an ERROR frame");
        assertTrue(Captures.texts(stomp.log(), Direction.IN).get(0).startsWith("ERROR\n"));
        Captures.closeAndAwait(stomp);

        for (String[] garbage : new String[][] {{"/mqtt", "mqtt", "1002"}, {"/graphql", "graphql-transport-ws", "4400"}}) {
            Connection c = open(garbage[0], garbage[1]);
            if (garbage[0].equals("/mqtt")) {
                c.sendBinary(HexFormat.of().parseHex("1003ffff00"));
            } else {
                c.sendText("not json");
            }
            Await.until(c::ended, "the server closes " + garbage[0]);
            int code = Captures.events(c.log(), CaptureEvent.CloseEvent.class).get(0).receivedCode().orElseThrow();
            assertEquals(Integer.parseInt(garbage[2]), code, garbage[0]);
        }
        Connection echo = open("/echo");
        echo.sendText("still here");
        Await.until(() -> Captures.texts(echo.log(), Direction.IN).contains("still here"), "the server carries on");
        Captures.closeAndAwait(echo);
    }
}
