package dev.framescope.capture.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.MemoryBudget;
import dev.framescope.capture.Payload;
import dev.framescope.capture.PayloadStore;
import dev.framescope.capture.Stamp;
import dev.framescope.capture.io.SessionReader.LoadProblem;
import dev.framescope.wire.FrameHeader;
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
import java.util.Optional;
import java.util.function.Function;

/**
 * Session files of either version behind one door: new files are written as version 2; version 1 and 2 files are
 * read alike, either loaded into logs (the window) or streamed event by event in bounded memory (inspect, export,
 * convert).
 */
public final class SessionFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** What a streamed version 1 file may keep of its payloads on the heap before they go to a spill file. */
    private static final long STREAM_BUDGET = 16L << 20;
    /**
     * What the window gives a file it opens: index and payloads of all its connections in memory together, the
     * rest in spill files. A file's events are on disk already, so the memory only buys speed; with this, opening
     * a file of any size stays within 400 MB of RSS at the default heap (375–384 MB for a million frames, 402–412
     * MB with 64 MiB: docs/benchmarks.md).
     */
    public static final long OPEN_BUDGET = 32L << 20;

    private SessionFiles() {
    }

    /** A new session file in the current version (2). */
    public static SessionOutput create(Path file, boolean keepSecrets) throws IOException {
        return new SessionV2Writer(file, keepSecrets);
    }

    /** A new session file in the given version, for {@code convert}. */
    public static SessionOutput create(Path file, boolean keepSecrets, int version) throws IOException {
        return version == 1 ? new SessionWriter(file, keepSecrets) : new SessionV2Writer(file, keepSecrets);
    }

    /** The version of a session file: 2 by its magic bytes, else 1 (the version 1 reader checks its header). */
    public static int version(Path file) throws IOException {
        return SessionV2Reader.isV2(file) ? 2 : 1;
    }

    /**
     * What a load tells while it runs, on the reading thread: a window shows each log as soon as it exists (its
     * events are appended as they are read, and a {@link CaptureLog} may be read while it grows) and a progress bar.
     */
    public interface LoadListener {

        /** Nothing to tell. */
        LoadListener NONE = new LoadListener() {
        };

        /** A connection's log, set up (label, secrets, set-up) and still empty: its events follow. */
        default void connection(CaptureLog log) {
        }

        /** The load has read the file up to byte {@code offset}. */
        default void position(long offset) {
        }
    }

    /**
     * Loads every connection of the file into logs: their index and payloads share {@code budget} bytes of heap,
     * the rest goes to spill files.
     */
    public static SessionReader.Loaded load(Path file, long budget) throws IOException {
        return load(file, budget, LoadListener.NONE);
    }

    /**
     * Loads as {@link #load(Path, long)} does, telling {@code listener} of each log as it starts and of the position
     * in the file. An interrupted thread stops the load with an {@link java.io.InterruptedIOException}; the logs
     * handed out so far keep what was read.
     */
    public static SessionReader.Loaded load(Path file, long budget, LoadListener listener) throws IOException {
        MemoryBudget payloadBudget = new MemoryBudget(budget);
        if (version(file) == 1) {
            return SessionReader.readV1(file, payloadBudget, listener);
        }
        Map<Long, CaptureLog> logs = new LinkedHashMap<>();
        List<LoadProblem> problems = new ArrayList<>();
        SessionV2Reader.read(file, new SessionVisitor() {
            @Override
            public CaptureLog connection(long id, JsonNode line) {
                CaptureLog log = newLog(id, line, PayloadStore.outsideHeap(payloadBudget));
                logs.put(id, log);
                listener.connection(log);
                return log;
            }

            @Override
            public void position(long offset) {
                listener.position(offset);
            }

            @Override
            public void event(CaptureLog log, long nanos, Function<Stamp, CaptureEvent> event) {
                log.append(nanos, event);
            }

            @Override
            public void problem(LoadProblem problem) {
                problems.add(problem);
            }

            @Override
            public Payload payload(CaptureLog log, byte[] bytes) {
                return log.payloads().store(bytes);
            }

            @Override
            public void plainFrame(CaptureLog log, long nanos, FrameHeader header, byte[] payload,
                                   PlainEvents events) {
                log.appendPlainFrame(nanos, header, payload);
            }
        });
        return new SessionReader.Loaded(List.copyOf(logs.values()), problems);
    }

    /**
     * Streams the file's events in file order: the visitor's logs hold no events, so memory does not grow with
     * the file. A version 1 file is streamed line by line (its payloads pass through a small store that spills).
     */
    public static void stream(Path file, SessionVisitor visitor) throws IOException {
        if (version(file) == 2) {
            SessionV2Reader.read(file, visitor);
        } else {
            streamV1(file, visitor);
        }
    }

    /** A log for a connection record: label, wall-clock start, set-up and what to redact. */
    static CaptureLog newLog(long id, JsonNode line, MemoryBudget payloadBudget) {
        return newLog(id, line, new PayloadStore(payloadBudget));
    }

    static CaptureLog newLog(long id, JsonNode line, PayloadStore payloads) {
        String start = line.path("start").asText("");
        Instant wall;
        try {
            wall = start.isEmpty() ? Instant.EPOCH : Instant.parse(start);
        } catch (DateTimeParseException e) {
            wall = Instant.EPOCH;
        }
        CaptureLog log = new CaptureLog(id, line.path("label").asText("connection " + id), payloads, 0, wall);
        SessionSecrets.read(line, log);
        return log;
    }

    /** A log for streaming: events are not appended to it; it carries the connection's facts. */
    public static CaptureLog contextLog(long id, JsonNode line) {
        return newLog(id, line, new MemoryBudget(STREAM_BUDGET));
    }

    private static void streamV1(Path file, SessionVisitor visitor) throws IOException {
        Map<Long, CaptureLog> logs = new LinkedHashMap<>();
        SessionReader.checkFile(file);
        // Each line decoded on its own (see SessionReader.readV1): a line that is not UTF-8 costs only itself.
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            SessionReader.checkHeader(file, SessionReader.utf8(in.readLine()).orElse(""));
            String raw;
            long number = 1;
            while ((raw = in.readLine()) != null) {
                number++;
                if (raw.isBlank()) {
                    continue;
                }
                Optional<String> line = SessionReader.utf8(raw);
                if (line.isPresent()) {
                    streamLine(line.get(), number, logs, visitor);
                } else {
                    visitor.problem(new LoadProblem(number, "not UTF-8 text (corrupted)"));
                }
            }
        }
    }

    private static void streamLine(String line, long number, Map<Long, CaptureLog> logs, SessionVisitor visitor) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (IOException e) {
            visitor.problem(new LoadProblem(number, "not valid JSON (truncated or corrupted)"));
            return;
        }
        if (!node.isObject() || !node.path("type").isTextual() || !node.path("conn").canConvertToLong()) {
            visitor.problem(new LoadProblem(number, "not a session event (an object with \"type\" and \"conn\")"));
            return;
        }
        long conn = node.path("conn").asLong(0);
        if ("connection".equals(node.path("type").asText())) {
            logs.computeIfAbsent(conn, id -> visitor.connection(id, node));
            return;
        }
        if (!visitor.wantsEvents()) {
            return;
        }
        CaptureLog log = logs.computeIfAbsent(conn, id -> visitor.connection(id, MAPPER.createObjectNode()
                .put("conn", id).put("label", "connection " + id)));
        long nanos = Math.round(node.path("t").asDouble(0) * 1e9);
        try {
            visitor.event(log, nanos, stamp -> SessionJson.fromJson(node, stamp, log));
        } catch (RuntimeException e) {
            visitor.problem(new LoadProblem(number, "cannot load " + node.path("type").asText("an event") + ": "
                    + e.getMessage()));
        }
    }
}
