package dev.framescope.decode.subprotocol;

import dev.framescope.decode.DecodeInput;

/** Matching the negotiated {@code Sec-WebSocket-Protocol} (RFC 6455 §11.3.4: tokens, compared as written). */
final class Subprotocols {

    private Subprotocols() {
    }

    /** True when the negotiated subprotocol is one of {@code names} (ASCII case ignored: servers vary). */
    static boolean names(DecodeInput input, String... names) {
        // Asked by every subprotocol decoder for every payload: no lambda or Optional chain on the way.
        if (input.subprotocol().isEmpty()) {
            return false;
        }
        String p = input.subprotocol().get().strip();
        for (String n : names) {
            if (p.equalsIgnoreCase(n)) {
                return true;
            }
        }
        return false;
    }
}
