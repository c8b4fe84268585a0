package dev.framescope.decode.subprotocol;

/** A response (or GraphQL next/error/complete) whose id matches no request seen before it. */
public record Unmatched(Flow flow, String id, long ref, long nanos, String what) {
}
