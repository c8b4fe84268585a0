package dev.framescope.capture;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framescope.wire.Message;
import dev.framescope.wire.Violation;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** A reassembled message as one JSON object ({@code "type": "message"}). */
public final class MessageJson {

    private MessageJson() {
    }

    public static ObjectNode toJson(Message m) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "message").put("opcode", m.opcode().code()).put("opcodeName", m.opcode().shortName());
        node.put("offset", m.startOffset()).put("frames", m.frameCount()).put("wireLength", m.wireLength());
        node.put("compressed", m.compressed()).put("length", m.length()).put("truncated", m.truncated());
        if (m.isText() && !m.hasViolation(Violation.INVALID_UTF8) && !m.truncated()) {
            node.put("text", new String(m.payload(), StandardCharsets.UTF_8));
        } else {
            node.put("payloadHex", HexFormat.of().formatHex(m.payload()));
        }
        var ids = node.putArray("violations");
        m.findings().forEach(f -> ids.add(f.violation().id()));
        return node;
    }
}
