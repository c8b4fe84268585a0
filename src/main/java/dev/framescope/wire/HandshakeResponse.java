package dev.framescope.wire;

import java.util.Objects;

/** The server's answer as received: status line, header fields, any body bytes, and the raw head bytes. */
public record HandshakeResponse(String version, int status, String reason, HttpHeaders headers, byte[] body,
                                byte[] raw) {

    public HandshakeResponse {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(raw, "raw");
    }

    public boolean isSwitchingProtocols() {
        return status == 101;
    }
}
