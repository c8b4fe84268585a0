package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.PayloadStore;
import dev.framescope.ui.live.FilterModel.Directions;
import dev.framescope.ui.live.FilterModel.Seconds;
import dev.framescope.ui.live.FrameFilter.OpcodeClass;
import dev.framescope.wire.DecoderOptions;
import dev.framescope.wire.Dissected;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import dev.framescope.wire.StreamDissector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The filter bar's model: the predicate comes from enum values and a range of seconds, not display strings. */
class FilterModelTest {

    private static final long SECOND = 1_000_000_000L;

    /** Server frames: "hello" at 0.5 s, a ping at 1.5 s, "bye" at 2.5 s; plus one client frame at 0.5 s. */
    private static List<FrameEvent> frames() {
        CaptureLog log = new CaptureLog(1, "ws://test/", new PayloadStore(1 << 20));
        StreamDissector d = new StreamDissector(Sender.SERVER, DecoderOptions.defaults(), 1 << 20);
        byte[][] server = {FrameEncoder.frame(Opcode.TEXT).payload(bytes("hello")).encode(),
                FrameEncoder.frame(Opcode.PING).payload(bytes("p")).encode(),
                FrameEncoder.frame(Opcode.TEXT).payload(bytes("bye")).encode()};
        long at = log.nanoAnchor() + SECOND / 2;
        for (byte[] wire : server) {
            for (Dissected item : d.feed(wire)) {
                if (item instanceof Dissected.FrameItem f) {
                    append(log, at, Direction.IN, f);
                }
            }
            at += SECOND;
        }
        StreamDissector c = new StreamDissector(Sender.CLIENT, DecoderOptions.defaults(), 1 << 20);
        for (Dissected item : c.feed(FrameEncoder.frame(Opcode.TEXT).payload(bytes("mine")).masked().encode())) {
            if (item instanceof Dissected.FrameItem f) {
                append(log, log.nanoAnchor() + SECOND / 2, Direction.OUT, f);
            }
        }
        return log.readFrom(0, log.size()).stream().map(FrameEvent.class::cast).toList();
    }

    private static void append(CaptureLog log, long nanos, Direction dir, Dissected.FrameItem f) {
        log.append(nanos, s -> new CaptureEvent.FrameEvent(s, dir, f.frame().header(), f.frame().chunkOffset(),
                f.frame().lastChunk(), log.payloads().store(f.frame().payload()), f.messageOpcode(), Optional.empty(),
                f.findings()));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> shown(FilterModel m, List<FrameEvent> all, long anchor) {
        return all.stream().filter(m.predicate(anchor))
                .map(f -> new String(f.payload().bytes(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void directionOpcodesSearchAndSecondsNarrowTheFrames() {
        List<FrameEvent> all = frames();
        long anchor = all.get(0).nanos() - SECOND / 2;
        assertTrue(FilterModel.NONE.passesAll());
        assertEquals(List.of("hello", "p", "bye", "mine"), shown(FilterModel.NONE, all, anchor));
        assertEquals(List.of("hello", "p", "bye"), shown(FilterModel.NONE.withDirection(Directions.FROM_SERVER), all,
                anchor));
        assertEquals(List.of("mine"), shown(FilterModel.NONE.withDirection(Directions.FROM_CLIENT), all, anchor));
        assertEquals(List.of("p"), shown(FilterModel.NONE.withOpcodes(OpcodeClass.CONTROL), all, anchor));
        assertEquals(List.of("hello", "bye"), shown(FilterModel.NONE.withDirection(Directions.FROM_SERVER)
                .withOpcodes(OpcodeClass.DATA), all, anchor));
        assertEquals(List.of("bye"), shown(FilterModel.NONE.withSearch("/^b.e$/"), all, anchor));
        assertEquals(List.of("p", "bye"), shown(FilterModel.NONE.withSeconds(Optional.of(new Seconds(1, 2))), all,
                anchor), "seconds 1 to 2, both included");
        assertEquals(Optional.of("invalid regular expression: Unclosed character class"),
                FilterModel.NONE.withSearch("/[/").problem().map(p -> p.replaceAll(" near index.*", "")));
    }
}
