package dev.framescope.ui.live;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.ConnectionState;
import dev.framescope.capture.io.Redactor;
import dev.framescope.engine.Connection;
import dev.framescope.engine.ConnectionOptions;
import dev.framescope.engine.ProtocolMode;
import dev.framescope.engine.io.ConnectionSetup;
import dev.framescope.engine.ConnectionTemplate;
import dev.framescope.proxy.ProxiedLabel;
import dev.framescope.ui.frame.DecodeSettings;
import java.util.Locale;
import java.util.Optional;

/**
 * One connection of the session as the window lists it: the engine's connection (if live), its log, the template
 * it was made from (URL, headers and auth as the user wrote them, variables unresolved), and its UI state that
 * outlives a selection — the decoder override and protobuf schema of its payloads.
 */
public record LiveConnection(String name, Optional<Connection> connection, CaptureLog log,
                             ConnectionTemplate template, DecodeSettings decoding) {

    /** A connection made without a template, or loaded from a file: the template is what is known of it. */
    public LiveConnection(String name, Optional<Connection> connection, CaptureLog log) {
        this(name, connection, log, templateOf(connection, log));
    }

    public LiveConnection(String name, Optional<Connection> connection, CaptureLog log, ConnectionTemplate template) {
        this(name, connection, log, template, new DecodeSettings(log::subprotocol));
    }

    /** Why the connection failed, in words; empty while it has not. */
    public Optional<FailureReason> failure() {
        return connection.filter(c -> c.state() == ConnectionState.FAILED)
                .flatMap(c -> FailureReason.of(c.failure()));
    }

    public String stateText() {
        // Without a connection of the engine's: read from a file, relayed by the proxy (open until its end is
        // recorded), or captured here by a replay or a mock.
        return connection.map(c -> c.state().name().toLowerCase(Locale.ROOT)).orElse(!log.live() ? "loaded"
                : proxied().isEmpty() ? "captured" : log.counters().closed() ? "closed" : "open");
    }

    /**
     * A {@code wss} connection made with verification off — live, or loaded from a session file that kept its
     * options: the warning stays on it either way.
     */
    public boolean insecure() {
        return connection.map(c -> c.spec().tls().insecure() && c.spec().secure())
                .orElseGet(() -> options().tls().insecure()
                        && log.label().toLowerCase(Locale.ROOT).startsWith("wss:"));
    }

    /**
     * Everything but the target: the live spec's, or what the session file kept (defaults for a file written before
     * options were kept), so a loaded connection can be made again as it was.
     */
    public ConnectionOptions options() {
        return connection.map(c -> ConnectionOptions.of(c.spec()))
                .orElseGet(() -> ConnectionSetup.read(log.setup(), log.label()).options());
    }

    /** Strict or Observe: the live spec's, or what the session file kept (Strict for files older than the mode). */
    public ProtocolMode mode() {
        return options().mode();
    }

    /**
     * The URL to show in lists and tooltips: as written (with {@code {{variables}}}), query tokens and this
     * connection's secret values masked — never a resolved secret.
     */
    public String shownUrl() {
        return Redactor.url(template.url(), log.secrets());
    }

    /** For a WebSocket recorded by the proxy (live or from a file): its URL and the app's address. */
    public Optional<ProxiedLabel> proxied() {
        return connection.isPresent() ? Optional.empty() : ProxiedLabel.parse(log.label());
    }

    private static ConnectionTemplate templateOf(Optional<Connection> connection, CaptureLog log) {
        if (connection.isPresent()) {
            return ConnectionTemplate.of(connection.get().spec());
        }
        return ConnectionSetup.read(log.setup(), log.label()).template();
    }
}
