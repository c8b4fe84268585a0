package dev.framescope.ui.frame;

import dev.framescope.wire.Violation;
import java.util.EnumSet;
import java.util.Set;

/** The fields of the RFC 6455 §5.2 base framing diagram, with the explanation shown in their tooltips. */
public enum HeaderField {
    FIN("FIN", "RFC 6455 §5.2", "Set on the final fragment of a message. Control frames must have it set (§5.5)."),
    RSV1("RSV1", "RFC 6455 §5.2, RFC 7692 §6",
            "Reserved for extensions. permessage-deflate uses it to mark the first frame of a compressed message."),
    RSV2("RSV2", "RFC 6455 §5.2", "Reserved for extensions; must be 0 unless an extension defines it."),
    RSV3("RSV3", "RFC 6455 §5.2", "Reserved for extensions; must be 0 unless an extension defines it."),
    OPCODE("opcode", "RFC 6455 §5.2, §11.8",
            "How to read the payload: 0 continuation, 1 text, 2 binary, 8 close, 9 ping, A pong; others are reserved."),
    MASK("MASK", "RFC 6455 §5.1, §5.3",
            "Whether the payload is masked. Clients must mask every frame; servers must not mask any."),
    PAYLOAD_LEN("payload len", "RFC 6455 §5.2",
            "0-125 is the length itself; 126 means a 16-bit length follows, 127 a 64-bit length."),
    EXTENDED_PAYLOAD_LEN("extended payload length", "RFC 6455 §5.2",
            "The payload length in network byte order, when the 7-bit field holds 126 or 127. It must use the "
                    + "minimal number of bytes, and a 64-bit length's most significant bit must be 0."),
    MASKING_KEY("masking key", "RFC 6455 §5.3",
            "32-bit key chosen by the client for this frame; payload byte i is XORed with key byte i mod 4.");

    private final String label;
    private final String rfcSection;
    private final String explanation;

    HeaderField(String label, String rfcSection, String explanation) {
        this.label = label;
        this.rfcSection = rfcSection;
        this.explanation = explanation;
    }

    public String label() {
        return label;
    }

    public String rfcSection() {
        return rfcSection;
    }

    public String explanation() {
        return explanation;
    }

    /** The tooltip text: what the field means and where it is defined. */
    public String tooltip() {
        return label + " — " + explanation + "\n(" + rfcSection + ")";
    }

    /**
     * The header fields a violation is about, so the view can mark them. Violations that are not about the
     * header (UTF-8, handshake, close payload) implicate none.
     */
    public static Set<HeaderField> implicatedBy(Violation violation) {
        switch (violation) {
            case MASKED_SERVER_FRAME:
            case UNMASKED_CLIENT_FRAME:
                return EnumSet.of(MASK, MASKING_KEY);
            case RESERVED_BITS:
                return EnumSet.of(RSV1, RSV2, RSV3);
            case RSV1_ON_CONTINUATION:
            case RSV1_ON_CONTROL_FRAME:
                return EnumSet.of(RSV1, OPCODE);
            case RESERVED_OPCODE:
            case CONTINUATION_WITHOUT_START:
            case DATA_FRAME_DURING_FRAGMENTED_MESSAGE:
                return EnumSet.of(OPCODE);
            case NON_MINIMAL_LENGTH:
            case LENGTH_MSB_SET:
                return EnumSet.of(PAYLOAD_LEN, EXTENDED_PAYLOAD_LEN);
            case CONTROL_FRAME_TOO_LONG:
                return EnumSet.of(OPCODE, PAYLOAD_LEN, EXTENDED_PAYLOAD_LEN);
            case FRAGMENTED_CONTROL_FRAME:
                return EnumSet.of(FIN, OPCODE);
            default:
                return EnumSet.noneOf(HeaderField.class);
        }
    }
}
