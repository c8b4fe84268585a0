package dev.framescope.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.capture.io.SessionOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run's report directory: {@code index.json} in Autobahn's layout ({@code {agent: {case: {behavior,
 * behaviorClose, duration, remoteCloseCode, reportfile}}}}) so existing dashboards read it, {@code index.html} (a
 * summary by category, the table of cases, and per case its expectation, what happened and the frames both ways),
 * and per case a JSON report ({@code reportfile}) and a session file that opens in the window.
 */
public final class ProbeReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int PREVIEW_BYTES = 64;

    private ProbeReport() {
    }

    /** The agent as Autobahn writes it into file names: lower case, anything but letters and digits as '_'. */
    public static String fileAgent(String agent) {
        return agent.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
    }

    public static String sessionFile(String agent, ProbeCase c) {
        return fileAgent(agent) + "_case_" + c.fileId() + ".fscap";
    }

    public static String reportFile(String agent, ProbeCase c) {
        return fileAgent(agent) + "_case_" + c.fileId() + ".json";
    }

    /** Writes everything into {@code dir} (created if missing). */
    public static void write(Path dir, String agent, String url, List<CaseResult> results) throws IOException {
        Files.createDirectories(dir);
        for (CaseResult r : results) {
            writeSession(dir.resolve(sessionFile(agent, r.probeCase())), r.log());
            JSON.writeValue(dir.resolve(reportFile(agent, r.probeCase())).toFile(), caseJson(agent, r));
        }
        JSON.writeValue(dir.resolve("index.json").toFile(), index(agent, results));
        Files.writeString(dir.resolve("index.html"), ReportHtml.page(agent, url, results), StandardCharsets.UTF_8);
    }

    /** One case's capture as a session file, read from its log in batches. */
    public static void writeSession(Path file, CaptureLog log) throws IOException {
        try (SessionOutput out = SessionFiles.create(file, false)) {
            int from = 0;
            while (true) {
                List<CaptureEvent> batch = log.readFrom(from, 4096);
                if (batch.isEmpty()) {
                    break;
                }
                out.write(log, batch);
                from += batch.size();
            }
        }
    }

    /** Autobahn's {@code index.json}. */
    public static ObjectNode index(String agent, List<CaseResult> results) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode cases = root.putObject(agent);
        for (CaseResult r : results) {
            ObjectNode c = cases.putObject(r.id());
            c.put("behavior", r.grade().behavior().label());
            c.put("behaviorClose", r.grade().close().label());
            c.put("duration", r.durationMillis());
            if (r.observation().remoteCloseCode().isPresent()) {
                c.put("remoteCloseCode", r.observation().remoteCloseCode().getAsInt());
            } else {
                c.putNull("remoteCloseCode");
            }
            c.put("reportfile", reportFile(agent, r.probeCase()));
        }
        return root;
    }

    /** One case's report: Autobahn's fields plus ours (the RFC clause, the violation id, the session file). */
    public static ObjectNode caseJson(String agent, CaseResult r) {
        ProbeCase c = r.probeCase();
        ObjectNode o = JSON.createObjectNode();
        o.put("agent", agent);
        o.put("id", c.id());
        o.put("description", c.description());
        o.put("expectation", c.expectation());
        o.put("rfc", c.rfc());
        c.rule().ifPresent(v -> o.put("violation", v.id()));
        o.put("behavior", r.grade().behavior().label());
        o.put("behaviorClose", r.grade().close().label());
        o.put("result", r.grade().result());
        o.put("resultClose", r.grade().resultClose());
        o.put("serverDid", r.grade().serverDid());
        o.put("duration", r.durationMillis());
        Observation ob = r.observation();
        o.put("closedByMe", ob.closedByMe());
        o.put("wasClean", ob.clean());
        o.put("droppedByMe", ob.droppedByMe());
        if (ob.remoteCloseCode().isPresent()) {
            o.put("remoteCloseCode", ob.remoteCloseCode().getAsInt());
        } else {
            o.putNull("remoteCloseCode");
        }
        o.put("remoteCloseReason", ob.remoteReason());
        o.put("acceptedExtensions", ob.accepted());
        ArrayNode findings = o.putArray("serverFindings");
        ob.serverFindings().forEach(findings::add);
        received(o.putArray("received"), ob.received());
        ObjectNode expected = o.putObject("expected");
        for (Map.Entry<Verdict, List<Received>> e : c.expected().entrySet()) {
            received(expected.putArray(e.getKey().label()), e.getValue());
        }
        ObjectNode close = o.putObject("expectedClose");
        close.put("closedByMe", c.close().closedByMe());
        ArrayNode codes = close.putArray("closeCode");
        c.close().codes().forEach(codes::add);
        close.put("requireClean", c.close().requireClean());
        o.put("session", sessionFile(agent, c));
        return o;
    }

    private static void received(ArrayNode into, List<Received> items) {
        for (Received r : items) {
            ObjectNode n = into.addObject();
            n.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
            n.put("length", r.length());
            if (r.kind() == Received.Kind.MESSAGE) {
                n.put("binary", r.binary());
            }
            byte[] p = r.payload();
            n.put("hex", HexFormat.of().formatHex(p, 0, Math.min(p.length, PREVIEW_BYTES)));
        }
    }

    static String toJson(ObjectNode node) throws IOException {
        return JSON.writeValueAsString(node);
    }
}
