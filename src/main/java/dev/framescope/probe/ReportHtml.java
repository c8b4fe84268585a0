package dev.framescope.probe;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.Direction;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.Utf8Validator;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's {@code index.html}: one self-contained page, no scripts. */
final class ReportHtml {

    private static final int FRAME_ROWS = 200;
    private static final int PREVIEW_BYTES = 48;

    private ReportHtml() {
    }

    static String page(String agent, String url, List<CaseResult> results) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Framescope probe: ")
                .append(esc(agent)).append("</title>\n<style>")
                .append("body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}")
                .append(".OK{background:#cfc}.NON-STRICT,.INFORMATIONAL,.UNIMPLEMENTED{background:#ffc}")
                .append(".FAILED{background:#fcc}.WRONG.CODE,.UNCLEAN,.FAILED.BY.CLIENT{background:#fdb}")
                .append("code{font:12px ui-monospace,monospace}</style></head><body>\n");
        h.append("<h1>Framescope conformance probe</h1>\n<p>Agent <b>").append(esc(agent)).append("</b> at <code>")
                .append(esc(url)).append("</code>: ").append(results.size()).append(" cases, ")
                .append(results.stream().filter(r -> r.grade().failed()).count()).append(" failed.</p>\n");
        summary(h, results);
        table(h, results);
        for (CaseResult r : results) {
            detail(h, agent, r);
        }
        return h.append("</body></html>\n").toString();
    }

    private static void summary(StringBuilder h, List<CaseResult> results) {
        Map<String, Map<Verdict, Integer>> byCategory = new LinkedHashMap<>();
        for (CaseResult r : results) {
            byCategory.computeIfAbsent(r.probeCase().category(), k -> new EnumMap<>(Verdict.class))
                    .merge(r.grade().behavior(), 1, Integer::sum);
        }
        h.append("<h2>Summary</h2>\n<table><tr><th>Category</th><th>Cases</th>");
        for (Verdict v : Verdict.values()) {
            h.append("<th>").append(v.label()).append("</th>");
        }
        h.append("</tr>\n");
        byCategory.forEach((cat, counts) -> {
            h.append("<tr><td>").append(cat).append(' ').append(esc(Catalogue.CATEGORIES.getOrDefault(cat, "")))
                    .append("</td><td>").append(counts.values().stream().mapToInt(Integer::intValue).sum())
                    .append("</td>");
            for (Verdict v : Verdict.values()) {
                int n = counts.getOrDefault(v, 0);
                h.append(n > 0 ? "<td class=\"" + v.label() + "\">" + n : "<td>").append("</td>");
            }
            h.append("</tr>\n");
        });
        h.append("</table>\n");
    }

    private static void table(StringBuilder h, List<CaseResult> results) {
        h.append("<h2>Cases</h2>\n<table><tr><th>Case</th><th>Behavior</th><th>Close</th><th>ms</th>")
                .append("<th>Close code</th><th>What the server did</th></tr>\n");
        for (CaseResult r : results) {
            Grade g = r.grade();
            h.append("<tr><td><a href=\"#case-").append(r.probeCase().fileId()).append("\">").append(r.id())
                    .append("</a></td>").append(cell(g.behavior())).append(cell(g.close())).append("<td>")
                    .append(r.durationMillis()).append("</td><td>")
                    .append(r.observation().remoteCloseCode().isPresent()
                            ? String.valueOf(r.observation().remoteCloseCode().getAsInt()) : "")
                    .append("</td><td>").append(esc(g.serverDid())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String cell(Verdict v) {
        return "<td class=\"" + v.label() + "\">" + v.label() + "</td>";
    }

    private static void detail(StringBuilder h, String agent, CaseResult r) {
        ProbeCase c = r.probeCase();
        h.append("<h3 id=\"case-").append(c.fileId()).append("\">Case ").append(c.id()).append("</h3>\n<table>");
        row(h, "Description", esc(c.description()));
        row(h, "Expectation", esc(c.expectation()));
        row(h, "Rule", esc(c.rfc() + c.rule().map(v -> " · " + v.id()).orElse("")));
        row(h, "Behavior", r.grade().behavior().label() + " — " + esc(r.grade().result()));
        row(h, "Close", r.grade().close().label() + " — " + esc(r.grade().resultClose()));
        row(h, "The server", esc(r.grade().serverDid()));
        row(h, "Capture", "<a href=\"" + esc(ProbeReport.sessionFile(agent, c)) + "\">"
                + esc(ProbeReport.sessionFile(agent, c)) + "</a> (opens in Framescope)");
        h.append("</table>\n");
        frames(h, r);
    }

    private static void row(StringBuilder h, String name, String html) {
        h.append("<tr><th>").append(name).append("</th><td>").append(html).append("</td></tr>\n");
    }

    private static void frames(StringBuilder h, CaseResult r) {
        h.append("<table><tr><th>ms</th><th></th><th>Opcode</th><th>FIN</th><th>RSV</th><th>Length</th>")
                .append("<th>Payload</th></tr>\n");
        int rows = 0;
        int from = 0;
        long anchor = r.log().nanoAnchor();
        outer:
        while (true) {
            List<CaptureEvent> batch = r.log().readFrom(from, 4096);
            if (batch.isEmpty()) {
                break;
            }
            from += batch.size();
            for (CaptureEvent e : batch) {
                if (!(e instanceof CaptureEvent.FrameEvent f) || !f.isFirstChunk()) {
                    continue;
                }
                if (++rows > FRAME_ROWS) {
                    h.append("<tr><td colspan=\"7\">… more in the session file</td></tr>\n");
                    break outer;
                }
                FrameHeader fh = f.header();
                h.append("<tr><td>").append(String.format(Locale.ROOT, "%.1f", (f.nanos() - anchor) / 1e6))
                        .append("</td><td>").append(f.dir() == Direction.OUT ? "→" : "←").append("</td><td>")
                        .append(esc(fh.opcode().shortName())).append("</td><td>").append(fh.fin() ? 1 : 0)
                        .append("</td><td>").append((fh.rsv1() ? 4 : 0) | (fh.rsv2() ? 2 : 0) | (fh.rsv3() ? 1 : 0))
                        .append("</td><td>").append(fh.payloadLength()).append("</td><td><code>")
                        .append(esc(preview(f.payload().bytes()))).append("</code></td></tr>\n");
            }
        }
        h.append("</table>\n");
    }

    private static String preview(byte[] p) {
        byte[] head = p.length > PREVIEW_BYTES ? java.util.Arrays.copyOf(p, PREVIEW_BYTES) : p;
        String more = p.length > PREVIEW_BYTES ? "…" : "";
        if (Utf8Validator.isValid(head) && new String(head, StandardCharsets.UTF_8).chars().allMatch(ch -> ch >= 0x20)) {
            return new String(head, StandardCharsets.UTF_8) + more;
        }
        return "0x" + HexFormat.of().formatHex(head) + more;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
