package dev.framescope.capture.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.RelayMark;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.PayloadStore;
import dev.framescope.capture.Stamp;
import dev.framescope.wire.Dissected;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Message;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import dev.framescope.wire.StreamDissector;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The intercepting proxy's marks in session files and exports: an original held and replaced by an edit, both
 * marked, survive a save and a load in both versions; pcapng carries each direction as its sender sent it, the
 * proxy's own frame left out (streamed from a file: {@code cli/ProxiedExportTest}); the text and JSON exports
 * name the marks (JSON and HAR in detail: {@link RelayMarkExportTest}).
 */
public class RelayMarkFileTest {

    @TempDir
    Path dir;

    public static final byte[] ORIGINAL = FrameEncoder.text("order 1").masked(0x11223344).encode();
    public static final byte[] EDIT = FrameEncoder.text("order 2").masked(0x55667788).encode();

    /** The app's "order 1" (frame 0, message 1), its edit as marked and written (2, 3, 4), the original's mark (5). */
    public static CaptureLog proxied() {
        return proxied(RelayMark.EDITED, RelayMark.REPLACED);
    }

    /** As {@link #proxied()}, the proxy's frame marked {@code written} and the original {@code original}. */
    static CaptureLog proxied(RelayMark written, RelayMark original) {
        // A fixed wall clock: an export's times are doubles of epoch seconds, and a version 1 file keeps microseconds,
        // so a capture a few nanoseconds after a random instant could round to another double once read back.
        CaptureLog log = new CaptureLog(1, "ws://h/chat via proxy from 127.0.0.1:5000", new PayloadStore(1 << 20), 0,
                Instant.parse("2026-12-06T08:00:00Z"));
        long t = log.nanoAnchor();
        for (Dissected item : new StreamDissector(Sender.CLIENT).feed(ORIGINAL)) {
            if (item instanceof Dissected.FrameItem f) {
                log.append(t + 1, s -> new CaptureEvent.FrameEvent(s, Direction.OUT, f.frame().header(), 0, true,
                        log.payloads().store(f.frame().payload()), f.messageOpcode(), Optional.empty(), List.of()));
            } else if (item instanceof Dissected.MessageItem m) {
                log.append(t + 1, s -> new CaptureEvent.MessageEvent(s, Direction.OUT, m.message()));
            }
        }
        var header = FrameEncoder.text("order 2").masked(0x55667788).header();
        byte[] data = "order 2".getBytes(StandardCharsets.UTF_8);
        log.appendRun(t + 2, first -> {
            List<Function<Stamp, CaptureEvent>> run = new ArrayList<>();
            run.add(s -> new CaptureEvent.RelayEvent(s, Direction.OUT, written, List.of(first + 1,
                    first + 2), List.of(0L, 1L)));
            run.add(s -> new CaptureEvent.FrameEvent(s, Direction.OUT, header, 0, true, log.payloads().store(data),
                    Optional.of(Opcode.TEXT), Optional.empty(), List.of()));
            run.add(s -> new CaptureEvent.MessageEvent(s, Direction.OUT, new Message(Sender.CLIENT, Opcode.TEXT, 0,
                    1, data.length, false, data.length, data, List.of())));
            return run;
        });
        log.append(t + 3, s -> new CaptureEvent.RelayEvent(s, Direction.OUT, original, List.of(0L, 1L),
                List.of(3L, 4L)));
        return log;
    }

    @Test
    void marksSurviveASaveAndALoadInBothVersions() throws Exception {
        for (RelayMark[] marks : new RelayMark[][] {{RelayMark.EDITED, RelayMark.REPLACED},
                {RelayMark.RESENT, RelayMark.REFRAMED}}) {
            saveAndLoad(marks[0], marks[1]);
        }
    }

    private void saveAndLoad(RelayMark written, RelayMark marked) throws Exception {
        CaptureLog original = proxied(written, marked);
        assertMarked(original, written, marked);
        for (int version : List.of(1, 2)) {
            Path file = dir.resolve("proxied-v" + version + ".fscap");
            try (SessionOutput out = SessionFiles.create(file, true, version)) {
                out.write(original, original.readFrom(0, original.size()));
            }
            SessionReader.Loaded loaded = SessionFiles.load(file, 1 << 20);
            assertEquals(List.of(), loaded.problems(), "version " + version);
            CaptureLog back = loaded.logs().get(0);
            assertEquals(original.size(), back.size(), "version " + version);
            assertMarked(back, written, marked);
        }
    }

