package dev.framescope.demo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The scenarios that speak no subprotocol: ticker, fragments, compression, heartbeat, idle, close, encodings, headers
 * and chaos. Unless a scenario says otherwise, binary messages come back as they went.
 */
final class BuiltInDialogues {

    private BuiltInDialogues() {
    }

    /** A scenario that echoes binary messages; the text side is each scenario's own. */
    private abstract static class EchoesBinary implements Dialogue {
        final Peer peer;

        EchoesBinary(Peer peer) {
            this.peer = peer;
        }

        @Override
        public void onBinary(byte[] bytes) {
            peer.send(bytes);
        }
    }

    static final class Echo extends EchoesBinary {
        Echo(Peer peer) {
            super(peer);
        }

        @Override
        public void onText(String text) {
            peer.send(text);
        }
    }

    /** Sends {@code rate} ticks per second in 1 ms slices; a slow reader makes it wait rather than queue forever. */
    static final class Ticker implements Dialogue {
        private static final int MAX_QUEUED_WRITES = 2_000;
        private final Peer peer;
        private long seq;

        Ticker(Peer peer) {
            this.peer = peer;
        }

        @Override
        public void onOpen() {
            long rate = Math.max(1, Math.min(peer.param("rate", 10), 100_000));
            int size = (int) Math.max(40, Math.min(peer.param("size", 80), 1 << 20));
            long count = peer.param("count", Long.MAX_VALUE);
            long startNanos = System.nanoTime();
            String padding = "x".repeat(size);
            peer.every(1, () -> {
                long due = Math.min(count, (System.nanoTime() - startNanos) * rate / 1_000_000_000L + 1);
                while (seq < due && peer.isOpen() && peer.queuedWrites() < MAX_QUEUED_WRITES) {
                    peer.send(tick(++seq, size, padding));
                }
                if (seq >= count) {
                    peer.stopTimers();
                }
            });
        }
    }

    /** One ticker message; no String.format: at 50,000 messages/s the demo must not eat the inspector's CPU. */
    static String tick(long seq, int size, String padding) {
        long cents = Math.round((100 + 10 * Math.sin(seq / 50.0)) * 100);
        StringBuilder body = new StringBuilder(size + 8).append("{\"seq\":").append(seq).append(",\"t\":")
                .append(System.currentTimeMillis()).append(",\"price\":").append(cents / 100).append('.')
                .append(cents % 100 < 10 ? "0" : "").append(cents % 100).append(",\"pad\":\"");
        int pad = Math.max(0, size - body.length() - 2);
        return body.append(padding, 0, Math.min(pad, padding.length())).append("\"}").toString();
    }

    /** A text and a binary message in fragments, a ping between two text fragments (RFC 6455 §5.4 allows it). */
    static final class Fragmented extends EchoesBinary {
        Fragmented(Peer peer) {
            super(peer);
        }

        @Override
        public void onOpen() {
            byte[] text = "This text message travels in three fragments.".getBytes(StandardCharsets.UTF_8);
            peer.sendFragment(false, text, 0, 10, false);
            peer.ping("between fragments");
            peer.sendFragment(false, text, 10, 20, false);
            peer.sendFragment(false, text, 30, text.length - 30, true);
            byte[] binary = new byte[300];
            for (int i = 0; i < binary.length; i++) {
                binary[i] = (byte) i;
            }
            peer.sendFragment(true, binary, 0, 150, false);
            peer.sendFragment(true, binary, 150, 150, true);
        }

        @Override
        public void onText(String text) {
            onOpen();
        }
    }

    /** Compressible JSON (permessage-deflate when offered), then an echo of what the client sends. */
    static final class Compressed extends EchoesBinary {
        private long seq;

        Compressed(Peer peer) {
            super(peer);
        }

        @Override
        public void onOpen() {
            for (int i = 0; i < 3; i++) {
                peer.send("{\"event\":\"quote\",\"symbol\":\"FSCP\",\"bids\":[100.1,100.0,99.9,99.8],"
                        + "\"asks\":[100.2,100.3,100.4,100.5],\"note\":\"" + "compress me ".repeat(20) + "\",\"n\":"
                        + ++seq + "}");
            }
        }

        @Override
        public void onText(String text) {
            peer.send(text);
        }
    }

