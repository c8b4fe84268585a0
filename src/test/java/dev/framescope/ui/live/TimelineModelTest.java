package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.PayloadStore;
import dev.framescope.wire.DecoderOptions;
import dev.framescope.wire.Dissected;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.PlainFrames;
import dev.framescope.wire.Sender;
import dev.framescope.wire.Severity;
import dev.framescope.wire.StreamDissector;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The timeline's view model without a scene: batches per pulse, fragment groups, folding. */
class TimelineModelTest {

    private static byte[] bytes(FrameEncoder... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (FrameEncoder f : frames) {
            out.writeBytes(f.encode());
        }
        return out.toByteArray();
    }

    private static FrameEncoder frame(Opcode op, boolean fin, String text) {
        return FrameEncoder.frame(op).payload(text.getBytes(StandardCharsets.UTF_8)).fin(fin);
    }

    /** A server stream through the real dissector into a log, chunked at 64 bytes so a long frame has chunk rows. */
    private static CaptureLog log(byte[] server) {
        CaptureLog log = new CaptureLog(1, "ws://test/", new PayloadStore(1 << 20));
        StreamDissector d = new StreamDissector(Sender.SERVER, DecoderOptions.defaults().withMaxChunkBytes(64), 1 << 20);
        for (Dissected item : d.feed(server)) {
            if (item instanceof Dissected.FrameItem f) {
                log.append(log.nanoAnchor() + 1, s -> new CaptureEvent.FrameEvent(s, Direction.IN, f.frame().header(),
                        f.frame().chunkOffset(), f.frame().lastChunk(), log.payloads().store(f.frame().payload()),
                        f.messageOpcode(), Optional.empty(), f.findings()));
            }
        }
        return log;
    }

    private static List<String> labels(TimelineModel m) {
        return m.frames().stream().map(f -> m.fragment(f).map(TimelineModel.Fragment::label).orElse("")).toList();
    }

    @Test
    void fragmentsAreNumberedAcrossPulsesAndInterleavedControlFramesStayOut() {
        byte[] stream = bytes(frame(Opcode.TEXT, true, "whole"), frame(Opcode.TEXT, false, "a"),
                frame(Opcode.PING, true, "p"), frame(Opcode.CONTINUATION, false, "x".repeat(150)),
                frame(Opcode.CONTINUATION, true, "c"), frame(Opcode.BINARY, true, "after"));
        TimelineModel m = new TimelineModel();
        m.show(Optional.of(log(stream)));
        // The 150-byte continuation arrives as 3 chunk rows of 64 bytes at most: all belong to fragment 2.
        assertEquals(List.of("", "▾ 1/3", "", "└ 2/3", "└ 2/3", "└ 2/3", "└ 3/3", ""), labels(m));
    }

    @Test
    void anOpenMessageShowsAnEllipsisUntilItsLastFrameArrives() {
        CaptureLog log = log(bytes(frame(Opcode.TEXT, false, "a"), frame(Opcode.CONTINUATION, false, "b")));
        TimelineModel m = new TimelineModel();
        m.show(Optional.of(log));
        assertEquals(List.of("▾ 1/…", "└ 2/…"), labels(m));
        long changes = m.fragmentsChangedProperty().get();
        CaptureLog more = log(bytes(frame(Opcode.TEXT, false, "a"), frame(Opcode.CONTINUATION, false, "b"),
                frame(Opcode.CONTINUATION, true, "c")));
        m.show(Optional.of(more));
        assertEquals(List.of("▾ 1/3", "└ 2/3", "└ 3/3"), labels(m));
        assertTrue(m.fragmentsChangedProperty().get() > changes, "labels refresh when a group completes");
    }

    @Test
    void foldingHidesTheLaterFragmentsOfThatMessageOnly() {
        byte[] stream = bytes(frame(Opcode.TEXT, false, "a"), frame(Opcode.PING, true, "p"),
                frame(Opcode.CONTINUATION, true, "b"), frame(Opcode.BINARY, false, "c"),
                frame(Opcode.CONTINUATION, true, "d"));
        TimelineModel m = new TimelineModel();
        m.show(Optional.of(log(stream)));
        List<CaptureEvent.FrameEvent> f = List.copyOf(m.frames());
        assertFalse(m.anyCollapsed());
        m.toggleCollapsed(f.get(2));
        assertFalse(m.anyCollapsed(), "only a first fragment folds its message");
        m.toggleCollapsed(f.get(0));
        assertTrue(m.anyCollapsed());
        assertEquals(List.of(true, true, false, true, true), f.stream().map(m::visibleWhenFolded).toList());
        assertEquals("▸ 2 frames", m.fragment(f.get(0)).orElseThrow().label());
        m.setAllCollapsed(true);
        assertEquals(List.of(true, true, false, true, false), f.stream().map(m::visibleWhenFolded).toList());
        m.setAllCollapsed(false);
        assertFalse(m.anyCollapsed());
        assertTrue(f.stream().allMatch(m::visibleWhenFolded));
    }

