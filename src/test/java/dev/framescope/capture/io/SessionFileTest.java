package dev.framescope.capture.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.PayloadStore;
import dev.framescope.wire.Dissected;
import dev.framescope.wire.Finding;
import dev.framescope.wire.Sender;
import dev.framescope.wire.Severity;
import dev.framescope.wire.StreamDissector;
import dev.framescope.wire.Violation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFileTest {

    @TempDir
    Path dir;

    private static final String REQUEST = "GET /feed?access_token=s3cr3t&room=7 HTTP/1.1\r\nHost: x\r\n"
            + "Authorization: Bearer abc.def\r\nCookie: sid=42\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";

    /** A log with one event of every kind, frames from real bytes through the dissector. */
    private static CaptureLog sample() {
        CaptureLog log = new CaptureLog(3, "ws://h/feed?access_token=s3cr3t", new PayloadStore(1 << 20));
        long t = log.nanoAnchor();
        log.append(t + 1, s -> new CaptureEvent.StateEvent(s, dev.framescope.capture.ConnectionState.OPEN, ""));
        log.append(t + 2, s -> new CaptureEvent.TimingEvent(s, CaptureEvent.Phase.TCP, 1234, "127.0.0.1:80"));
        log.append(t + 3, s -> new CaptureEvent.TlsEvent(s, "TLSv1.3", "TLS_AES_128_GCM_SHA256", List.of("CN=x"),
                true, false));
        log.append(t + 4, s -> new CaptureEvent.HandshakeEvent(s, REQUEST.getBytes(StandardCharsets.ISO_8859_1),
                "HTTP/1.1 101 OK\r\nSet-Cookie: a=b\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), new byte[0], 101,
                "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Optional.of("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), Optional.of("chat"),
                "permessage-deflate", "permessage-deflate", List.of()));
        log.append(t + 5, s -> new CaptureEvent.NegotiationEvent(s, "permessage-deflate", "permessage-deflate",
                List.of("effect"), List.of()));
        StreamDissector d = new StreamDissector(Sender.SERVER);
        d.enableDeflate(15, true, 1 << 20);
        for (Dissected item : d.feed(HexFormat.of().parseHex("c107f248cdc9c90700830100"))) {
            if (item instanceof Dissected.FrameItem f) {
                log.append(t + 6, s -> new CaptureEvent.FrameEvent(s, Direction.IN, f.frame().header(), 0, true,
                        log.payloads().store(f.frame().payload()), f.messageOpcode(),
                        f.inflated().map(log.payloads()::store), f.findings()));
            } else if (item instanceof Dissected.MessageItem m) {
                log.append(t + 7, s -> new CaptureEvent.MessageEvent(s, Direction.IN, m.message()));
            }
        }
        log.append(t + 8, s -> new CaptureEvent.HeartbeatEvent(s, CaptureEvent.HeartbeatKind.PONG_RECEIVED,
                new byte[] {1}, OptionalLong.of(500)));
        log.append(t + 9, s -> new CaptureEvent.ViolationEvent(s, Direction.IN,
                Finding.at(Violation.TRUNCATED_FRAME, 12, "x")));
        log.append(t + 10, s -> new CaptureEvent.CloseEvent(s, CaptureEvent.Initiator.SERVER, OptionalInt.of(1000),
                "", OptionalInt.of(1001), "bye", true, OptionalLong.of(99)));
        log.append(t + 11, s -> new CaptureEvent.NoteEvent(s, Severity.WARNING, "note"));
        return log;
    }

    private Path write(CaptureLog log, boolean keepSecrets) throws Exception {
        Path file = dir.resolve("s.fscap");
        try (SessionWriter w = new SessionWriter(file, keepSecrets)) {
            w.write(log, log.readFrom(0, log.size()));
        }
        return file;
    }

    @Test
    void everyEventTypeRoundTrips() throws Exception {
        CaptureLog original = sample();
        SessionReader.Loaded loaded = SessionReader.read(write(original, true), 1 << 20);
        assertEquals(List.of(), loaded.problems());
        CaptureLog back = loaded.logs().get(0);
        assertEquals(original.size(), back.size());
        assertEquals(3, back.connectionId());
        for (int i = 0; i < original.size(); i++) {
            CaptureEvent a = original.get(i);
            CaptureEvent b = back.get(i);
            assertEquals(a.getClass(), b.getClass());
            assertEquals(a.findings(), b.findings(), "findings of event " + i);
        }
        CaptureEvent.FrameEvent frame = (CaptureEvent.FrameEvent) back.get(5);
        assertEquals(((CaptureEvent.FrameEvent) original.get(5)).header(), frame.header());
        assertArrayEquals("Hello".getBytes(StandardCharsets.UTF_8), frame.inflated().orElseThrow().bytes());
        CaptureEvent.MessageEvent message = (CaptureEvent.MessageEvent) back.get(6);
        assertArrayEquals("Hello".getBytes(StandardCharsets.UTF_8), message.message().payload());
        CaptureEvent.CloseEvent close = (CaptureEvent.CloseEvent) back.get(back.size() - 2);
        assertEquals(1001, close.receivedCode().getAsInt());
        assertEquals(Violation.RESERVED_OPCODE, back.get(7).findings().get(0).violation());
    }

    @Test
    void secretsAreRedactedByDefaultAndKeptOnRequest() throws Exception {
        String redacted = Files.readString(write(sample(), false));
        assertFalse(redacted.contains("abc.def") || redacted.contains("sid=42") || redacted.contains("s3cr3t")
                || redacted.contains("a=b"), redacted);
        assertTrue(redacted.contains("Authorization: [redacted]"));
        assertTrue(redacted.contains("access_token=[redacted]&room=7"));
        assertTrue(redacted.contains("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="), "the key is not a secret");
        String kept = Files.readString(write(sample(), true));
        assertTrue(kept.contains("Authorization: Bearer abc.def") && kept.contains("access_token=s3cr3t"));
    }

    @Test
    void aTruncatedLastLineAndACorruptedMiddleLineAreReportedAndTheRestLoads() throws Exception {
        Path file = write(sample(), true);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        int total = lines.size();
        lines.set(5, lines.get(5).substring(0, 10) + "#garbage");
        String last = lines.get(total - 1);
        lines.set(total - 1, last.substring(0, last.length() / 2));
        Files.writeString(file, String.join("\n", lines));
        SessionReader.Loaded loaded = SessionReader.read(file, 1 << 20);
        assertEquals(2, loaded.problems().size());
        assertEquals(6, loaded.problems().get(0).line());
        assertEquals(total, loaded.problems().get(1).line());
        assertTrue(loaded.problems().get(0).message().startsWith("not valid JSON"));
        assertEquals(sample().size() - 2, loaded.logs().get(0).size());
    }

    @Test
    void hostileLinesAreReportedOneByOneAndNothingValidIsLost() throws Exception {
        Path file = write(sample(), true);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        int valid = lines.size() - 2;
        lines.add(3, "\u0000".repeat(1000));
        lines.add(4, "{\"type\":\"frame\",\"conn\":3,\"opcode\":\"not a number\",\"payloadHex\":\"zz\"}");
        lines.add(5, "{\"type\":\"@class\",\"conn\":3,\"@class\":\"java.lang.Runtime\"}");
        lines.add(6, "[1,2,3]");
        Files.writeString(file, String.join("\n", lines) + "\n");
        SessionReader.Loaded loaded = SessionReader.read(file, 1 << 20);
        assertEquals(4, loaded.problems().size(), loaded.problems().toString());
        assertEquals(List.of(4L, 5L, 6L, 7L), loaded.problems().stream().map(SessionReader.LoadProblem::line).toList());
        assertEquals(valid, loaded.logs().get(0).size());
        assertEquals(1, loaded.logs().size(), "no phantom connection from a bad line");
    }

    @Test
    void aFileThatIsNotASessionIsRefusedClearly() throws Exception {
        Path file = dir.resolve("x.fscap");
        Files.writeString(file, "{\"format\":\"framescope-session\",\"version\":99}\n");
        SessionReader.NotASessionException e = assertThrows(SessionReader.NotASessionException.class,
                () -> SessionReader.read(file, 1 << 20));
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());
        Files.writeString(file, "PK\u0003\u0004 binary");
        assertThrows(SessionReader.NotASessionException.class, () -> SessionReader.read(file, 1 << 20));
    }
}
