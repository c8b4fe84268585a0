package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framescope.decode.DecodeFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeCommandTest {

    private final Cli cli = new Cli();

    private JsonNode tree() throws Exception {
        return new ObjectMapper().readTree(cli.out());
    }

    @Test
    void msgpackHexPrintsTheTreeAsJson() throws Exception {
        assertEquals(0, cli.run("decode", "--as", "msgpack", HexFormat.of().formatHex(DecodeFixtures.msgpack())),
                cli.err());
        assertEquals("café", tree().get("name").asText());
        assertEquals(-5, tree().get("n").asInt());
    }

    @Test
    void autoDetectsCborFromAFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.cbor");
        Files.write(f, DecodeFixtures.cbor());
        assertEquals(0, cli.run("decode", "--file", f.toString()), cli.err());
        assertEquals("t-1", tree().get("sensor").asText());
        assertTrue(cli.err().contains("cbor"), cli.err());
    }

    @Test
    void protobufSchemalessAndTyped(@TempDir Path dir) throws Exception {
        String hex = HexFormat.of().formatHex(DecodeFixtures.protobuf());
        assertEquals(0, cli.run("decode", "--as", "protobuf", hex), cli.err());
        assertEquals("Ada", tree().get("2").asText());

        Path desc = dir.resolve("order.desc");
        Files.write(desc, DecodeFixtures.descriptorSet());
        Cli typed = new Cli();
        assertEquals(0, typed.run("decode", "--as", "protobuf", "--descriptor", desc.toString(), "--type",
                "demo.Order", hex), typed.err());
        JsonNode t = new ObjectMapper().readTree(typed.out());
        assertEquals("Ada", t.get("customer").asText());
        assertEquals("pen", t.get("items").get(0).get("label").asText());
        assertEquals("EXPRESS", t.get("kind").asText());
    }

    @Test
    void truncatedInputPrintsThePartialTreeAndWhereItStopped() throws Exception {
        byte[] all = DecodeFixtures.msgpack();
        byte[] cut = Arrays.copyOf(all, all.length - 3);
        assertEquals(1, cli.run("decode", "--as", "msgpack", HexFormat.of().formatHex(cut)));
        assertEquals("café", tree().get("name").asText(), "partial tree on stdout");
        assertTrue(cli.err().matches("(?s).*stopped at byte \\d+: .+"), cli.err());
    }

    @Test
    void usageErrorsExitTwo(@TempDir Path dir) {
        assertEquals(2, new Cli().run("decode", "--as", "nonsense", "00"));
        assertEquals(2, new Cli().run("decode", "--as", "json"));
        assertEquals(2, new Cli().run("decode", "0g"));
        Cli badType = new Cli();
        assertEquals(2, badType.run("decode", "--as", "protobuf", "--descriptor", dir.resolve("none.desc").toString(),
                "--type", "x", "00"));
        Cli unknown = new Cli();
        assertEquals(2, unknown.run("decode", "--as", "nonsense", "00"));
        assertTrue(unknown.err().contains("msgpack"), "lists the known ids: " + unknown.err());
    }
}
