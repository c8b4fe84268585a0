package dev.framescope.probe;

/** One thing a case does on its connection, in order (Autobahn's {@code sendFrame}, {@code continueLater}, …). */
public sealed interface Step {

    /**
     * Crafted bytes, as they are. {@code chop} above 0 writes them in pieces of that many bytes, each written to the
     * socket before the next (Autobahn's {@code chopsize}); {@code sync} waits until they are written (its
     * {@code sync=True}).
     */
    record Send(byte[] bytes, int chop, boolean sync) implements Step {
        public Send {
            bytes = bytes.clone();
        }

        public byte[] data() {
            return bytes.clone();
        }
    }

    /** A close frame of ours, crafted (any code, reason or length); {@code code} -1 when it carries none. */
    record RawClose(byte[] frame, int code, String reason) implements Step {
        public RawClose {
            frame = frame.clone();
        }

        public byte[] data() {
            return frame.clone();
        }
    }

    /** Our regular close frame, through the driver's close handshake. */
    record Close(int code) implements Step {
    }

    /**
     * Waits {@code seconds} (Autobahn's seconds, scaled by the run's timeout). With a label, as Autobahn's
     * {@code continueLater(…, tag)}: when the connection is still open after it, a {@code timeout} entry is received
     * and the case goes on; when it is not, the case stops here.
     */
    record Pause(double seconds, String label) implements Step {
        public boolean recordsTimeout() {
            return !label.isEmpty();
        }
    }

    /** Waits until the server sent {@code count} things (at most {@code seconds}): a pause that ends early. */
    record AwaitReceived(int count, double seconds) implements Step {
    }

    /** Sends {@code frame} {@code count} times, each after the echo of the last (Autobahn's 9.7/9.8 round trips). */
    record Roundtrips(byte[] frame, int count) implements Step {
        public Roundtrips {
            frame = frame.clone();
        }

        public byte[] data() {
            return frame.clone();
        }
    }

    /**
     * A message through the driver, compressed when permessage-deflate was negotiated; {@code fragmentSize} above
     * 0 splits it into frames of about that many bytes (Autobahn's {@code autoFragmentSize}).
     */
    record Message(boolean binary, byte[] payload, int fragmentSize) implements Step {
        public Message {
            payload = payload.clone();
        }

        public byte[] data() {
            return payload.clone();
        }
    }

    /**
     * Autobahn's loop in 12.x and 13.x: {@code count} messages of {@code length} bytes cut in turn from {@code corpus}
     * (wrapping round), each sent after the echo of the last.
     */
    record CorpusRoundtrips(Corpus corpus, int length, int count, int fragmentSize) implements Step {
    }

    /**
     * An opening handshake of our own making instead of the driver's (20.1.3, 20.1.4): {@code version} as the
     * request's Sec-WebSocket-Version, and a Sec-WebSocket-Key only when {@code withKey}. The case is this alone.
     */
    record Upgrade(String version, boolean withKey) implements Step {
    }
}
