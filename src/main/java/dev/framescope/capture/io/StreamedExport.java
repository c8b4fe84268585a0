package dev.framescope.capture.io;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.wire.FrameHeader;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An export fed one event at a time from a streamed session file ({@link SessionFiles#stream}): no format holds a
 * connection's events (HAR parks each connection's messages in a temporary file), so an export of any size runs in
 * bounded memory. The output is what
 * {@link Exports#write} makes of the same connections.
 */
public final class StreamedExport {

    private final Exports.Format format;
    private final boolean keepSecrets;
    private final OutputStream out;
    private final PcapngWriter pcapng;
    private final HarStream har;
    private final Map<Long, Optional<String>> subprotocols = new HashMap<>();
    private final PlainFrameJson plainJson;
    private final StreamedMarks marks = new StreamedMarks();

    /** @param connections every connection of the file (pcapng names them in its section header) */
    public StreamedExport(Exports.Format format, List<CaptureLog> connections, boolean keepSecrets, OutputStream out)
            throws IOException {
        this.format = format;
        this.keepSecrets = keepSecrets;
        this.out = out;
        this.plainJson = new PlainFrameJson(out);
        this.pcapng = format == Exports.Format.PCAPNG ? new PcapngWriter(out, keepSecrets) : null;
        if (pcapng != null) {
            pcapng.begin(connections);
        }
        this.har = format == Exports.Format.HAR ? new HarStream(connections, keepSecrets, out) : null;
    }

    /**
     * A plain frame received and its one-frame message, numbered {@code seq} and {@code seq + 1}
     * ({@link SessionVisitor#plainFrame}), written without building the two events when the format allows it;
     * false when it does not, and the two events should come to {@link #event} instead. A frame the intercepting
     * proxy wrote toward the app (an injection, an edit) can look plain: its mark, met before it, says otherwise.
     */
    public boolean plainFrame(CaptureLog log, long seq, long nanos, FrameHeader header, byte[] payload)
            throws IOException {
        if (marks.marks(log, seq) || marks.marks(log, seq + 1)) {
            return false;
        }
        if (pcapng != null) {
            return pcapng.plainFrame(log, nanos, header, payload);
        }
        if (format != Exports.Format.JSON || !keepSecrets && !log.secrets().values().isEmpty()) {
            return false;
        }
        plainJson.write(log.connectionId(), seq, nanos - log.nanoAnchor(), header, payload,
                subprotocols.getOrDefault(log.connectionId(), Optional.empty()));
        return true;
    }

    public void event(CaptureLog log, CaptureEvent e) throws IOException {
        plainJson.flush();
        marks.seen(log, e);
        Optional<CaptureEvent.RelayEvent> mark = marks.take(log, e.seq());
        if (pcapng != null) {
            pcapng.event(log, e);
            return;
        }
        if (har != null) {
            har.event(log, e);
            return;
        }
        if (e instanceof CaptureEvent.HandshakeEvent h && !subprotocols.containsKey(log.connectionId())) {
            subprotocols.put(log.connectionId(), h.subprotocol());
        }
        Exports.writeEvent(format, log, e, subprotocols.getOrDefault(log.connectionId(), Optional.empty()), mark,
                keepSecrets, out);
    }

    public void finish() throws IOException {
        plainJson.flush();
        if (pcapng != null) {
            pcapng.end();
        }
        if (har != null) {
            har.finish();
        }
        out.flush();
    }
}
