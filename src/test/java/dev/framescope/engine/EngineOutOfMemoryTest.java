package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.io.SessionReader;
import dev.framescope.cli.Main;
import dev.framescope.wire.FrameEncoder;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java-WebSocket buffers every incoming frame whole. A frame bigger than the heap used to kill its read thread and
 * leave the connection hanging forever; now the connection ends abnormally, says why, and keeps what was captured.
 * Run in a child JVM with a small heap so the error is real and cannot disturb the other tests.
 */
class EngineOutOfMemoryTest {

    @Test
    void aFrameTooBigForTheHeapEndsTheConnectionWithTheReasonAndKeepsTheCapture(@TempDir Path dir) throws Exception {
        int size = 200 * 1024 * 1024;
        byte[] chunk = new byte[1 << 16];
        try (RawServer server = new RawServer((socket, accept) -> {
            OutputStream out = socket.getOutputStream();
            out.write(RawServer.upgrade(accept).getBytes(StandardCharsets.ISO_8859_1));
            out.write(FrameEncoder.text("before the big one").encode());
            out.write(ByteBuffer.allocate(10).put((byte) 0x82).put((byte) 127).putLong(size).array());
            for (int sent = 0; sent < size; sent += chunk.length) {
                out.write(chunk);
            }
            out.flush();
            socket.getInputStream().read(new byte[64]);
        })) {
            Path session = dir.resolve("oom.fscap");
            Path output = dir.resolve("capture.log");
            Process capture = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx96m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "capture",
                    server.uri("/").toString(), "--until-close", "--out", session.toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean exited = capture.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                capture.destroyForcibly().waitFor();
            }
            String printed = Files.readString(output);
            assertTrue(exited, "the capture ended instead of hanging:\n" + printed);
            assertTrue(printed.contains("out of memory: Java-WebSocket buffers each incoming frame whole"), printed);

            SessionReader.Loaded loaded = SessionReader.read(session, 1 << 26);
            assertEquals(List.of(), loaded.problems());
            CaptureLog log = loaded.logs().get(0);
            List<CaptureEvent> events = log.readFrom(0, log.size());
            assertTrue(events.stream().anyMatch(e -> e instanceof CaptureEvent.MessageEvent m
                    && new String(m.message().payload(), StandardCharsets.UTF_8).equals("before the big one")),
                    "the message before the big frame is kept");
            assertTrue(events.stream().anyMatch(e -> e instanceof CaptureEvent.NoteEvent n
                    && n.text().startsWith("out of memory")), "the reason is in the capture");
            CaptureEvent.CloseEvent close = events.stream().filter(CaptureEvent.CloseEvent.class::isInstance)
                    .map(CaptureEvent.CloseEvent.class::cast).findFirst().orElseThrow();
            assertTrue(!close.clean(), "an abnormal close: " + close);
        }
    }
}
