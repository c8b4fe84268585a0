package dev.framescope.decode.subprotocol;

import static dev.framescope.decode.subprotocol.Flow.CLIENT_TO_SERVER;
import static dev.framescope.decode.subprotocol.Flow.SERVER_TO_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.decode.subprotocol.Call.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CorrelatorTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final long MS = 1_000_000L;

    @Test
    void jsonRpcMatchesByIdAndDirectionWithLatency() {
        JsonRpcCorrelator c = new JsonRpcCorrelator();
        c.accept(CLIENT_TO_SERVER, 100 * MS, b("{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":[42,23],\"id\":1}"), 1);
        c.accept(CLIENT_TO_SERVER, 110 * MS, b("{\"jsonrpc\":\"2.0\",\"method\":\"nope\",\"id\":\"1\"}"), 2);
        c.accept(CLIENT_TO_SERVER, 120 * MS, b("{\"jsonrpc\":\"2.0\",\"method\":\"slow\",\"id\":3}"), 3);
        c.accept(CLIENT_TO_SERVER, 125 * MS, b("{\"jsonrpc\":\"2.0\",\"method\":\"log\",\"params\":{}}"), 4);
        // A server request with id 1 must not be answered by the server's own result for id 1.
        c.accept(SERVER_TO_CLIENT, 130 * MS, b("{\"jsonrpc\":\"2.0\",\"method\":\"ask\",\"id\":1}"), 5);
        c.accept(SERVER_TO_CLIENT, 145 * MS, b("{\"jsonrpc\":\"2.0\",\"result\":19,\"id\":1}"), 6);
        c.accept(SERVER_TO_CLIENT, 150 * MS,
                b("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":\"1\"}"), 7);
        c.accept(SERVER_TO_CLIENT, 160 * MS, b("{\"jsonrpc\":\"2.0\",\"result\":0,\"id\":99}"), 8);
        c.accept(CLIENT_TO_SERVER, 170 * MS, b("{\"jsonrpc\":\"2.0\",\"result\":\"yes\",\"id\":1}"), 9);

        List<Call> calls = c.calls();
        assertEquals(4, calls.size(), "three client requests and one server request; the notification is no call");
        Call subtract = calls.get(0);
        assertEquals("subtract", subtract.name());
        assertEquals("1", subtract.id());
        assertEquals(Optional.of(Duration.ofMillis(45)), subtract.latency());
        assertEquals("result", subtract.outcomeText());
        Call nope = calls.get(1);
        assertEquals("\"1\"", nope.id());
        assertEquals(new Outcome.Failed(Optional.of(-32601L), "Method not found"), nope.outcome());
        assertEquals("error -32601 Method not found", nope.outcomeText());
        assertEquals(Optional.of(Duration.ofMillis(40)), nope.latency());
        Call slow = calls.get(2);
        assertInstanceOf(Outcome.Pending.class, slow.outcome());
        assertEquals("no response yet", slow.outcomeText());
        assertEquals(Optional.empty(), slow.latency());
        Call ask = calls.get(3);
        assertEquals(SERVER_TO_CLIENT, ask.flow());
        assertEquals(5, ask.requestRef());
        assertEquals(Optional.of(Duration.ofMillis(40)), ask.latency());
        assertEquals(List.of(new Unmatched(SERVER_TO_CLIENT, "99", 8, 160 * MS, "result")), c.unmatchedResponses());
    }

    @Test
    void jsonRpcBatchesAreMatchedElementByElement() {
        JsonRpcCorrelator c = new JsonRpcCorrelator();
        c.accept(CLIENT_TO_SERVER, 0, b(Samples.JSON_RPC.get(5)), 10);
        c.accept(SERVER_TO_CLIENT, 7 * MS, b(Samples.JSON_RPC.get(6)), 11);
        List<Call> calls = c.calls();
        assertEquals(List.of("sum", "get_data"), calls.stream().map(Call::name).toList());
        assertTrue(calls.stream().allMatch(Call::batch));
        assertTrue(calls.stream().allMatch(call -> call.requestRef() == 10));
        assertTrue(calls.stream().allMatch(call -> call.latency().equals(Optional.of(Duration.ofMillis(7)))));
    }

    @Test
    void aReusedIdAnswersTheOldestWaitingRequest() {
        JsonRpcCorrelator c = new JsonRpcCorrelator();
        c.accept(CLIENT_TO_SERVER, 0, b("{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"id\":5}"), 1);
        c.accept(CLIENT_TO_SERVER, MS, b("{\"jsonrpc\":\"2.0\",\"method\":\"b\",\"id\":5}"), 2);
        c.accept(SERVER_TO_CLIENT, 3 * MS, b("{\"jsonrpc\":\"2.0\",\"result\":1,\"id\":5}"), 3);
        assertEquals("result", c.calls().get(0).outcomeText());
        assertEquals("no response yet", c.calls().get(1).outcomeText());
    }

    @Test
    void changesCountOnlyWhatChanged() {
        JsonRpcCorrelator c = new JsonRpcCorrelator();
        c.accept(CLIENT_TO_SERVER, 0, b("{\"tick\":1}"), 1);
        c.accept(CLIENT_TO_SERVER, 0, b("not json \"jsonrpc\""), 2);
        assertEquals(0, c.changes());
        c.accept(CLIENT_TO_SERVER, 0, b("{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"id\":5}"), 3);
        assertEquals(1, c.changes());
    }

    @Test
    void graphqlOperationsFromSubscribeToComplete() {
        GraphqlCorrelator c = new GraphqlCorrelator();
        c.accept(CLIENT_TO_SERVER, 0, b("{\"type\":\"connection_init\"}"), 1);
        c.accept(SERVER_TO_CLIENT, MS, b("{\"type\":\"connection_ack\"}"), 2);
        c.accept(CLIENT_TO_SERVER, 10 * MS, b(Samples.GRAPHQL.get(4)), 3);
        c.accept(CLIENT_TO_SERVER, 11 * MS,
                b("{\"id\":\"2\",\"type\":\"subscribe\",\"payload\":{\"query\":\"query { me }\"}}"), 4);
        c.accept(CLIENT_TO_SERVER, 12 * MS,
                b("{\"id\":\"3\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { forever }\"}}"), 5);
        c.accept(SERVER_TO_CLIENT, 25 * MS, b(Samples.GRAPHQL.get(5)), 6);
        c.accept(SERVER_TO_CLIENT, 30 * MS, b("{\"id\":\"2\",\"type\":\"error\",\"payload\":[{\"message\":\"boom\"}]}"), 7);
        c.accept(SERVER_TO_CLIENT, 35 * MS, b("{\"id\":\"1\",\"type\":\"next\",\"payload\":{\"data\":{\"tick\":2}}}"), 8);
        c.accept(SERVER_TO_CLIENT, 40 * MS, b(Samples.GRAPHQL.get(6)), 9);
        c.accept(CLIENT_TO_SERVER, 50 * MS, b("{\"id\":\"3\",\"type\":\"complete\"}"), 10);
        c.accept(SERVER_TO_CLIENT, 60 * MS, b("{\"id\":\"7\",\"type\":\"next\",\"payload\":{}}"), 11);

        List<Call> calls = c.calls();
        assertEquals(List.of("OnTick", "query me", "subscription forever"), calls.stream().map(Call::name).toList());
        Call tick = calls.get(0);
        assertEquals(Optional.of(Duration.ofMillis(15)), tick.latency());
        assertEquals(2, tick.responses());
        assertEquals("complete", tick.outcomeText());
        assertEquals(40 * MS, tick.endNanos().getAsLong());
        assertEquals("error boom", calls.get(1).outcomeText());
        assertEquals("stopped by client", calls.get(2).outcomeText());
        assertEquals(Optional.empty(), calls.get(2).latency());
        assertEquals(List.of(new Unmatched(SERVER_TO_CLIENT, "7", 11, 60 * MS, "next")), c.unmatchedResponses());
    }

    @Test
    void graphqlLegacyDialectAndIdReuse() {
        GraphqlCorrelator c = new GraphqlCorrelator();
        c.accept(CLIENT_TO_SERVER, 0, b(Samples.GRAPHQL.get(9)), 1);
        c.accept(SERVER_TO_CLIENT, 2 * MS, b(Samples.GRAPHQL.get(10)), 2);
        c.accept(CLIENT_TO_SERVER, 3 * MS, b("{\"id\":\"1\",\"type\":\"stop\"}"), 3);
        c.accept(CLIENT_TO_SERVER, 4 * MS, b(Samples.GRAPHQL.get(9)), 4);
        c.accept(SERVER_TO_CLIENT, 9 * MS, b(Samples.GRAPHQL.get(10)), 5);
        assertEquals(2, c.calls().size());
        assertEquals("stopped by client", c.calls().get(0).outcomeText());
        assertEquals(Optional.of(Duration.ofMillis(5)), c.calls().get(1).latency());
        assertEquals("streaming", c.calls().get(1).outcomeText());
    }

    @Test
    void theTrafficPicksTheCorrelator() {
        assertInstanceOf(JsonRpcCorrelator.class,
                CallCorrelator.forTraffic(Samples.text(Samples.JSON_RPC.get(0))).orElseThrow());
        assertInstanceOf(GraphqlCorrelator.class,
                CallCorrelator.forTraffic(Samples.text("{\"type\":\"connection_init\"}")).orElseThrow());
        assertInstanceOf(GraphqlCorrelator.class,
                CallCorrelator.forTraffic(Samples.text("{}", "graphql-transport-ws")).orElseThrow());
        assertEquals(Optional.empty(), CallCorrelator.forTraffic(Samples.text("{\"seq\":1}")));
    }
}