    @Test
    void framesAreNumberedOnTheirOwnNotWithTheLogsOtherEvents() {
        CaptureLog log = log(bytes(frame(Opcode.TEXT, true, "one")));
        log.append(log.nanoAnchor() + 2, s -> new CaptureEvent.NoteEvent(s, Severity.INFO, "between"));
        CaptureLog more = log(bytes(frame(Opcode.TEXT, true, "two"), frame(Opcode.TEXT, true, "three")));
        for (CaptureEvent e : more.readFrom(0, more.size())) {
            CaptureEvent.FrameEvent f = (CaptureEvent.FrameEvent) e;
            log.append(log.nanoAnchor() + 3, s -> new CaptureEvent.FrameEvent(s, f.dir(), f.header(), f.chunkOffset(),
                    f.lastChunk(), f.payload(), f.messageOpcode(), f.inflated(), f.findings()));
            log.append(log.nanoAnchor() + 3, s -> new CaptureEvent.NoteEvent(s, Severity.INFO, "after"));
        }
        TimelineModel m = new TimelineModel();
        m.show(Optional.of(log));
        List<CaptureEvent.FrameEvent> f = List.copyOf(m.frames());
        assertEquals(List.of(0L, 2L, 4L), f.stream().map(CaptureEvent::seq).toList(), "log seqs have gaps");
        assertEquals(List.of(1L, 2L, 3L), f.stream().map(m::frameNumber).toList(), "frame numbers have none");
        m.clearView();
        CaptureLog last = log(bytes(frame(Opcode.TEXT, true, "four")));
        CaptureEvent.FrameEvent four = (CaptureEvent.FrameEvent) last.readFrom(0, 1).get(0);
        log.append(log.nanoAnchor() + 4, s -> new CaptureEvent.FrameEvent(s, four.dir(), four.header(),
                four.chunkOffset(), four.lastChunk(), four.payload(), four.messageOpcode(), four.inflated(),
                four.findings()));
        m.onPulse(0);
        assertEquals(4L, m.frameNumber(m.frames().get(0)), "numbering goes on after Clear View");
    }

    @Test
    void plainFramesBecomeRowsWithoutTheirEventsBeingBuiltAndEndAnOpenFragmentGroup() {
        CaptureLog log = new CaptureLog(1, "ws://test/", new PayloadStore(1 << 20));
        StreamDissector d = new StreamDissector(Sender.SERVER);
        PlainFrames run = new PlainFrames();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        for (int i = 0; i < 30_000; i++) {
            plain.writeBytes(FrameEncoder.text("tick " + i).encode());
        }
        ByteBuffer in = ByteBuffer.wrap(plain.toByteArray());
        while (in.hasRemaining()) {
            assertTrue(d.takePlainFrames(in, run) > 0);
            log.appendPlainFrames(log.nanoAnchor() + 1, run);
        }
        // A first fragment, recorded as the general path does: the plain frames after it are whole messages.
        CaptureLog fragment = log(bytes(frame(Opcode.TEXT, false, "first of two")));
        CaptureEvent.FrameEvent first = (CaptureEvent.FrameEvent) fragment.readFrom(0, 1).get(0);
        log.append(log.nanoAnchor() + 2, s -> new CaptureEvent.FrameEvent(s, first.dir(), first.header(),
                first.chunkOffset(), first.lastChunk(), first.payload(), first.messageOpcode(), first.inflated(),
                first.findings()));
        in = ByteBuffer.wrap(FrameEncoder.text("whole").encode());
        d.takePlainFrames(in, run);
        log.appendPlainFrames(log.nanoAnchor() + 3, run);

        TimelineModel m = new TimelineModel();
        m.show(Optional.of(log));
        for (int pulse = 0; pulse < 100 && m.frames().size() < 30_002; pulse++) {
            m.onPulse(pulse);
        }
        assertEquals(30_002, m.frames().size());
        assertEquals(List.of(0L, 2L, 59_998L, 60_000L, 60_001L), List.of(m.frameRows().seqAt(0),
                m.frameRows().seqAt(1), m.frameRows().seqAt(29_999), m.frameRows().seqAt(30_000),
                m.frameRows().seqAt(30_001)));
        assertEquals(1, m.frameRows().eventsKept(), "only the fragment was built; the plain frames' rows were not");
        assertEquals("tick 29999", new String(m.frames().get(29_999).payload().bytes(), StandardCharsets.UTF_8),
                "a plain row reads its frame back when asked");
        assertEquals(List.of("▾ 1/…", ""), labels(m).subList(30_000, 30_002),
                "the whole frame after it is no fragment of the open message");
    }
}
