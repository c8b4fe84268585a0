package dev.framescope.wire;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The result of parsing an HTTP/1.1 head from the start of a byte stream.
 *
 * @param startLine  the request or status line
 * @param headers    header fields in order
 * @param headLength bytes of the stream the head occupies, CRLFCRLF included (0 when incomplete or malformed)
 * @param findings   HANDSHAKE_MALFORMED findings with byte offsets
 */
public record HttpHead(String startLine, HttpHeaders headers, int headLength, List<Finding> findings) {

    public HttpHead {
        findings = List.copyOf(findings);
    }

    public boolean complete() {
        return headLength > 0;
    }

    /** Parses the request line "GET /path HTTP/1.1" into a request, when it has that shape. */
    public Optional<HandshakeRequest> asRequest(byte[] stream) {
        String[] parts = startLine.split(" ", 3);
        if (parts.length != 3 || !parts[2].startsWith("HTTP/")) {
            return Optional.empty();
        }
        return Optional.of(new HandshakeRequest(parts[0], parts[1], parts[2], headers,
                Arrays.copyOf(stream, headLength)));
    }

    /** Parses the status line "HTTP/1.1 101 Switching Protocols"; the body is what follows the head. */
    public Optional<HandshakeResponse> asResponse(byte[] stream) {
        String[] parts = startLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
            return Optional.empty();
        }
        int status = Integer.parseInt(parts[1]);
        int bodyEnd = stream.length;
        if (status != 101) {
            Optional<Long> declared = headers.first("Content-Length").flatMap(HttpHead::parseLength);
            if (declared.isPresent()) {
                bodyEnd = (int) Math.min(stream.length, headLength + declared.get());
            }
        } else {
            bodyEnd = headLength;
        }
        byte[] body = Arrays.copyOfRange(stream, headLength, bodyEnd);
        return Optional.of(new HandshakeResponse(parts[0], status, parts.length > 2 ? parts[2] : "", headers, body,
                Arrays.copyOf(stream, headLength)));
    }

    private static Optional<Long> parseLength(String value) {
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
