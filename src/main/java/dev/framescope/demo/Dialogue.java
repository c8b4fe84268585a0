package dev.framescope.demo;

import java.util.Map;

/**
 * A scenario's side of the conversation: it answers what the client sends through its {@link Peer}. Each
 * {@link DemoScenario} makes one per connection. Called on the server's thread or the demo timer, one at a time.
 */
interface Dialogue {

    /** What a dialogue may do to its connection. */
    interface Peer {
        boolean isOpen();

        void send(String text);

        void send(byte[] binary);

        /** One fragment of a text or binary message; the library numbers continuations (RFC 6455 §5.4). */
        void sendFragment(boolean binary, byte[] bytes, int offset, int length, boolean fin);

        void ping(String payload);

        /** Writes bytes as they are, bypassing framing: the only way to commit violations on purpose. */
        void writeRaw(byte[] bytes, int frames);

        /** Writes waiting in the connection's queue (a fast sender waits rather than queue forever). */
        int queuedWrites();

        /** Runs once after {@code millis}; cancelled when the connection closes. */
        void later(long millis, Runnable task);

        /** Runs every {@code millis}, first after {@code millis}; cancelled when the connection closes. */
        void every(long millis, Runnable task);

        /** Cancels every timer this connection started. */
        void stopTimers();

        void close(int code, String reason);

        /** Drops TCP with a reset and no close frame, as a proxy might. */
        void resetTcp();

        /** How long since the client last sent a frame of any kind, in nanoseconds of the server's clock. */
        long idleNanos();

        /** A numeric query parameter of the scenario path. */
        long param(String key, long fallback);

        /** The request target (path and query) of the opening handshake. */
        String requestTarget();

        /** The opening handshake's header fields, in the order received. */
        Map<String, String> requestHeaders();
    }

    default void onOpen() {
    }

    default void onText(String text) {
    }

    default void onBinary(byte[] bytes) {
    }
}
