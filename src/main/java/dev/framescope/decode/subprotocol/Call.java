package dev.framescope.decode.subprotocol;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One JSON-RPC request or GraphQL operation and what answered it, as a row of the Protocol table.
 *
 * @param flow          the way the request travelled
 * @param name          method, or GraphQL operation name
 * @param id            the request's id as JSON text ({@code 1} and {@code "1"} are different ids)
 * @param requestRef    the caller's reference to the request message (the GUI's row key)
 * @param requestNanos  monotonic time the request was seen
 * @param responseNanos first response (JSON-RPC: the response; GraphQL: the first next/data/error/complete)
 * @param endNanos      when it ended (JSON-RPC: the response; GraphQL: complete, error, or the client's stop)
 * @param responses     how many responses (GraphQL: next/data messages) arrived
 * @param batch         sent inside a JSON-RPC batch
 */
public record Call(String protocol, Flow flow, String name, String id, long requestRef, long requestNanos,
                   OptionalLong responseNanos, OptionalLong endNanos, int responses, Outcome outcome,
                   boolean batch) {

    /** How a call ended, or that it has not. */
    public sealed interface Outcome {
        /** No response yet. */
        record Pending() implements Outcome {
        }

        /** A JSON-RPC result; a GraphQL operation's data still arriving (subscriptions). */
        record Result() implements Outcome {
        }

        /** A GraphQL operation the server completed. */
        record Completed() implements Outcome {
        }

        /** The client stopped a GraphQL operation before the server completed it. */
        record Cancelled() implements Outcome {
        }

        /** A JSON-RPC error (with its code) or a GraphQL error. */
        record Failed(Optional<Long> code, String message) implements Outcome {
        }
    }

    /** Request to first response. */
    public Optional<Duration> latency() {
        return responseNanos.isPresent() ? Optional.of(Duration.ofNanos(responseNanos.getAsLong() - requestNanos))
                : Optional.empty();
    }

    /** "result", "error -32601 Method not found", "no response yet"… for the table. */
    public String outcomeText() {
        if (outcome instanceof Outcome.Failed f) {
            return "error" + f.code().map(c -> " " + c).orElse("") + (f.message().isEmpty() ? "" : " " + f.message());
        }
        if (outcome instanceof Outcome.Completed) {
            return "complete";
        }
        if (outcome instanceof Outcome.Cancelled) {
            return "stopped by " + (flow == Flow.CLIENT_TO_SERVER ? "client" : "server");
        }
        if (outcome instanceof Outcome.Result) {
            return protocol.equals("graphql") ? "streaming" : "result";
        }
        return "no response yet";
    }

    Call answered(long nanos, Outcome newOutcome, boolean ends) {
        OptionalLong first = responseNanos.isPresent() ? responseNanos : OptionalLong.of(nanos);
        return new Call(protocol, flow, name, id, requestRef, requestNanos, first,
                ends ? OptionalLong.of(nanos) : endNanos, responses + (newOutcome instanceof Outcome.Result ? 1 : 0),
                newOutcome, batch);
    }
}
