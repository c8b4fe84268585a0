package dev.framescope.capture.io;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a session file while capturing: a header line, then one JSON line per event, flushed after every batch so
 * a crash loses at most the line being written. Secrets are redacted unless {@code keepSecrets}.
 */
public final class SessionWriter implements SessionOutput {

    private final BufferedWriter out;
    private final boolean keepSecrets;
    private final Set<Long> announced = new HashSet<>();
    private long lines;

    public SessionWriter(Path file, boolean keepSecrets) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.keepSecrets = keepSecrets;
        ObjectNode header = JsonNodeFactory.instance.objectNode().put("format", SessionFormat.FORMAT)
                .put("version", SessionFormat.VERSION).put("created", Instant.now().toString())
                .put("tool", "framescope").put("secretsRedacted", !keepSecrets);
        writeLine(header);
        out.flush();
    }

    /** Writes events of one log, in order, and flushes. */
    public void write(CaptureLog log, List<CaptureEvent> events) throws IOException {
        if (announced.add(log.connectionId())) {
            ObjectNode line = JsonNodeFactory.instance.objectNode().put("type", "connection")
                    .put("conn", log.connectionId())
                    .put("label", keepSecrets ? log.label() : Redactor.url(log.label(), log.secrets()))
                    .put("start", log.wallAnchor().toString());
            SessionSecrets.write(line, log, keepSecrets);
            writeLine(line);
        }
        for (CaptureEvent e : events) {
            writeLine(SessionJson.toJson(log, e, keepSecrets));
        }
        out.flush();
    }

    @Override
    public long events() {
        return lines - 1 - announced.size();
    }

    public long lines() {
        return lines;
    }

    private void writeLine(ObjectNode node) throws IOException {
        out.write(node.toString());
        out.write('\n');
        lines++;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
