package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code export --to json} of recorded demo captures is the bytes that the build before the decoding shortcuts
 * (76aa343) wrote for them: the JSON Lines are an interchange format, and detection's cheap negatives must not
 * change a decoded tree. The captures cover MessagePack, CBOR, protobuf and JSON (encodings), base64, XML, a
 * number, a literal and a Socket.IO open packet sent and echoed (echo), protocol violations (chaos) and JSON-RPC.
 */
class ExportJsonGoldenTest {

    @TempDir
    Path dir;

    private static byte[] resource(String name) {
        try (InputStream in = ExportJsonGoldenTest.class.getResourceAsStream("/export-golden/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource export-golden/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"encodings", "echo", "chaos", "jsonrpc"})
    void theExportIsTheRecordedOne(String capture) throws Exception {
        Path session = Files.write(dir.resolve(capture + ".fscap"), resource(capture + ".fscap"));
        Path out = dir.resolve(capture + ".jsonl");
        Cli cli = new Cli();
        assertEquals(0, cli.run("export", session.toString(), "--to", "json", "--out", out.toString()), cli.err());
        String expected = new String(resource(capture + ".jsonl"), StandardCharsets.UTF_8);
        assertTrue(expected.contains("\"decoded\":{\"as\":"), "the recorded export has decoded payloads");
        assertEquals(expected, Files.readString(out, StandardCharsets.UTF_8));
    }
}
