package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.PayloadStore;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Opcode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/**
 * The timeline's rows hold places in the log, not events: a row whose event was let go is read back from the log
 * as an equal event, and each append is one change.
 */
class FrameRowsTest {

    @Test
    void rowsLetGoOfTheirEventsAndReadThemBackEqual() {
        int count = FrameRows.KEPT + 5_000;
        CaptureLog log = new CaptureLog(1, "ws://h/", new PayloadStore(64L << 20));
        List<CaptureEvent.FrameEvent> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] payload = ("frame " + i).getBytes(StandardCharsets.UTF_8);
            var header = FrameEncoder.text("frame " + i).header();
            frames.add(log.append(log.nanoAnchor() + i, s -> new CaptureEvent.FrameEvent(s, Direction.IN, header, 0,
                    true, log.payloads().store(payload), Optional.of(Opcode.TEXT), Optional.empty(), List.of())));
        }
        FrameRows rows = new FrameRows();
        rows.from(Optional.of(log));
        List<Integer> added = new ArrayList<>();
        rows.addListener((ListChangeListener<CaptureEvent.FrameEvent>) c -> {
            while (c.next()) {
                added.add(c.getAddedSize());
            }
        });

        rows.append(frames.subList(0, 10_000));
        rows.append(frames.subList(10_000, count));

        assertEquals(List.of(10_000, count - 10_000), added, "one change per append");
        assertEquals(count, rows.size());
        assertEquals(FrameRows.KEPT, rows.eventsKept(), "the newest only");
        CaptureEvent.FrameEvent first = rows.get(0); // let go of (the newest KEPT are kept): read back from the log
        assertEquals(frames.get(0), first);
        assertEquals("frame 0", new String(first.payload().bytes(), StandardCharsets.UTF_8));
        assertEquals(frames.get(count - 1), rows.get(count - 1));
        assertEquals(frames.get(FrameRows.KEPT), rows.get(FrameRows.KEPT), "a row sharing row 0's slot is its own");
        assertEquals(frames.get(0), rows.get(0));
        assertEquals(12_345, rows.seqAt(12_345));
        assertEquals(17_000, TimelineModel.indexBySeq(rows, 17_000));
        int keptBefore = rows.eventsKept();
        assertEquals(3, rows.indexOf(frames.get(3)), "found by its seq");
        assertTrue(rows.contains(frames.get(count - 1)));
        assertEquals(keptBefore, rows.eventsKept(), "without reading events back");
        CaptureLog other = new CaptureLog(2, "ws://other/", new PayloadStore(1 << 20));
        CaptureEvent.FrameEvent elsewhere = other.append(other.nanoAnchor(), s -> new CaptureEvent.FrameEvent(s,
                Direction.IN, FrameEncoder.text("x").header(), 0, true, other.payloads().store(new byte[] {'x'}),
                Optional.of(Opcode.TEXT), Optional.empty(), List.of()));
        assertEquals(-1, rows.indexOf(elsewhere), "a frame of another connection is not a row");
    }

    @Test
    void clearingTellsEveryRowGoneWithoutReadingThem() {
        CaptureLog log = new CaptureLog(1, "ws://h/", new PayloadStore(64L << 20));
        List<CaptureEvent.FrameEvent> frames = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            var header = FrameEncoder.text("frame " + i).header();
            byte[] payload = ("frame " + i).getBytes(StandardCharsets.UTF_8);
            frames.add(log.append(log.nanoAnchor() + i, s -> new CaptureEvent.FrameEvent(s, Direction.IN, header, 0,
                    true, log.payloads().store(payload), Optional.of(Opcode.TEXT), Optional.empty(), List.of())));
        }
        FrameRows rows = new FrameRows();
        rows.from(Optional.of(log));
        rows.append(frames);
        List<List<? extends CaptureEvent.FrameEvent>> removed = new ArrayList<>();
        rows.addListener((ListChangeListener<CaptureEvent.FrameEvent>) c -> {
            while (c.next()) {
                assertTrue(c.wasRemoved() && !c.wasAdded() && c.getFrom() == 0 && c.getTo() == 0, c.toString());
                removed.add(c.getRemoved());
            }
        });

        rows.clear();

        assertEquals(0, rows.size());
        assertEquals(1, removed.size(), "one change");
        assertEquals(50_000, removed.get(0).size());
        // JavaFX's change builder hands listeners a copy it fills by reading every row; the rows' own list reads a
        // row when asked.
        assertEquals(FrameRows.class, removed.get(0).getClass().getEnclosingClass(),
                "the removed rows as the rows' own list, not a copy: " + removed.get(0).getClass());
        assertEquals(frames.get(0), removed.get(0).get(0));
        assertEquals(frames.get(49_999), removed.get(0).get(49_999));
    }
}