    private static void assertMarked(CaptureLog log, RelayMark written, RelayMark marked) {
        assertEquals(Optional.of(marked), log.relayMark(0).map(CaptureEvent.RelayEvent::mark));
        assertEquals(Optional.of(marked), log.relayMark(1).map(CaptureEvent.RelayEvent::mark));
        assertEquals(Optional.of(List.of(3L, 4L)), log.relayMark(1).map(CaptureEvent.RelayEvent::counterpart));
        assertEquals(Optional.of(written), log.relayMark(3).map(CaptureEvent.RelayEvent::mark));
        assertEquals(Optional.of(List.of(0L, 1L)), log.relayMark(4).map(CaptureEvent.RelayEvent::counterpart));
        assertEquals(Optional.empty(), log.relayMark(2), "the mark itself is not marked");
        assertTrue(log.hasRelayMarks());
    }

    @Test
    void pcapngCarriesWhatEachSenderSentWithoutTheProxysFrame() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Exports.write(Exports.Format.PCAPNG, List.of(proxied()), true, out);
        String hex = HexFormat.of().formatHex(out.toByteArray());
        assertTrue(hex.contains(HexFormat.of().formatHex(ORIGINAL)), "the app's frame as it sent it");
        assertFalse(hex.contains(HexFormat.of().formatHex(EDIT).substring(0, 12)), "not the proxy's edit");
    }

    @Test
    void jsonAndTextExportsNameTheMarks() throws Exception {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        Exports.write(Exports.Format.JSON, List.of(proxied()), true, json);
        String lines = json.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("order 1") && lines.contains("order 2"), lines);
        assertTrue(lines.contains("\"type\":\"relay\"") && lines.contains("\"proxy\":{\"mark\":\"edited\""), lines);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        Exports.write(Exports.Format.TEXT, List.of(proxied()), true, text);
        String shown = text.toString(StandardCharsets.UTF_8);
        // The original's mark comes after it: a line of its own, as in a text export streamed from a file.
        assertTrue(shown.contains("was held and replaced by event 3"), shown);
        assertTrue(shown.contains("[edited by you; original: event 0]"), shown);
    }

    /** A compressed message the proxy re-sent uncompressed (after an edit before it): both sides named. */
    @Test
    void jsonAndTextExportsNameAReSentMessage() throws Exception {
        CaptureLog log = proxied(RelayMark.RESENT, RelayMark.REFRAMED);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        Exports.write(Exports.Format.JSON, List.of(log), true, json);
        String lines = json.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("\"proxy\":{\"mark\":\"resent\",\"original\":[0,1]}"), lines);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        Exports.write(Exports.Format.TEXT, List.of(log), true, text);
        String shown = text.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("[re-sent uncompressed by the proxy; original: event 0]"), shown);
        assertTrue(shown.contains("compressed message at events 0–1 went on uncompressed as event 3"), shown);
        ByteArrayOutputStream har = new ByteArrayOutputStream();
        Exports.write(Exports.Format.HAR, List.of(log), true, har);
        String harText = har.toString(StandardCharsets.UTF_8).replaceAll("\\s", "");
        assertTrue(harText.contains("\"mark\":\"reframed\",\"resentAs\":4"), harText);
        CaptureLog back = Har.read(new java.io.ByteArrayInputStream(har.toByteArray()), 1 << 20).logs().get(0);
        List<String> marks = new ArrayList<>();
        for (int i = 0; i < back.size(); i++) {
            if (back.get(i) instanceof CaptureEvent.RelayEvent r) {
                marks.add(r.mark() + " " + r.marked() + " " + r.counterpart());
            }
        }
        assertEquals(2, marks.size(), marks.toString());
        assertTrue(marks.stream().anyMatch(m -> m.startsWith("REFRAMED")) && marks.stream().anyMatch(m ->
                m.startsWith("RESENT")), marks.toString());
        assertTrue(marks.stream().noneMatch(m -> m.endsWith("[]")), "each names the other: " + marks);
    }
}
