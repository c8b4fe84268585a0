package dev.framescope.ui.live;

import dev.framescope.capture.CaptureLog;
import dev.framescope.engine.Connection;
import java.util.Optional;

/** One connection of the session as the window lists it: the engine's connection (if live) and its log. */
public record LiveConnection(String name, Optional<Connection> connection, CaptureLog log) {

    public String stateText() {
        return connection.map(c -> c.state().name().toLowerCase(java.util.Locale.ROOT)).orElse("loaded");
    }

    public boolean insecure() {
        return connection.map(c -> c.spec().tls().insecure() && c.spec().secure()).orElse(false);
    }
}
