package dev.framescope.capture.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.MemoryBudget;
import dev.framescope.capture.PayloadStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a session file tolerantly: a truncated or corrupted line is reported with its line number and skipped, and
 * everything else loads. Only the JSON tree model is used; nothing in the file picks a class to instantiate.
 */
public final class SessionReader {

    /** A line that could not be loaded. */
    public record LoadProblem(long line, String message, String unit) {
        public LoadProblem(long line, String message) {
            this(line, message, "line");
        }

        /** A damaged record of a version 2 file, by record number and byte offset. */
        public static LoadProblem record(long number, long offset, String message) {
            return new LoadProblem(number, "byte offset " + offset + ": " + message, "record");
        }

        @Override
        public String toString() {
            return line > 0 ? unit + " " + line + ": " + message : message;
        }
    }

    /** What was loaded. */
    public record Loaded(List<CaptureLog> logs, List<LoadProblem> problems) {
    }

    /** The file is not a session file at all (another kind of file, a wrong header or a future version). */
    public static final class NotASessionException extends IOException {
        private final FileKind kind;

        NotASessionException(String message) {
            this(message, FileKind.TEXT);
        }

        NotASessionException(String message, FileKind kind) {
            super(message);
            this.kind = kind;
        }

        /** What the file looked like instead: {@link FileKind#TEXT} when it is text with the wrong header. */
        public FileKind kind() {
            return kind;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long LONGEST_LINE = 256L * 1024 * 1024;

    private SessionReader() {
    }

    /** Loads a session file of either version (a version 2 file through {@link SessionFiles#load}). */
    public static Loaded read(Path file, long payloadBudget) throws IOException {
        return SessionFiles.load(file, payloadBudget);
    }

    static Loaded readV1(Path file, MemoryBudget payloadBudget, SessionFiles.LoadListener listener)
            throws IOException {
        Map<Long, CaptureLog> logs = new LinkedHashMap<>();
        List<LoadProblem> problems = new ArrayList<>();
        checkFile(file);
        // Read as ISO-8859-1 (every byte one char, so nothing fails here), then decode each line as UTF-8: a
        // corrupted line is reported and skipped, and the lines after it still load. UTF-8 never uses the bytes
        // of \n and \r inside a character, so the line breaks are the same either way.
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String first = in.readLine();
            checkHeader(file, utf8(first).orElse(""));
            String raw;
            long number = 1;
            // One char per byte: the offset is the lengths read so far plus their line breaks (CRLF counted as one).
            long offset = first.length() + 1L;
            while ((raw = in.readLine()) != null) {
                number++;
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("reading stopped at line " + number + " (interrupted)");
                }
                listener.position(offset);
                offset += raw.length() + 1L;
                if (raw.isBlank()) {
                    continue;
                }
                if (raw.length() > LONGEST_LINE) {
                    problems.add(new LoadProblem(number, "line longer than " + LONGEST_LINE + " characters"));
                    continue;
                }
                Optional<String> line = utf8(raw);
                if (line.isEmpty()) {
                    problems.add(new LoadProblem(number, "not UTF-8 text (corrupted)"));
                    continue;
                }
                load(line.get(), number, logs, problems, payloadBudget, listener);
            }
        }
        return new Loaded(List.copyOf(logs.values()), problems);
    }

    /** The line's bytes (one char each) decoded as UTF-8, or empty when they are not UTF-8. */
    static Optional<String> utf8(String latin1) {
        if (latin1 == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1))).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Refuses a directory, and a file of another kind, naming what it is (before reading it as version 1). */
    public static void checkFile(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file.toAbsolutePath() + " is a directory, not a session file");
        }
        checkKind(file, FileKind.of(file));
    }

    private static void checkKind(Path file, FileKind kind) throws NotASessionException {
        switch (kind) {
            case PCAPNG, PCAP -> throw new NotASessionException(file + " is " + kind.description()
                    + ", not a Framescope session: open it in Wireshark", kind);
            case HAR -> throw new NotASessionException(file + " is a HAR file, not a Framescope session: import it "
                    + "(File → Import HAR, or framescope import-har)", kind);
            case BINARY -> throw new NotASessionException(file + " is not a Framescope session file: it holds binary "
                    + "data, and a session file is JSON Lines text", kind);
            case EMPTY -> throw new NotASessionException(file + " is empty, not a Framescope session", kind);
            case TEXT -> {
                // The header line decides.
            }
        }
    }

    static void checkHeader(Path file, String first) throws IOException {
        if (first == null) {
            throw new NotASessionException(file + " is empty, not a Framescope session");
        }
        JsonNode header;
        try {
            header = MAPPER.readTree(first);
        } catch (JsonProcessingException e) {
            throw new NotASessionException(file + " line 1 is not JSON: not a Framescope session file");
        }
        if (!SessionFormat.FORMAT.equals(header.path("format").asText())) {
            throw new NotASessionException(file + " line 1 does not declare format \"" + SessionFormat.FORMAT + "\"");
        }
        int version = header.path("version").asInt(-1);
        if (version != SessionFormat.VERSION) {
            throw new NotASessionException(file + " is session format version " + version + "; this Framescope reads "
                    + "version " + SessionFormat.VERSION);
        }
    }

    private static void load(String line, long number, Map<Long, CaptureLog> logs, List<LoadProblem> problems,
                             MemoryBudget budget, SessionFiles.LoadListener listener) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            problems.add(new LoadProblem(number, "not valid JSON (truncated or corrupted): "
                    + e.getOriginalMessage()));
            return;
        }
        if (!node.isObject() || !node.path("type").isTextual() || !node.path("conn").canConvertToLong()) {
            problems.add(new LoadProblem(number, "not a session event (an object with \"type\" and \"conn\")"));
            return;
        }
        long conn = node.path("conn").asLong(0);
        if ("connection".equals(node.path("type").asText())) {
            CaptureLog known = logs.get(conn);
            CaptureLog log = known != null ? known : newLog(conn, node.path("label").asText(""),
                    node.path("start").asText(""), budget);
            SessionSecrets.read(node, log);
            if (known == null) {
                logs.put(conn, log);
                listener.connection(log);
            }
            return;
        }
        CaptureLog log = logs.get(conn);
        if (log == null) {
            log = newLog(conn, "connection " + conn, "", budget);
            logs.put(conn, log);
            listener.connection(log);
        }
        CaptureLog events = log;
        long nanos = log.nanoAnchor() + Math.round(node.path("t").asDouble(0) * 1e9);
        try {
            log.append(nanos, stamp -> SessionJson.fromJson(node, stamp, events));
        } catch (RuntimeException e) {
            problems.add(new LoadProblem(number, "cannot load " + node.path("type").asText("an event") + ": "
                    + e.getMessage()));
        }
    }

    private static CaptureLog newLog(long id, String label, String start, MemoryBudget budget) {
        Instant wall;
        try {
            wall = start.isEmpty() ? Instant.EPOCH : Instant.parse(start);
        } catch (DateTimeParseException e) {
            wall = Instant.EPOCH;
        }
        return new CaptureLog(id, label, new PayloadStore(budget), 0, wall);
    }
}
