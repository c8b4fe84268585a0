package dev.framescope.decode.subprotocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framescope.decode.DecodeFailure;
import dev.framescope.decode.DecodeInput;
import dev.framescope.decode.Decoded;
import dev.framescope.decode.PayloadDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * STOMP 1.0-1.2 frames: {@code COMMAND EOL (name:value EOL)* EOL body NUL EOL*}. A message may hold several frames
 * or a lone EOL (a heart-beat). Header values are unescaped as STOMP 1.2 says, except in CONNECT and CONNECTED.
 */
public final class StompDecoder implements PayloadDecoder {

    static final String RULES = "STOMP 1.2";
    private static final Set<String> COMMANDS = Set.of("CONNECT", "STOMP", "CONNECTED", "SEND", "SUBSCRIBE",
            "UNSUBSCRIBE", "ACK", "NACK", "BEGIN", "COMMIT", "ABORT", "DISCONNECT", "MESSAGE", "RECEIPT", "ERROR");
    private static final int MAX_COMMAND = 11;

    @Override
    public String id() {
        return "stomp";
    }

    @Override
    public String label() {
        return "STOMP";
    }

    @Override
    public int detect(DecodeInput input) {
        if (Subprotocols.names(input, "v12.stomp", "v11.stomp", "v10.stomp", "stomp")) {
            return 100;
        }
        byte[] b = input.bytes();
        int eol = lineEnd(b, 0, MAX_COMMAND + 2);
        if (eol < 0) {
            return 0;
        }
        String command = JsonText.lenient(b, 0, eol).strip();
        if (!COMMANDS.contains(command)) {
            return 0;
        }
        return indexOfNul(b, eol) >= 0 ? 90 : 40;
    }

    @Override
    public Decoded decode(DecodeInput input) {
        byte[] b = input.bytes();
        List<ObjectNode> frames = new ArrayList<>();
        Optional<DecodeFailure> failure = Optional.empty();
        int at = 0;
        while (at < b.length && failure.isEmpty()) {
            int afterEols = skipEols(b, at);
            if (afterEols == b.length) {
                if (frames.isEmpty()) {
                    // Only EOLs: a heart-beat (STOMP 1.2 §Heart-beating).
                    ObjectNode beat = JsonText.object();
                    beat.put("command", "HEARTBEAT");
                    frames.add(beat);
                }
                break;
            }
            ObjectNode frame = JsonText.object();
            frames.add(frame);
            int[] next = {afterEols};
            failure = frame(b, afterEols, frame, next);
            at = next[0];
        }
        if (frames.isEmpty()) {
            failure = Optional.of(new DecodeFailure(0, "empty message: a STOMP frame starts with a command ("
                    + RULES + " §Augmented BNF)"));
            return new Decoded(id(), JsonText.object(), Optional.empty(), failure);
        }
        ObjectNode tree;
        if (frames.size() == 1) {
            tree = frames.get(0);
        } else {
            tree = JsonText.object();
            ArrayNode all = tree.putArray("frames");
            frames.forEach(all::add);
        }
        String summary = summary(frames.get(0)) + (frames.size() > 1 ? " +" + (frames.size() - 1) + " more" : "");
        return new Decoded(id(), tree, Optional.of(summary), failure);
    }

