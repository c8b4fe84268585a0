package dev.framescope.decode.subprotocol;

import static dev.framescope.decode.subprotocol.Samples.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.decode.Decoded;
import org.junit.jupiter.api.Test;

class GraphqlWsDecoderTest {

    private final GraphqlWsDecoder graphql = new GraphqlWsDecoder();

    private Decoded ok(String message, String subprotocol) {
        Decoded d = graphql.decode(text(message, subprotocol));
        assertTrue(d.complete(), () -> message + " → " + d.failure());
        return d;
    }

    @Test
    void transportWsConversation() {
        String p = "graphql-transport-ws";
        assertEquals("graphql connection_init", ok(Samples.GRAPHQL.get(0), p).summary().orElseThrow());
        Decoded subscribe = ok(Samples.GRAPHQL.get(4), p);
        assertEquals("graphql-transport-ws", subscribe.tree().get("protocol").asText());
        assertEquals("OnTick", subscribe.tree().get("operation").asText());
        assertEquals("graphql subscribe id=1 OnTick", subscribe.summary().orElseThrow());
        assertEquals("graphql next id=1", ok(Samples.GRAPHQL.get(5), p).summary().orElseThrow());
        assertEquals(1, ok(Samples.GRAPHQL.get(5), p).tree().at("/payload/data/tick").asInt());
        assertEquals("graphql complete id=1", ok(Samples.GRAPHQL.get(6), p).summary().orElseThrow());
        assertEquals("graphql error id=2: boom", ok(Samples.GRAPHQL.get(7), p).summary().orElseThrow());
    }

    @Test
    void legacyGraphqlWs() {
        String p = "graphql-ws";
        Decoded start = ok(Samples.GRAPHQL.get(9), p);
        assertEquals("graphql-ws", start.tree().get("protocol").asText());
        assertEquals("subscription ticks", start.tree().get("operation").asText());
        assertEquals("graphql ka", ok("{\"type\":\"ka\"}", p).summary().orElseThrow());
        assertEquals("graphql connection_error: denied", ok(Samples.GRAPHQL.get(13), p).summary().orElseThrow());
        // Without a subprotocol, a legacy-only type picks the dialect.
        assertEquals("graphql-ws", graphql.decode(text("{\"type\":\"ka\"}")).tree().get("protocol").asText());
    }

    @Test
    void brokenRulesAreNamed() {
        assertFailure("{\"type\":\"subscribe\",\"payload\":{\"query\":\"{a}\"}}", "graphql-transport-ws", "has no id");
        assertFailure("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{}}", "graphql-transport-ws", "no \"query\"");
        assertFailure("{\"type\":\"start\",\"id\":\"1\",\"payload\":{\"query\":\"{a}\"}}", "graphql-transport-ws",
                "is not a graphql-transport-ws message type");
        assertFailure("{\"id\":\"1\",\"type\":\"error\",\"payload\":{\"message\":\"x\"}}", "graphql-transport-ws",
                "array of GraphQL errors");
        assertFailure("[1]", "graphql-ws", "JSON object");
        assertFailure("{\"type\":", "graphql-ws", "invalid JSON");
    }

    @Test
    void detection() {
        assertEquals(100, graphql.detect(text("x", "graphql-transport-ws")));
        assertEquals(100, graphql.detect(text("x", "graphql-ws")));
        assertEquals(85, graphql.detect(text(Samples.GRAPHQL.get(4))));
        assertEquals(55, graphql.detect(text(Samples.GRAPHQL.get(5))));
        assertEquals(0, graphql.detect(text("{\"type\":\"tick\",\"n\":1}")));
    }

    private void assertFailure(String message, String subprotocol, String reasonPart) {
        Decoded d = graphql.decode(text(message, subprotocol));
        assertTrue(d.failure().isPresent(), message + " decoded: " + d.tree());
        assertTrue(d.failure().get().reason().contains(reasonPart), message + " → " + d.failure().get());
    }
}
