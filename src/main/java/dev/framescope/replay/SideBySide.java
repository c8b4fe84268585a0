package dev.framescope.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One outcome of a replay laid out for reading side by side: the recorded message and the replayed one as lines (JSON
 * indented, one member or element a line, each line knowing its JSONPath), the lines at a difference's path marked on
 * both sides, and the lines a mask left out of the comparison marked as ignored.
 */
public final class SideBySide {

    /** How a line compares. */
    public enum Mark { SAME, DIFFERS, IGNORED }

    /**
     * One line of a message.
     *
     * @param path the JSONPath of the value the line shows ({@code $} for a message that is not JSON)
     */
    public record Line(int depth, String text, String path, Mark mark) {
    }

    /** At most this many lines of a message are laid out. */
    static final int MAX_LINES = 2_000;

    private SideBySide() {
    }

    /** The recorded message of {@code o}: empty for a message the recording lacks. */
    public static List<Line> recorded(ReplayResult r, Outcome o, List<JsonMask> masks) {
        if (o.recorded().isEmpty()) {
            return List.of();
        }
        return lines(r.recording().server().get(o.recorded().getAsInt()).content(), o, masks);
    }

    /** The replayed message of {@code o}: empty for one the replay did not get. */
    public static List<Line> replayed(ReplayResult r, Outcome o, List<JsonMask> masks) {
        if (o.replayed().isEmpty()) {
            return List.of();
        }
        return lines(r.replayed().get(o.replayed().getAsInt()), o, masks);
    }

    static List<Line> lines(Content content, Outcome o, List<JsonMask> masks) {
        boolean whole = o.verdict() == Outcome.Verdict.MISSING || o.verdict() == Outcome.Verdict.EXTRA
                || o.differences().stream().anyMatch(d -> !d.where().startsWith("$") || d.where().equals("$"));
        Set<String> differs = new TreeSet<>();
        o.differences().forEach(d -> differs.add(d.where()));
        List<Line> out = new ArrayList<>();
        if (content.json().isPresent()) {
            JsonNode tree = content.json().get();
            Set<String> ignored = new TreeSet<>();
            content.masked(masks).ifPresent(masked -> {
                List<Difference> gone = new ArrayList<>();
                JsonDiff.diff("$", tree, masked, gone);
                gone.forEach(d -> ignored.add(d.where()));
            });
            new Writer(out, whole, differs, ignored).value(Optional.empty(), tree, "$", 0, false);
        } else {
            Mark mark = whole || !differs.isEmpty() ? Mark.DIFFERS : Mark.SAME;
            for (String line : raw(content)) {
                if (out.size() < MAX_LINES) {
                    out.add(new Line(0, line, "$", mark));
                }
            }
        }
        return out;
    }

    /** Text as its lines; binary as hex, 16 bytes a line with the offset. */
    private static List<String> raw(Content content) {
        if (content.text()) {
            return List.of(new String(content.bytes(), StandardCharsets.UTF_8).replace("\0", "\\0").split("\r?\n",
                    -1));
        }
        List<String> lines = new ArrayList<>();
        byte[] b = content.bytes();
        for (int at = 0; at < b.length && lines.size() < MAX_LINES; at += 16) {
            StringBuilder s = new StringBuilder(String.format("%06x ", at));
            for (int i = at; i < Math.min(b.length, at + 16); i++) {
                s.append(String.format(" %02x", b[i] & 0xff));
            }
            lines.add(s.toString());
        }
        return lines.isEmpty() ? List.of("(empty binary message)") : lines;
    }

    /** Writes a tree as indented lines, each marked by its path. */
    private static final class Writer {
        private final List<Line> out;
        private final boolean whole;
        private final Set<String> differs;
        private final Set<String> ignored;

        Writer(List<Line> out, boolean whole, Set<String> differs, Set<String> ignored) {
            this.out = out;
            this.whole = whole;
            this.differs = differs;
            this.ignored = ignored;
        }

        void value(Optional<String> name, JsonNode node, String path, int depth, boolean comma) {
            String prefix = name.map(n -> TextNode.valueOf(n).toString() + ": ").orElse("");
            String end = comma ? "," : "";
            if (node.isObject() && node.size() > 0) {
                add(depth, prefix + "{", path);
                int i = 0;
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); i++) {
                    Map.Entry<String, JsonNode> e = it.next();
                    value(Optional.of(e.getKey()), e.getValue(), path + JsonDiff.member(e.getKey()), depth + 1,
                            i < node.size() - 1);
                }
                add(depth, "}" + end, path);
            } else if (node.isArray() && node.size() > 0) {
                add(depth, prefix + "[", path);
                for (int i = 0; i < node.size(); i++) {
                    value(Optional.empty(), node.get(i), path + "[" + i + "]", depth + 1, i < node.size() - 1);
                }
                add(depth, "]" + end, path);
            } else {
                add(depth, prefix + node + end, path);
            }
        }

        private void add(int depth, String text, String path) {
            if (out.size() < MAX_LINES) {
                out.add(new Line(depth, text, path, mark(path)));
            }
        }

        private Mark mark(String path) {
            if (whole || within(path, differs)) {
                return Mark.DIFFERS;
            }
            return within(path, ignored) ? Mark.IGNORED : Mark.SAME;
        }

        /** Whether {@code path} is one of {@code paths} or inside one. */
        private static boolean within(String path, Set<String> paths) {
            for (String p : paths) {
                if (path.equals(p) || path.startsWith(p) && (path.charAt(p.length()) == '.'
                        || path.charAt(p.length()) == '[')) {
                    return true;
                }
            }
            return false;
        }
    }
}
