package dev.framescope.decode.subprotocol;

import static dev.framescope.decode.subprotocol.Samples.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.decode.Decoded;
import org.junit.jupiter.api.Test;

class JsonRpcDecoderTest {

    private final JsonRpcDecoder rpc = new JsonRpcDecoder();

    private Decoded ok(String message) {
        Decoded d = rpc.decode(text(message));
        assertTrue(d.complete(), () -> message + " → " + d.failure());
        return d;
    }

    @Test
    void requestNotificationResultError() {
        Decoded request = ok(Samples.JSON_RPC.get(0));
        assertEquals("REQUEST", request.tree().get("kind").asText());
        assertEquals(42, request.tree().at("/params/0").asInt());
        assertEquals("jsonrpc → subtract id=1", request.summary().orElseThrow());
        assertEquals("jsonrpc ← result id=1", ok(Samples.JSON_RPC.get(1)).summary().orElseThrow());
        assertEquals("jsonrpc notify update", ok(Samples.JSON_RPC.get(2)).summary().orElseThrow());
        Decoded error = ok(Samples.JSON_RPC.get(3));
        assertEquals("ERROR", error.tree().get("kind").asText());
        assertEquals("jsonrpc ← error -32601 id=\"1\" Method not found", error.summary().orElseThrow());
        assertEquals("jsonrpc ← error -32700 id=null Parse error", ok(Samples.JSON_RPC.get(4)).summary().orElseThrow());
    }

    @Test
    void batches() {
        Decoded calls = ok(Samples.JSON_RPC.get(5));
        assertEquals(3, calls.tree().get("batch").size());
        assertEquals("NOTIFICATION", calls.tree().at("/batch/1/kind").asText());
        assertEquals("jsonrpc batch → 3 calls", calls.summary().orElseThrow());
        assertEquals("jsonrpc batch ← 2 responses", ok(Samples.JSON_RPC.get(6)).summary().orElseThrow());
    }

    @Test
    void brokenRulesAreNamed() {
        assertFailure("[]", "empty array is not a valid batch");
        assertFailure("[1,2]", "batch element 0: a JSON-RPC message must be an object");
        assertFailure("{\"jsonrpc\":\"1.0\",\"method\":\"a\",\"id\":1}", "exactly \"2.0\"");
        assertFailure("{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"params\":3,\"id\":1}", "params must be");
        assertFailure("{\"jsonrpc\":\"2.0\",\"result\":1,\"error\":{\"code\":1,\"message\":\"x\"},\"id\":1}",
                "both result and error");
        assertFailure("{\"jsonrpc\":\"2.0\",\"result\":1}", "must have an id");
        assertFailure("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":1.5,\"message\":\"x\"},\"id\":1}", "integer code");
        assertFailure("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"a\"}", "id must be");
        assertFailure("{\"jsonrpc\":\"2.0\"}", "neither a request");
        assertFailure("{\"jsonrpc\":\"2.0\",", "invalid JSON");
    }

    @Test
    void detection() {
        assertEquals(90, rpc.detect(text(Samples.JSON_RPC.get(0))));
        assertEquals(90, rpc.detect(text(Samples.JSON_RPC.get(5))));
        assertEquals(50, rpc.detect(text("{\"jsonrpc\":\"1.0\",\"method\":\"a\",\"id\":1}")));
        assertEquals(0, rpc.detect(text("{\"method\":\"a\",\"id\":1}")));
        assertEquals(100, rpc.detect(text("x", "jsonrpc")));
    }

    private void assertFailure(String message, String reasonPart) {
        Decoded d = rpc.decode(text(message));
        assertTrue(d.failure().isPresent(), message + " decoded: " + d.tree());
        assertTrue(d.failure().get().reason().contains(reasonPart), message + " → " + d.failure().get());
        assertTrue(d.failure().get().reason().contains("JSON-RPC 2.0") || reasonPart.equals("invalid JSON"),
                "names the rule: " + d.failure().get());
    }
}
