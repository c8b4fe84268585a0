package dev.framescope.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A replay's result as a text summary (for people) and as JSON (for CI), both listing every difference. */
public final class ReplayReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReplayReport() {
    }

    /** A few lines: the verdict, the counts, then each message that is not the same and each problem. */
    public static List<String> text(ReplayResult r, Timing timing) {
        Recording rec = r.recording();
        List<String> lines = new ArrayList<>();
        lines.add("replay of connection " + rec.connectionId() + " (" + rec.label() + ") against " + r.url() + ": "
                + (r.matches() ? "matches" : "differs"));
        lines.add("  sent " + r.sent() + " of " + rec.client().size() + " message(s) (timing " + timing.word()
                + "); server messages: " + rec.server().size() + " recorded, " + r.replayed().size() + " replayed");
        if (rec.messageLevel()) {
            lines.add("  the session was imported from HAR: messages are replayed, frames are not");
        }
        lines.add("  same " + r.count(Outcome.Verdict.SAME) + ", changed " + r.count(Outcome.Verdict.CHANGED)
                + ", missing " + r.count(Outcome.Verdict.MISSING) + ", extra " + r.count(Outcome.Verdict.EXTRA));
        for (Outcome o : r.outcomes()) {
            if (o.verdict() == Outcome.Verdict.SAME) {
                continue;
            }
            String which = o.recorded().isPresent() ? "recorded #" + (o.recorded().getAsInt() + 1)
                    : "replayed #" + (o.replayed().getAsInt() + 1);
            String head = "  " + o.verdict().words() + " " + which + o.key().map(k -> " (" + k + ")").orElse("");
            switch (o.verdict()) {
                case CHANGED -> o.differences().forEach(d -> lines.add(head + ": " + d));
                case MISSING -> lines.add(head + ": " + o.recordedText());
                default -> lines.add(head + ": " + o.replayedText());
            }
        }
        r.problems().forEach(p -> lines.add("  problem: " + p));
        return lines;
    }

    /** The whole result as a JSON document. */
    public static String json(ReplayResult r, Timing timing, String session) {
        Recording rec = r.recording();
        ObjectNode root = JSON.createObjectNode();
        root.put("session", session);
        root.put("connection", rec.connectionId());
        root.put("recordedUrl", rec.label());
        root.put("url", r.url());
        root.put("timing", timing.word());
        root.put("matches", r.matches());
        root.put("messageLevel", rec.messageLevel());
        root.put("sent", r.sent());
        root.put("clientMessages", rec.client().size());
        root.put("recordedServerMessages", rec.server().size());
        root.put("replayedServerMessages", r.replayed().size());
        ObjectNode counts = root.putObject("counts");
        for (Outcome.Verdict v : Outcome.Verdict.values()) {
            counts.put(v.words(), r.count(v));
        }
        ArrayNode problems = root.putArray("problems");
        r.problems().forEach(problems::add);
        ArrayNode messages = root.putArray("messages");
        for (Outcome o : r.outcomes()) {
            ObjectNode m = messages.addObject();
            m.put("verdict", o.verdict().words());
            o.recorded().ifPresent(i -> m.put("recorded", i + 1));
            o.replayed().ifPresent(i -> m.put("replayed", i + 1));
            o.key().ifPresent(k -> m.put("key", k));
            ArrayNode diffs = m.putArray("differences");
            for (Difference d : o.differences()) {
                diffs.addObject().put("where", d.where()).put("recorded", d.recorded()).put("replayed", d.replayed());
            }
            if (o.verdict() != Outcome.Verdict.SAME) {
                m.put("recordedText", o.recordedText());
                m.put("replayedText", o.replayedText());
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
