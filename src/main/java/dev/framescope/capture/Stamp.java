package dev.framescope.capture;

/**
 * Where an event sits: its connection, its sequence number in that connection's log, and when it happened
 * ({@link System#nanoTime()}; the log's {@link CaptureLog#wallClock(long)} turns it into wall-clock time).
 */
public record Stamp(long connectionId, long seq, long nanos) {
}
