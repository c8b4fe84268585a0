package dev.framescope.wire;

import java.util.Arrays;
import java.util.Optional;

/** Close status codes: RFC 6455 §7.4.1 and the IANA "WebSocket Close Code Number Registry". */
public enum CloseCode {
    NORMAL_CLOSURE(1000, "Normal Closure", "The purpose for which the connection was established has been fulfilled.", true),
    GOING_AWAY(1001, "Going Away", "The endpoint is going away (server shutdown or page navigation).", true),
    PROTOCOL_ERROR(1002, "Protocol Error", "The endpoint is terminating the connection due to a protocol error.", true),
    UNSUPPORTED_DATA(1003, "Unsupported Data", "The endpoint received a type of data it cannot accept.", true),
    RESERVED(1004, "Reserved", "Reserved; its meaning might be defined in the future.", false),
    NO_STATUS_RECEIVED(1005, "No Status Rcvd", "No status code was present; must not be sent in a close frame.", false),
    ABNORMAL_CLOSURE(1006, "Abnormal Closure", "The connection closed without a close frame; must not be sent.", false),
    INVALID_PAYLOAD(1007, "Invalid frame payload data", "A message's data was inconsistent with its type (e.g. non-UTF-8 text).", true),
    POLICY_VIOLATION(1008, "Policy Violation", "A message violated the endpoint's policy.", true),
    MESSAGE_TOO_BIG(1009, "Message Too Big", "A message was too big to process.", true),
    MANDATORY_EXTENSION(1010, "Mandatory Ext.", "The client expected the server to negotiate an extension it did not.", true),
    INTERNAL_ERROR(1011, "Internal Error", "The server met an unexpected condition.", true),
    SERVICE_RESTART(1012, "Service Restart", "The service is restarting.", true),
    TRY_AGAIN_LATER(1013, "Try Again Later", "The service is temporarily overloaded.", true),
    BAD_GATEWAY(1014, "Bad Gateway", "A gateway or proxy received an invalid response from the upstream server.", true),
    TLS_HANDSHAKE(1015, "TLS handshake", "The TLS handshake failed; must not be sent in a close frame.", false),
    UNAUTHORIZED(3000, "Unauthorized", "The endpoint requires authentication (IANA registry, like HTTP 401).", true),
    FORBIDDEN(3003, "Forbidden", "The endpoint refuses the authenticated user (IANA registry, like HTTP 403).", true),
    TIMEOUT(3008, "Timeout", "The endpoint timed out waiting for something (IANA registry, like HTTP 408).", true);

    private final int code;
    private final String title;
    private final String meaning;
    private final boolean mayAppearOnWire;

    CloseCode(int code, String title, String meaning, boolean mayAppearOnWire) {
        this.code = code;
        this.title = title;
        this.meaning = meaning;
        this.mayAppearOnWire = mayAppearOnWire;
    }

    public int code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String meaning() {
        return meaning;
    }

    public boolean mayAppearOnWire() {
        return mayAppearOnWire;
    }

    public static Optional<CloseCode> of(int code) {
        return Arrays.stream(values()).filter(c -> c.code == code).findFirst();
    }

    /** RFC 6455 §7.4.1-7.4.2: registered codes that may be sent, 3000-3999 (registered) and 4000-4999 (private). */
    public static boolean isValidOnWire(int code) {
        if (code >= 3000 && code <= 4999) {
            return true;
        }
        return of(code).map(CloseCode::mayAppearOnWire).orElse(false);
    }

    /** "1001 Going Away: The endpoint is going away…", or the range the code falls in. */
    public static String describe(int code) {
        Optional<CloseCode> known = of(code);
        // Looked up before the ranges: 3000, 3003 and 3008 are registered individually by IANA.
        if (known.isPresent()) {
            return code + " " + known.get().title + ": " + known.get().meaning;
        }
        if (code >= 3000 && code <= 3999) {
            return code + ": registered for libraries, frameworks and applications (IANA)";
        }
        if (code >= 4000 && code <= 4999) {
            return code + ": private use";
        }
        if (code >= 1000 && code <= 2999) {
            return code + ": reserved for this protocol, unassigned; must not be sent";
        }
        return code + ": outside the ranges of RFC 6455 §7.4.2; must not be sent";
    }
}