    /** Server pings every {@code interval} ms; echoes. (The server delays pongs by {@code pongDelay} for any path.) */
    static final class Heartbeat extends EchoesBinary {
        private final ServerPings pings;

        Heartbeat(Peer peer) {
            super(peer);
            this.pings = new ServerPings(peer);
        }

        @Override
        public void onOpen() {
            long interval = peer.param("interval", 1000);
            peer.every(interval, pings::ping);
        }

        @Override
        public void onText(String text) {
            peer.send(text);
        }
    }

    /** Pings numbered per connection: {@code server-ping-1}, {@code server-ping-2}… */
    private static final class ServerPings {
        private final Dialogue.Peer peer;
        private long seq;

        ServerPings(Dialogue.Peer peer) {
            this.peer = peer;
        }

        void ping() {
            peer.ping("server-ping-" + ++seq);
        }
    }

    /**
     * After {@code timeout} ms without a frame from the client (message, ping or pong), closes with 1001 "idle
     * timeout" — or, with {@code reset=1}, drops TCP with a reset and no close frame, as a proxy might. With
     * {@code ping=N} the server also pings every N ms, so only a client that answers with pongs stays.
     */
    static final class Idle extends EchoesBinary {
        Idle(Peer peer) {
            super(peer);
        }

        @Override
        public void onOpen() {
            long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, peer.param("timeout", 3000)));
            boolean reset = peer.param("reset", 0) == 1;
            long pingEvery = peer.param("ping", 0);
            if (pingEvery > 0) {
                peer.every(pingEvery, new ServerPings(peer)::ping);
            }
            long every = Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(timeoutNanos) / 20));
            peer.every(every, () -> {
                if (!peer.isOpen() || peer.idleNanos() < timeoutNanos) {
                    return;
                }
                peer.stopTimers();
                if (reset) {
                    peer.resetTcp();
                } else {
                    peer.close(1001, "idle timeout");
                }
            });
        }
    }

    /** Closes at once with the code in the path. */
    static final class Close extends EchoesBinary {
        Close(Peer peer) {
            super(peer);
        }

        @Override
        public void onOpen() {
            int code = (int) peer.param("code", 1000);
            peer.close(code, "demo close " + code);
        }
    }

    /** One order as JSON (text), then MessagePack, CBOR and protobuf (binary); again on each message you send. */
    static final class Encodings extends EchoesBinary {
        Encodings(Peer peer) {
            super(peer);
        }

        @Override
        public void onOpen() {
            peer.send(EncodingSamples.json());
            for (byte[] binary : List.of(EncodingSamples.msgpack(), EncodingSamples.cbor(),
                    EncodingSamples.protobuf())) {
                peer.send(binary);
            }
        }

        @Override
        public void onText(String text) {
            onOpen();
        }
    }

    /**
     * Sends back {"target": "/headers?…", "headers": {"Name": "value", …}} as received, then echoes; with
     * {@code close=CODE&echoes=N} it closes with CODE once N messages were echoed (no CODE: never).
     */
    static final class Headers extends EchoesBinary {
        private long echoed;

        Headers(Peer peer) {
            super(peer);
        }

        @Override
        public void onOpen() {
            peer.send(DemoJson.write(DemoJson.obj("target", peer.requestTarget(), "headers", peer.requestHeaders())));
            closeIfDone();
        }

        @Override
        public void onText(String text) {
            peer.send(text);
            echoed++;
            closeIfDone();
        }

        private void closeIfDone() {
            int code = (int) peer.param("close", 0);
            if (code > 0 && echoed >= peer.param("echoes", 0)) {
                peer.close(code, "demo headers done");
            }
        }
    }

    /** Writes {@link ChaosScript} as raw bytes, then echoes until the client closes. */
    static final class Chaos extends EchoesBinary {
        Chaos(Peer peer) {
            super(peer);
        }

        @Override
        public void onOpen() {
            peer.writeRaw(ChaosScript.stream(), ChaosScript.frames().size());
        }
    }

    /** Writes {@link ChaosScript#closeSteps()} as raw bytes. */
    static final class ChaosClose extends EchoesBinary {
        ChaosClose(Peer peer) {
            super(peer);
        }

        @Override
        public void onOpen() {
            peer.writeRaw(ChaosScript.closeStream(), ChaosScript.closeFrames().size());
        }
    }
}
