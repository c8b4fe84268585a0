package dev.framescope.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framescope.wire.ClosePayload;
import dev.framescope.wire.Dissected;
import dev.framescope.wire.Finding;
import dev.framescope.wire.Frame;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.LengthEncoding;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Utf8Validator;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One frame as JSON, with the keys {@code dissect --json} and the session file share: fin, rsv1-3, opcode,
 * opcodeName, masked, maskingKey, payloadLength, lengthEncoding, payloadHex, inflatedHex, text, violations, offset.
 */
public final class FrameJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    private FrameJson() {
    }

    public static ObjectNode toJson(Dissected.FrameItem item) {
        return toJson(item.frame(), item.carriesText(), item.inflated(), item.findings());
    }

    public static ObjectNode toJson(Frame frame, boolean textMessage, Optional<byte[]> inflated,
                                    List<Finding> findings) {
        FrameHeader h = frame.header();
        ObjectNode node = NODES.objectNode();
        node.put("type", "frame");
        node.put("fin", h.fin()).put("rsv1", h.rsv1()).put("rsv2", h.rsv2()).put("rsv3", h.rsv3());
        node.put("opcode", h.opcode().code()).put("opcodeName", h.opcode().shortName());
        node.put("masked", h.masked());
        if (h.masked()) {
            node.put("maskingKey", h.maskingKeyHex().orElseThrow());
        } else {
            node.putNull("maskingKey");
        }
        // Unsigned as on the wire: a length with its top bit set (LENGTH_MSB_SET) is a number above 2^63, not negative.
        if (h.lengthMsbSet()) {
            node.put("payloadLength", new BigInteger(h.payloadLengthText()));
        } else {
            node.put("payloadLength", h.payloadLength());
        }
        node.put("lengthEncoding", h.lengthEncoding().bits());
        node.put("offset", h.streamOffset());
        if (!frame.isWhole()) {
            node.put("chunkOffset", frame.chunkOffset()).put("lastChunk", frame.lastChunk());
        }
        node.put("payloadHex", HEX.formatHex(frame.payload()));
        inflated.ifPresent(b -> node.put("inflatedHex", HEX.formatHex(b)));
        byte[] shown = inflated.orElse(frame.payload());
        if (textMessage && frame.isWhole() && Utf8Validator.isValid(shown)) {
            node.put("text", new String(shown, StandardCharsets.UTF_8));
        }
        if (h.opcode() == Opcode.CLOSE && frame.isWhole()) {
            ClosePayload close = ClosePayload.parse(frame.payload());
            close.code().ifPresent(c -> node.put("closeCode", c));
            node.put("closeReason", close.reason());
        }
        findings.forEach(f -> node.withArray("violations").add(f.violation().id()));
        if (findings.isEmpty()) {
            node.putArray("violations");
        }
        return node;
    }

    /** Reads back the header fields of a frame line (the session reader's inverse of {@link #toJson}). */
    public static FrameHeader header(JsonNode node) {
        int opcode = node.path("opcode").asInt();
        boolean masked = node.path("masked").asBoolean();
        int key = masked ? Integer.parseUnsignedInt(node.path("maskingKey").asText("0"), 16) : 0;
        return new FrameHeader(node.path("fin").asBoolean(), node.path("rsv1").asBoolean(),
                node.path("rsv2").asBoolean(), node.path("rsv3").asBoolean(), Opcode.of(opcode),
                masked, key, node.path("payloadLength").asLong(),
                LengthEncoding.ofBits(node.path("lengthEncoding").asInt(7)),
                node.path("offset").asLong());
    }

    public static byte[] hex(JsonNode node, String field) {
        return HEX.parseHex(node.path(field).asText(""));
    }
}
