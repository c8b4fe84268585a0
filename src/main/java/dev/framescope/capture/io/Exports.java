package dev.framescope.capture.io;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.text.EventText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every export in one place, for the command line and the window alike: whole connections as pcapng, HAR, JSON
 * Lines or text, and a selection of frames or messages as JSON Lines or text. Secrets are redacted unless
 * {@code keepSecrets}. JSON Lines frames and messages carry a {@code decoded} member ({@link DecodedJson}), and
 * the intercepting proxy's marks ({@link RelayJson}).
 */
public final class Exports {

    /** What an export produces, and the file extension it gets. */
    public enum Format {
        PCAPNG("pcapng", "Wireshark / tshark capture"),
        HAR("har", "HAR with WebSocket messages (Chrome DevTools)"),
        JSON("jsonl", "JSON Lines: one frame or message per line"),
        TEXT("txt", "Text: one line per frame, as the command line prints it");

        private final String extension;
        private final String description;

        Format(String extension, String description) {
            this.extension = extension;
            this.description = description;
        }

        public String extension() {
            return extension;
        }

        public String description() {
            return description;
        }

        /** The format a file name asks for by its extension ({@code .json} counts as JSON Lines). */
        public static Optional<Format> forFileName(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            for (Format f : values()) {
                if (lower.endsWith("." + f.extension)) {
                    return Optional.of(f);
                }
            }
            return lower.endsWith(".json") ? Optional.of(JSON) : Optional.empty();
        }
    }

    private Exports() {
    }

    /** Whole connections. */
    public static void write(Format format, List<CaptureLog> logs, boolean keepSecrets, OutputStream out)
            throws IOException {
        switch (format) {
            case PCAPNG -> new PcapngWriter(out, keepSecrets).write(logs);
            case HAR -> Har.write(logs, keepSecrets, out);
            case JSON, TEXT -> {
                for (CaptureLog log : logs) {
                    writeEvents(format, log, log.readFrom(0, log.size()), keepSecrets, out);
                }
            }
        }
        out.flush();
    }

    /**
     * Chosen events of one connection: frames and messages (in JSON also the intercepting proxy's marks, as a
     * {@code relay} line each, and a {@code proxy} member on a frame or message whose mark came before it; other
     * events are skipped in JSON; in text every event that has a line gets it, query tokens in request lines and
     * URLs masked). Only {@link Format#JSON} and {@link Format#TEXT} can hold a selection.
     */
    public static void writeEvents(Format format, CaptureLog log, List<? extends CaptureEvent> events,
                                   boolean keepSecrets, OutputStream out) throws IOException {
        if (format != Format.JSON && format != Format.TEXT) {
            throw new IllegalArgumentException(format + " holds whole connections, not a selection");
        }
        Optional<String> subprotocol = format == Format.JSON ? log.subprotocol() : Optional.empty();
        for (CaptureEvent e : events) {
            // Only a mark that came before the event: what a stream from a file knows when the event comes.
            Optional<CaptureEvent.RelayEvent> mark = log.relayMark(e.seq()).filter(r -> r.seq() < e.seq());
            writeEvent(format, log, e, subprotocol, mark, keepSecrets, out);
        }
    }

    /**
     * One event as {@link #writeEvents} writes it; {@code subprotocol} is the connection's, for decoding, and
     * {@code mark} the proxy's mark of a frame or message met before it.
     */
    static void writeEvent(Format format, CaptureLog log, CaptureEvent e, Optional<String> subprotocol,
                           Optional<CaptureEvent.RelayEvent> mark, boolean keepSecrets, OutputStream out)
            throws IOException {
        Optional<String> line = format == Format.JSON ? jsonLine(log, e, subprotocol, mark, keepSecrets)
                : EventText.line(log, e, mark).map(l -> keepSecrets ? l : Redactor.text(l, log.secrets()));
        if (line.isPresent()) {
            out.write((line.get() + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Optional<String> jsonLine(CaptureLog log, CaptureEvent e, Optional<String> subprotocol,
                                             Optional<CaptureEvent.RelayEvent> mark, boolean keepSecrets) {
        if (e instanceof CaptureEvent.RelayEvent) {
            return Optional.of(SessionJson.toJson(log, e, keepSecrets).toString());
        }
        if (!(e instanceof CaptureEvent.FrameEvent) && !(e instanceof CaptureEvent.MessageEvent)) {
            return Optional.empty();
        }
        var json = SessionJson.toJson(log, e, keepSecrets);
        DecodedJson.add(json, e, subprotocol, keepSecrets ? b -> b : b -> Redactor.payload(b, log.secrets()));
        mark.ifPresent(r -> RelayJson.add(json, r));
        return Optional.of(json.toString());
    }

    /** {@link #writeEvents} into a string, for the clipboard. */
    public static String eventsAsString(Format format, CaptureLog log, List<? extends CaptureEvent> events,
                                        boolean keepSecrets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeEvents(format, log, events, keepSecrets, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
