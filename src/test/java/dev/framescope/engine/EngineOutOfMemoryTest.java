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
 * Java-WebSocket buffered every incoming frame whole, so a frame bigger than the heap killed its read thread (since
 * then: ended the connection with the reason). Our driver reads frames in chunks and the capture spills payloads to
 * disk, so a 200 MiB frame on a 96 MiB heap is simply captured and the connection goes on. Run in a child JVM with a
 * small heap so an error would be real and could not disturb the other tests.
 */
class EngineOutOfMemoryTest {

    @Test
    void aFrameBiggerThanTheHeapIsCapturedAndTheConnectionGoesOn(@TempDir Path dir) throws Exception {
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
            out.write(FrameEncoder.text("after the big one").encode());
            out.write(FrameEncoder.close(1000, "done").encode());
            out.flush();
            socket.getInputStream().transferTo(OutputStream.nullOutputStream());
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
            assertTrue(!printed.contains("out of memory"), printed);

            SessionReader.Loaded loaded = SessionReader.read(session, 1 << 26);
            assertEquals(List.of(), loaded.problems());
            CaptureLog log = loaded.logs().get(0);
            List<CaptureEvent> events = log.readFrom(0, log.size());
            assertTrue(events.stream().anyMatch(e -> e instanceof CaptureEvent.MessageEvent m
                    && new String(m.message().payload(), StandardCharsets.UTF_8).equals("before the big one")),
                    "the message before the big frame is kept");
            assertTrue(events.stream().anyMatch(e -> e instanceof CaptureEvent.MessageEvent m
                    && new String(m.message().payload(), StandardCharsets.UTF_8).equals("after the big one")),
                    "the message after the big frame is kept: the connection went on");
            assertTrue(events.stream().anyMatch(e -> e instanceof CaptureEvent.FrameEvent f
                    && f.header().payloadLength() == size), "the big frame is in the capture");
            CaptureEvent.CloseEvent close = events.stream().filter(CaptureEvent.CloseEvent.class::isInstance)
                    .map(CaptureEvent.CloseEvent.class::cast).findFirst().orElseThrow();
            assertTrue(close.clean(), "a clean close: " + close);
        }
    }
}
