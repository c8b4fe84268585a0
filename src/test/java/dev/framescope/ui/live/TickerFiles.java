package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.PayloadStore;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.capture.io.SessionOutput;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.PlainFrames;
import dev.framescope.wire.Sender;
import dev.framescope.wire.StreamDissector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;

/** Session files of a ticker's plain text frames from the server, for the tests that open big files. */
final class TickerFiles {

    private TickerFiles() {
    }

    /** Writes {@code frames} frames ({@code {"tick":n}}, a millisecond apart) to {@code file} as a capture records them. */
    static Path write(Path file, int frames) throws IOException {
        try (CaptureLog log = ticker(frames); SessionOutput out = SessionFiles.create(file, false)) {
            out.write(log, log.readFrom(0, log.size()));
        }
        return file;
    }

    private static CaptureLog ticker(int count) {
        CaptureLog log = new CaptureLog(1, "demo:/ticker", new PayloadStore(64L << 20), 0,
                Instant.parse("2026-12-05T08:00:00Z"));
        StreamDissector dissector = new StreamDissector(Sender.SERVER);
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            frames.writeBytes(FrameEncoder.text("{\"tick\":" + i + "}").encode());
        }
        ByteBuffer in = ByteBuffer.wrap(frames.toByteArray());
        long nanos = 0;
        PlainFrames run = new PlainFrames();
        while (in.hasRemaining()) {
            assertTrue(dissector.takePlainFrames(in, run) > 0, "plain frames");
            log.appendPlainFrames(nanos += 1_000_000, run);
        }
        return log;
    }
}
