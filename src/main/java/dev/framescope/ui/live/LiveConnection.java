package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.engine.Connection;
import dev.framescope.ui.frame.DecodeSettings;
import java.util.Optional;

/**
 * One connection of the session as the window lists it: the engine's connection (if live), its log, and its UI
 * state that outlives a selection — here the decoder override and protobuf schema of its payloads.
 */
public record LiveConnection(String name, Optional<Connection> connection, CaptureLog log, DecodeSettings decoding) {

    /** The handshake is among a connection's first events; no need to look further for its subprotocol. */
    private static final int HANDSHAKE_SEARCH = 64;

    public LiveConnection(String name, Optional<Connection> connection, CaptureLog log) {
        this(name, connection, log, new DecodeSettings(() -> subprotocolOf(log)));
    }

    public String stateText() {
        return connection.map(c -> c.state().name().toLowerCase(java.util.Locale.ROOT)).orElse("loaded");
    }

    public boolean insecure() {
        return connection.map(c -> c.spec().tls().insecure() && c.spec().secure()).orElse(false);
    }

    /** The negotiated {@code Sec-WebSocket-Protocol}, once the handshake is in the log. */
    static Optional<String> subprotocolOf(CaptureLog log) {
        int n = Math.min(log.size(), HANDSHAKE_SEARCH);
        for (int i = 0; i < n; i++) {
            if (log.get(i) instanceof CaptureEvent.HandshakeEvent h) {
                return h.subprotocol();
            }
        }
        return Optional.empty();
    }
}
