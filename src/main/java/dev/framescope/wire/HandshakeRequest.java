package dev.framescope.wire;

import java.util.Objects;

/** The client's opening handshake (RFC 6455 §4.1) as received: request line, header fields and the raw bytes. */
public record HandshakeRequest(String method, String target, String version, HttpHeaders headers, byte[] raw) {

    public HandshakeRequest {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(raw, "raw");
    }
}
