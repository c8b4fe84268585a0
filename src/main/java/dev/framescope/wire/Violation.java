package dev.framescope.wire;

/**
 * The catalogue of protocol rules Framescope checks. The constant's name is the rule's stable id: the GUI, the CLI,
 * session files and the documentation all refer to a rule by it. Each names where the rule comes from.
 */
public enum Violation {
    // RFC 6455 §5: framing
    MASKED_SERVER_FRAME("RFC6455-5.1", Severity.ERROR, "A server must not mask any frame it sends to the client."),
    UNMASKED_CLIENT_FRAME("RFC6455-5.1", Severity.ERROR, "A client must mask every frame it sends to the server."),
    RESERVED_BITS("RFC6455-5.2", Severity.ERROR, "RSV1-3 must be 0 unless a negotiated extension defines them."),
    RESERVED_OPCODE("RFC6455-5.2", Severity.ERROR, "The opcode is reserved; an endpoint must fail the connection."),
    NON_MINIMAL_LENGTH("RFC6455-5.2", Severity.ERROR, "The payload length must be written in the minimal number of bytes."),
    LENGTH_MSB_SET("RFC6455-5.2", Severity.ERROR, "The most significant bit of a 64-bit payload length must be 0."),
    CONTROL_FRAME_TOO_LONG("RFC6455-5.5", Severity.ERROR, "A control frame's payload must be 125 bytes or less."),
    FRAGMENTED_CONTROL_FRAME("RFC6455-5.5", Severity.ERROR, "A control frame must not be fragmented (FIN must be set)."),
    CONTINUATION_WITHOUT_START("RFC6455-5.4", Severity.ERROR, "A continuation frame arrived with no fragmented message in progress."),
    DATA_FRAME_DURING_FRAGMENTED_MESSAGE("RFC6455-5.4", Severity.ERROR,
            "A new text or binary frame started before the fragmented message was finished."),
    INVALID_UTF8("RFC6455-8.1", Severity.ERROR, "A text message must be valid UTF-8."),
    CLOSE_PAYLOAD_ONE_BYTE("RFC6455-5.5.1", Severity.ERROR,
            "A close payload must be empty or start with a 2-byte status code; 1 byte is malformed."),
    INVALID_CLOSE_CODE("RFC6455-7.4.1", Severity.ERROR, "The close status code must not be sent on the wire."),
    INVALID_CLOSE_REASON_UTF8("RFC6455-5.5.1", Severity.ERROR, "The close reason must be valid UTF-8."),
    DATA_AFTER_CLOSE("RFC6455-5.5.1", Severity.ERROR, "An endpoint must not send data frames after its close frame."),
    TRUNCATED_FRAME("RFC6455-5.2", Severity.ERROR, "The stream ended in the middle of a frame."),
    DESYNCHRONIZED("RFC6455-5.2", Severity.ERROR,
            "The stream can no longer be framed: the bytes from here on are kept raw, not decoded."),
    PONG_PAYLOAD_MISMATCH("RFC6455-5.5.3", Severity.WARNING, "A pong answering a ping must carry the ping's application data."),

    // RFC 7692: permessage-deflate
    RSV1_ON_CONTINUATION("RFC7692-6.1", Severity.ERROR, "RSV1 (compressed) is set only on the first frame of a message."),
    RSV1_ON_CONTROL_FRAME("RFC7692-6.1", Severity.ERROR, "RSV1 must not be set on a control frame."),
    DEFLATE_ERROR("RFC7692-7.2.2", Severity.ERROR, "The compressed payload could not be inflated."),
    DEFLATE_WINDOW_EXCEEDED("RFC7692-7.1.2.1", Severity.ERROR,
            "A compressed message refers back farther than the negotiated server_max_window_bits (or "
                    + "client_max_window_bits) allows; it is shown inflated with the full window."),
    INFLATE_LIMIT_EXCEEDED("RFC6455-10.4", Severity.ERROR,
            "The message inflates beyond the configured limit; inflation stopped there (possible compression bomb)."),
    DEFLATE_PARAM_NOT_OFFERED("RFC7692-7.1", Severity.ERROR,
            "The server's permessage-deflate response uses a parameter the client did not offer."),
    DEFLATE_PARAM_INVALID("RFC7692-7.1", Severity.ERROR, "A permessage-deflate parameter is unknown, repeated or has an invalid value."),

    // RFC 6455 §4 and §9: opening handshake
    HANDSHAKE_MALFORMED("RFC6455-4.1", Severity.ERROR, "The handshake is not a well-formed HTTP/1.1 message."),
    HANDSHAKE_REQUEST_INVALID("RFC6455-4.1", Severity.ERROR, "The client's opening handshake lacks a required field."),
    HANDSHAKE_STATUS("RFC6455-4.1", Severity.ERROR, "The server did not answer 101 Switching Protocols."),
    HANDSHAKE_UPGRADE_HEADER("RFC6455-4.1", Severity.ERROR, "The response's Upgrade header must be \"websocket\"."),
    HANDSHAKE_CONNECTION_HEADER("RFC6455-4.1", Severity.ERROR, "The response's Connection header must contain \"Upgrade\"."),
    HANDSHAKE_ACCEPT_MISMATCH("RFC6455-4.1", Severity.ERROR,
            "Sec-WebSocket-Accept is not base64(SHA-1(key + 258EAFA5-E914-47DA-95CA-C5AB0DC85B11))."),
    HANDSHAKE_SUBPROTOCOL_NOT_OFFERED("RFC6455-4.1", Severity.ERROR, "The server selected a subprotocol the client did not offer."),
    HANDSHAKE_EXTENSION_NOT_OFFERED("RFC6455-9.1", Severity.ERROR, "The server accepted an extension the client did not offer."),
    EXTENSION_HEADER_MALFORMED("RFC6455-9.1", Severity.ERROR, "Sec-WebSocket-Extensions does not follow the grammar of §9.1."),

    // RFC 6455 §7: closing
    ABNORMAL_CLOSURE("RFC6455-7.1.5", Severity.ERROR, "The connection closed without a close frame (status 1006)."),
    SERVER_KEPT_TCP_OPEN("RFC6455-7.1.1", Severity.WARNING,
            "After the close handshake the server should close the TCP connection first; it kept it open.");

    private final String rfcSection;
    private final Severity severity;
    private final String message;

    Violation(String rfcSection, Severity severity, String message) {
        this.rfcSection = rfcSection;
        this.severity = severity;
        this.message = message;
    }

    /** The stable id, e.g. {@code CONTROL_FRAME_TOO_LONG}. */
    public String id() {
        return name();
    }

    /** Where the rule is written, e.g. {@code RFC6455-5.5}. */
    public String rfcSection() {
        return rfcSection;
    }

    public Severity severity() {
        return severity;
    }

    /** One line that states the rule in plain words. */
    public String message() {
        return message;
    }
}
