package dev.framescope.capture.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.PayloadStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** The file is not a session file at all (wrong header or a future version). */
    public static final class NotASessionException extends IOException {
        NotASessionException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long LONGEST_LINE = 256L * 1024 * 1024;

    private SessionReader() {
    }

    /** Loads a session file of either version (a version 2 file through {@link SessionFiles#load}). */
    public static Loaded read(Path file, long payloadBudget) throws IOException {
        return SessionV2Reader.isV2(file) ? SessionFiles.load(file, payloadBudget) : readV1(file, payloadBudget);
    }

    static Loaded readV1(Path file, long payloadBudget) throws IOException {
        Map<Long, CaptureLog> logs = new LinkedHashMap<>();
        List<LoadProblem> problems = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            checkHeader(file, in.readLine());
            String line;
            long number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                if (line.length() > LONGEST_LINE) {
                    problems.add(new LoadProblem(number, "line longer than " + LONGEST_LINE + " characters"));
                    continue;
                }
                load(line, number, logs, problems, payloadBudget);
            }
        }
        return new Loaded(List.copyOf(logs.values()), problems);
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
                             long budget) {
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
            CaptureLog log = logs.computeIfAbsent(conn, id -> newLog(id, node.path("label").asText(""),
                    node.path("start").asText(""), budget));
            SessionSecrets.read(node, log);
            return;
        }
        CaptureLog log = logs.computeIfAbsent(conn, id -> newLog(id, "connection " + id, "", budget));
        long nanos = log.nanoAnchor() + Math.round(node.path("t").asDouble(0) * 1e9);
        try {
            log.append(nanos, stamp -> SessionJson.fromJson(node, stamp, log));
        } catch (RuntimeException e) {
            problems.add(new LoadProblem(number, "cannot load " + node.path("type").asText("an event") + ": "
                    + e.getMessage()));
        }
    }

    private static CaptureLog newLog(long id, String label, String start, long budget) {
        Instant wall;
        try {
            wall = start.isEmpty() ? Instant.EPOCH : Instant.parse(start);
        } catch (DateTimeParseException e) {
            wall = Instant.EPOCH;
        }
        return new CaptureLog(id, label, new PayloadStore(budget), 0, wall);
    }
}