    /** Decodes one frame starting at {@code from} into {@code frame}; {@code next[0]} receives where it ended. */
    private static Optional<DecodeFailure> frame(byte[] b, int from, ObjectNode frame, int[] next) {
        next[0] = b.length;
        int eol = lineEnd(b, from, b.length);
        if (eol < 0) {
            frame.put("command", JsonText.clip(JsonText.lenient(b, from, Math.min(b.length, from + 40)), 40));
            return fail(b.length, "command line has no end of line (" + RULES + " §Augmented BNF)");
        }
        String command = JsonText.lenient(b, from, eol);
        frame.put("command", command);
        if (!COMMANDS.contains(command)) {
            return fail(from, "unknown command \"" + JsonText.clip(command, 20) + "\" (" + RULES
                    + " §Client Frames, §Server Frames)");
        }
        boolean escaped = !command.equals("CONNECT") && !command.equals("CONNECTED");
        ArrayNode headers = frame.putArray("headers");
        Optional<Long> contentLength = Optional.empty();
        int at = afterEol(b, eol);
        while (true) {
            if (at >= b.length) {
                return fail(b.length, "headers have no blank line after them (" + RULES + " §Augmented BNF)");
            }
            int end = lineEnd(b, at, b.length);
            if (end < 0) {
                return fail(b.length, "header line has no end of line (" + RULES + " §Augmented BNF)");
            }
            if (end == at) {
                at = afterEol(b, end);
                break;
            }
            int colon = indexOf(b, at, end, (byte) ':');
            if (colon < 0) {
                return fail(at, "header line without ':' (" + RULES + " §Augmented BNF)");
            }
            ObjectNode header = headers.addObject();
            String name = JsonText.lenient(b, at, colon);
            String value = JsonText.lenient(b, colon + 1, end);
            if (escaped) {
                Optional<String> bad = Optional.empty();
                String[] nv = {name, value};
                for (int i = 0; i < 2 && bad.isEmpty(); i++) {
                    Unescaped u = unescape(nv[i]);
                    nv[i] = u.text;
                    bad = u.bad;
                }
                if (bad.isPresent()) {
                    header.put("name", name).put("value", value);
                    return fail(at, "undefined escape " + bad.get() + " in header (" + RULES + " §Value Encoding)");
                }
                name = nv[0];
                value = nv[1];
            }
            header.put("name", name).put("value", value);
            // Repeated headers: only the first counts (STOMP 1.2 §Repeated Header Entries).
            if (name.equals("content-length") && contentLength.isEmpty()) {
                if (!value.strip().matches("\\d{1,18}")) {
                    return fail(colon + 1, "content-length \"" + JsonText.clip(value, 20)
                            + "\" is not a decimal octet count (" + RULES + " §Header content-length)");
                }
                contentLength = Optional.of(Long.parseLong(value.strip()));
            }
            at = afterEol(b, end);
        }
        int bodyEnd;
        if (contentLength.isPresent()) {
            long left = b.length - at;
            if (contentLength.get() > left) {
                frame.put("bodyLength", left);
                JsonText.putBody(frame, "body", b, at, b.length);
                return fail(b.length, "content-length " + contentLength.get() + " exceeds the " + left
                        + " bytes left (" + RULES + " §Header content-length)");
            }
            bodyEnd = at + contentLength.get().intValue();
            if (bodyEnd >= b.length || b[bodyEnd] != 0) {
                frame.put("bodyLength", bodyEnd - at);
                JsonText.putBody(frame, "body", b, at, bodyEnd);
                return fail(bodyEnd, "the byte after the content-length body is not NUL (" + RULES
                        + " §Header content-length)");
            }
        } else {
            bodyEnd = indexOfNul(b, at);
            if (bodyEnd < 0) {
                frame.put("bodyLength", b.length - at);
                JsonText.putBody(frame, "body", b, at, b.length);
                return fail(b.length, "frame has no NUL terminator (" + RULES + " §Augmented BNF)");
            }
        }
        frame.put("bodyLength", bodyEnd - at);
        JsonText.putBody(frame, "body", b, at, bodyEnd);
        next[0] = bodyEnd + 1;
        return Optional.empty();
    }

    private record Unescaped(String text, Optional<String> bad) {
    }

    private static Unescaped unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return new Unescaped(s, Optional.empty());
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
            switch (e) {
                case 'r' -> out.append('\r');
                case 'n' -> out.append('\n');
                case 'c' -> out.append(':');
                case '\\' -> out.append('\\');
                default -> {
                    return new Unescaped(s, Optional.of("\\" + (i + 1 < s.length() ? String.valueOf(e) : "")));
                }
            }
            i++;
        }
        return new Unescaped(out.toString(), Optional.empty());
    }

    static String summary(ObjectNode frame) {
        String command = frame.path("command").asText("?");
        if (command.equals("HEARTBEAT")) {
            return "STOMP heart-beat";
        }
        StringBuilder s = new StringBuilder("STOMP ").append(JsonText.clip(command, 20));
        String target = switch (command) {
            case "CONNECT", "STOMP" -> header(frame, "host").map(h -> "host=" + h).orElse("");
            case "CONNECTED" -> header(frame, "version").map(v -> "version=" + v).orElse("");
            case "RECEIPT" -> header(frame, "receipt-id").map(r -> "receipt-id=" + r).orElse("");
            case "ERROR" -> header(frame, "message").orElse("");
            case "UNSUBSCRIBE", "ACK", "NACK" -> header(frame, "id").map(i -> "id=" + i).orElse("");
            default -> header(frame, "destination").orElse("");
        };
        if (!target.isEmpty()) {
            s.append(' ').append(JsonText.clip(target, 60));
        }
        long body = frame.path("bodyLength").asLong(0);
        if (body > 0 || command.equals("SEND") || command.equals("MESSAGE")) {
            s.append(" (").append(body).append(" B)");
        }
        return s.toString();
    }

    private static Optional<String> header(ObjectNode frame, String name) {
        for (var h : frame.path("headers")) {
            if (h.path("name").asText().equals(name)) {
                return Optional.of(h.path("value").asText());
            }
        }
        return Optional.empty();
    }

    /** Index of the EOL (LF, or the CR of CRLF) at or after {@code from}, looking at most to {@code limit}. */
    private static int lineEnd(byte[] b, int from, int limit) {
        int end = (int) Math.min(b.length, (long) from + Math.max(0, limit) + 1);
        for (int i = from; i < end; i++) {
            if (b[i] == '\n') {
                return i > from && b[i - 1] == '\r' ? i - 1 : i;
            }
        }
        return -1;
    }

    private static int afterEol(byte[] b, int eol) {
        return b[eol] == '\r' ? eol + 2 : eol + 1;
    }

    private static int skipEols(byte[] b, int from) {
        int i = from;
        while (i < b.length && (b[i] == '\n' || (b[i] == '\r' && i + 1 < b.length && b[i + 1] == '\n'))) {
            i += b[i] == '\r' ? 2 : 1;
        }
        return i;
    }

    private static int indexOfNul(byte[] b, int from) {
        return indexOf(b, from, b.length, (byte) 0);
    }

    private static int indexOf(byte[] b, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (b[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<DecodeFailure> fail(long offset, String reason) {
        return Optional.of(new DecodeFailure(offset, reason));
    }
}
