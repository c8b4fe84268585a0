package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DissectCommandTest {

    private final Cli cli = new Cli();
    private final java.io.StringWriter out = cli.out;
    private final java.io.StringWriter err = cli.err;

    private int run(String... args) {
        return cli.run(args);
    }

    private List<JsonNode> jsonLines() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            nodes.add(mapper.readTree(line));
        }
        return nodes;
    }

    @Test
    void jsonHasTheDocumentedKeysForAMaskedClientFrame() throws Exception {
        assertEquals(0, run("dissect", "--from", "client", "--json", "81 85 37 fa 21 3d 7f 9f 4d 51 58"));
        JsonNode frame = jsonLines().get(0);
        for (String key : List.of("fin", "rsv1", "rsv2", "rsv3", "opcode", "opcodeName", "masked", "maskingKey",
                "payloadLength", "lengthEncoding", "payloadHex", "text", "violations")) {
            assertTrue(frame.has(key), "missing " + key + " in " + frame);
        }
        assertEquals(1, frame.get("opcode").asInt());
        assertEquals("37fa213d", frame.get("maskingKey").asText());
        assertEquals(7, frame.get("lengthEncoding").asInt());
        assertEquals("48656c6c6f", frame.get("payloadHex").asText());
        assertEquals("Hello", frame.get("text").asText());
        assertEquals("message", jsonLines().get(1).get("type").asText());
    }

    @Test
    void deflateAndViolationsShowInJson() throws Exception {
        assertEquals(0, run("dissect", "--json", "--deflate", "permessage-deflate", "c107f248cdc9c90700", "0x830100"));
        List<JsonNode> lines = jsonLines();
        assertEquals("48656c6c6f", lines.get(0).get("inflatedHex").asText());
        assertEquals("RESERVED_OPCODE", lines.get(2).get("violations").get(0).asText());
        assertEquals(1, lines.get(lines.size() - 1).get("violations").get("RESERVED_OPCODE").asInt());
    }

    @Test
    void aHandshakePrefixIsShownAndItsDeflateResponseUsed(@TempDir Path dir) throws Exception {
        byte[] head = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover\r\n\r\n").getBytes();
        byte[] frames = HexFormat.of().parseHex("c107f248cdc9c90700");
        Path file = dir.resolve("stream.bin");
        Files.write(file, concat(head, frames));
        assertEquals(0, run("dissect", "--file", file.toString()));
        String table = out.toString();
        assertTrue(table.contains("HTTP response (" + head.length + " bytes)"), table);
        assertTrue(table.contains("inflated 5 B"), table);
        assertTrue(table.contains(String.valueOf(head.length) + "  F 1-- -"), table);
    }

    @Test
    void closeFramesAreExplainedAndTruncationReported() {
        assertEquals(0, run("dissect", "880303e9", "8205"));
        String table = out.toString();
        assertTrue(table.contains("1001 Going Away"), table);
        assertTrue(table.contains("TRUNCATED_FRAME"), table);
    }

    @Test
    void aLengthWithItsTopBitSetIsShownUnsignedInTheTableAndTheJson() throws Exception {
        // RFC 6455 §5.2: 0x8000000000000005 breaks LENGTH_MSB_SET; what the wire declares is 2^63 + 5, not negative.
        assertEquals(0, run("dissect", "827f8000000000000005"));
        String table = out.toString();
        assertTrue(table.contains("9223372036854775813 (64)"), table);
        assertTrue(table.contains("LENGTH_MSB_SET"), table);
        assertTrue(!table.contains("-9223372036854775"), table);

        out.getBuffer().setLength(0);
        assertEquals(0, run("dissect", "--json", "827f8000000000000005"));
        JsonNode frame = jsonLines().get(0);
        assertEquals("9223372036854775813", frame.get("payloadLength").asText());
        assertTrue(frame.get("payloadLength").isIntegralNumber(), frame.toString());
        assertEquals("LENGTH_MSB_SET", frame.get("violations").get(0).asText());
    }

    @Test
    void unreadableInputFailsWithAClearMessage() {
        assertEquals(2, run("dissect", "81z5"));
        assertTrue(err.toString().contains("not a hex digit at position 2: 'z'"), err.toString());
        assertEquals(2, run("dissect", "--file", "/nonexistent/file.bin"));
        assertTrue(err.toString().contains("/nonexistent/file.bin"), err.toString());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
