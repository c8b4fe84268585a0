package dev.framescope.capture.io;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An export fed one event at a time from a streamed session file ({@link SessionFiles#stream}): pcapng, JSON Lines
 * and text hold no connection's events, so an export of any size runs in bounded memory. The output is what
 * {@link Exports#write} makes of the same connections.
 */
public final class StreamedExport {

    private final Exports.Format format;
    private final boolean keepSecrets;
    private final OutputStream out;
    private final PcapngWriter pcapng;
    private final Map<Long, Optional<String>> subprotocols = new HashMap<>();

    /** @param connections every connection of the file (pcapng names them in its section header) */
    public StreamedExport(Exports.Format format, List<CaptureLog> connections, boolean keepSecrets, OutputStream out)
            throws IOException {
        if (format == Exports.Format.HAR) {
            throw new IllegalArgumentException("HAR keeps each connection's messages together: load it instead");
        }
        this.format = format;
        this.keepSecrets = keepSecrets;
        this.out = out;
        this.pcapng = format == Exports.Format.PCAPNG ? new PcapngWriter(out, keepSecrets) : null;
        if (pcapng != null) {
            pcapng.begin(connections);
        }
    }

    public static boolean streams(Exports.Format format) {
        return format != Exports.Format.HAR;
    }

    public void event(CaptureLog log, CaptureEvent e) throws IOException {
        if (pcapng != null) {
            pcapng.event(log, e);
            return;
        }
        if (e instanceof CaptureEvent.HandshakeEvent h && !subprotocols.containsKey(log.connectionId())) {
            subprotocols.put(log.connectionId(), h.subprotocol());
        }
        Exports.writeEvent(format, log, e, subprotocols.getOrDefault(log.connectionId(), Optional.empty()),
                keepSecrets, out);
    }

    public void finish() throws IOException {
        if (pcapng != null) {
            pcapng.end();
        }
        out.flush();
    }
}
