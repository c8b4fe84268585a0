package dev.framescope.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses an HTTP/1.1 head (start line and header fields, RFC 7230 §3) from the start of a byte stream fed in pieces.
 * Never throws: a malformed line becomes a HANDSHAKE_MALFORMED finding naming its byte offset.
 */
public final class HttpHeadParser {

    /** Heads longer than this are not HTTP a WebSocket peer would send; parsing gives up. */
    public static final int MAX_HEAD_BYTES = 64 * 1024;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private Optional<HttpHead> result = Optional.empty();

    /** Feeds bytes; returns the head once its blank line arrived (or it was given up on). */
    public Optional<HttpHead> feed(byte[] bytes, int off, int len) {
        if (result.isPresent()) {
            return result;
        }
        int before = buffer.size();
        buffer.write(bytes, off, len);
        byte[] all = buffer.toByteArray();
        int end = endOfHead(all, Math.max(0, before - 3));
        if (end > 0) {
            result = Optional.of(parse(all, end));
        } else if (all.length > MAX_HEAD_BYTES) {
            result = Optional.of(new HttpHead("", new HttpHeaders(List.of()), 0, List.of(Finding.at(
                    Violation.HANDSHAKE_MALFORMED, 0, "no end of head (CRLF CRLF) in the first " + MAX_HEAD_BYTES
                            + " bytes"))));
        }
        return result;
    }

    /** Everything fed so far (head and what followed it). */
    public byte[] received() {
        return buffer.toByteArray();
    }

    public static HttpHead parse(byte[] stream) {
        int end = endOfHead(stream, 0);
        if (end < 0) {
            return new HttpHead(firstLine(stream), new HttpHeaders(List.of()), 0, List.of(Finding.at(
                    Violation.HANDSHAKE_MALFORMED, stream.length, "the head ends before its blank line")));
        }
        return parse(stream, end);
    }

    public static Optional<HandshakeRequest> parseRequest(byte[] stream) {
        HttpHead head = parse(stream);
        return head.complete() ? head.asRequest(stream) : Optional.empty();
    }

    public static Optional<HandshakeResponse> parseResponse(byte[] stream) {
        HttpHead head = parse(stream);
        return head.complete() ? head.asResponse(stream) : Optional.empty();
    }

    /** Index just past the first CRLFCRLF (or LFLF, tolerated), or -1. */
    static int endOfHead(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                if (i + 1 < b.length && b[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < b.length && b[i + 1] == '\r' && b[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    private static String firstLine(byte[] stream) {
        String s = new String(stream, 0, Math.min(stream.length, 200), StandardCharsets.ISO_8859_1);
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private static HttpHead parse(byte[] stream, int end) {
        String text = new String(stream, 0, end, StandardCharsets.ISO_8859_1);
        List<Finding> findings = new ArrayList<>();
        List<HttpHeaders.Field> fields = new ArrayList<>();
        String startLine = "";
        int pos = 0;
        boolean first = true;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            String line = text.substring(pos, nl < 0 ? text.length() : nl);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            } else if (nl >= 0) {
                findings.add(Finding.at(Violation.HANDSHAKE_MALFORMED, nl, "line ends with LF instead of CRLF"));
            }
            if (first) {
                startLine = line;
                first = false;
                if (!line.matches("(HTTP/\\d\\.\\d \\d{3}( .*)?)|([A-Z]+ \\S+ HTTP/\\d\\.\\d)")) {
                    findings.add(Finding.at(Violation.HANDSHAKE_MALFORMED, pos, "start line \"" + line + "\""));
                }
            } else if (!line.isEmpty()) {
                field(line, pos, fields, findings);
            }
            pos = nl < 0 ? text.length() : nl + 1;
        }
        return new HttpHead(startLine, new HttpHeaders(fields), end, findings);
    }

    private static void field(String line, int pos, List<HttpHeaders.Field> fields, List<Finding> findings) {
        int colon = line.indexOf(':');
        if (colon <= 0 || line.substring(0, colon).strip().length() != colon || Character.isWhitespace(line.charAt(0))) {
            findings.add(Finding.at(Violation.HANDSHAKE_MALFORMED, pos, "not a header field: \"" + line + "\""));
            return;
        }
        fields.add(new HttpHeaders.Field(line.substring(0, colon), line.substring(colon + 1).strip()));
    }
}
