package dev.framescope.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Stamp;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.capture.io.SessionReader.LoadProblem;
import dev.framescope.capture.io.SessionVisitor;
import dev.framescope.capture.io.SessionWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** A session file of either version as version 1 text, for tests that read what a file holds. */
public final class SessionText {

    private SessionText() {
    }

    /** The file as version 1 JSON Lines (nothing more redacted than the file already is). */
    public static String v1(Path file) throws IOException {
        Path text = Files.createTempFile("framescope-test-", ".fscap");
        try (SessionWriter writer = new SessionWriter(text, true)) {
            long[] seq = {0};
            SessionFiles.stream(file, new SessionVisitor() {
                @Override
                public CaptureLog connection(long id, JsonNode line) {
                    return SessionFiles.contextLog(id, line);
                }

                @Override
                public void event(CaptureLog log, long nanos, Function<Stamp, CaptureEvent> event) {
                    try {
                        writer.write(log, List.of(event.apply(new Stamp(log.connectionId(), seq[0]++, nanos))));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void problem(LoadProblem problem) {
                }
            });
        }
        try {
            return Files.readString(text);
        } finally {
            Files.delete(text);
        }
    }

    /** The file's bytes as ISO-8859-1 text: what a search of the file for a secret would see. */
    public static String raw(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }
}
