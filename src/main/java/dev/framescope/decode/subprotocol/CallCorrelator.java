package dev.framescope.decode.subprotocol;

import dev.framescope.decode.DecodeInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Matches requests to responses across a connection's messages, fed in capture order. Not thread-safe: one
 * feeder (the GUI feeds it on the FX thread, in batches).
 */
public abstract sealed class CallCorrelator permits JsonRpcCorrelator, GraphqlCorrelator {

    /** Every call in the order its request was seen; a subclass adds and replaces (answered, ended). */
    protected final List<Call> calls = new ArrayList<>();
    protected final List<Unmatched> unmatched = new ArrayList<>();
    /** A subclass counts each change to {@link #calls} or {@link #unmatched}. */
    protected long changes;

    /**
     * One message: which way it went, when (monotonic nanoseconds), its payload, and the caller's reference to it.
     * Anything that is not this protocol's message is ignored.
     */
    public abstract void accept(Flow flow, long nanos, byte[] payload, long ref);

    /** Every call in the order its request was seen. */
    public final List<Call> calls() {
        return List.copyOf(calls);
    }

    public final List<Unmatched> unmatchedResponses() {
        return List.copyOf(unmatched);
    }

    /** Grows whenever {@link #calls} or {@link #unmatchedResponses} changed, so a view knows when to refresh. */
    public final long changes() {
        return changes;
    }

    /** The correlator for a connection whose traffic this text message shows to be JSON-RPC or GraphQL. */
    public static Optional<CallCorrelator> forTraffic(DecodeInput message) {
        if (new GraphqlWsDecoder().detect(message) >= 85) {
            return Optional.of(new GraphqlCorrelator());
        }
        if (new JsonRpcDecoder().detect(message) >= 90) {
            return Optional.of(new JsonRpcCorrelator());
        }
        return Optional.empty();
    }
}
