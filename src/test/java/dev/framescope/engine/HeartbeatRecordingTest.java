package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.HeartbeatEvent;
import dev.framescope.capture.CaptureEvent.HeartbeatKind;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.MemoryBudget;
import dev.framescope.capture.PayloadStore;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.capture.io.SessionOutput;
import dev.framescope.capture.text.EventText;
import dev.framescope.capture.text.UnansweredPings;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Handshake;
import dev.framescope.wire.Sender;
import dev.framescope.wire.Violation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pings and pongs as the recorder writes them, from bytes on both sides ({@link WireReplay}: the live path without a
 * socket): a pong answering none of our waiting pings, and pings left unanswered when the connection ends.
 */
class HeartbeatRecordingTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    private static CaptureLog log() {
        return new CaptureLog(1, "ws://127.0.0.1/", new PayloadStore(MemoryBudget.forThisJvm(OptionalLong.empty())));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The opening handshake, then each frame at its time: client frames masked, server frames not. */
    private static WireReplay upgraded(CaptureLog log) {
        WireReplay replay = new WireReplay(log);
        byte[] request = ascii("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n");
        replay.bytes(Sender.CLIENT, request, 0, request.length, 0);
        byte[] response = ascii(RawServer.upgrade(Handshake.acceptFor(KEY)));
        replay.bytes(Sender.SERVER, response, 0, response.length, MS);
        return replay;
    }

    private static void send(WireReplay replay, Sender from, FrameEncoder frame, long millis) {
        byte[] bytes = (from == Sender.CLIENT ? frame.masked(0x11223344) : frame).encode();
        replay.bytes(from, bytes, 0, bytes.length, millis * MS);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Violation> violations(CaptureLog log) {
        return log.readFrom(0, log.size()).stream().flatMap(e -> e.findings().stream()).map(f -> f.violation())
                .toList();
    }

    @Test
    void rfc6455_5_5_3_aPongWithOtherDataWhileOurPingWaitsIsPongPayloadMismatch() {
        CaptureLog log = log();
        WireReplay replay = upgraded(log);
        send(replay, Sender.CLIENT, FrameEncoder.ping(utf8("fs-hb-1")), 10);
        send(replay, Sender.SERVER, FrameEncoder.pong(utf8("fs-hb-X")), 20);
        send(replay, Sender.SERVER, FrameEncoder.pong(utf8("fs-hb-1")), 30);
        assertEquals(List.of(Violation.PONG_PAYLOAD_MISMATCH), violations(log));
        CaptureEvent.ViolationEvent v = log.readFrom(0, log.size()).stream()
                .filter(e -> e instanceof CaptureEvent.ViolationEvent).map(e -> (CaptureEvent.ViolationEvent) e)
                .findFirst().orElseThrow();
        assertEquals(RawServer.upgrade(Handshake.acceptFor(KEY)).length(), v.finding().streamOffset(),
                "the pong is the server's first frame, right after its head: " + v.finding().describe());
        assertTrue(v.finding().detail().contains("\"fs-hb-X\"") && v.finding().detail().contains("\"fs-hb-1\""),
                v.finding().detail());
    }

    @Test
    void theLookAlikesAnUnsolicitedPongAndTheRightAnswerAreLegal() {
        CaptureLog log = log();
        WireReplay replay = upgraded(log);
        send(replay, Sender.SERVER, FrameEncoder.pong(utf8("beat")), 5);
        send(replay, Sender.CLIENT, FrameEncoder.ping(utf8("fs-hb-1")), 10);
        send(replay, Sender.SERVER, FrameEncoder.pong(utf8("fs-hb-1")), 30);
        replay.end(40 * MS);
        assertEquals(List.of(Violation.ABNORMAL_CLOSURE), violations(log), "no close frames in this script");
        assertTrue(UnansweredPings.of(log).lines().isEmpty());
    }

    @Test
    void pingsUnansweredWhenTheConnectionEndsAreInTheCloseSummaryAndBothSessionVersions() throws Exception {
        CaptureLog log = log();
        WireReplay replay = upgraded(log);
        send(replay, Sender.CLIENT, FrameEncoder.ping(utf8("fs-hb-1")), 1_000);
        send(replay, Sender.SERVER, FrameEncoder.pong(utf8("fs-hb-1")), 1_010);
        send(replay, Sender.CLIENT, FrameEncoder.ping(utf8("fs-hb-2")), 2_000);
        send(replay, Sender.SERVER, FrameEncoder.ping(utf8("srv-7")), 2_500);
        send(replay, Sender.CLIENT, FrameEncoder.ping(utf8("fs-hb-3")), 3_000);
        send(replay, Sender.SERVER, FrameEncoder.close(1000, ""), 5_000);
        send(replay, Sender.CLIENT, FrameEncoder.close(1000, ""), 5_000);
        replay.end(6_000 * MS);

        List<HeartbeatEvent> left = log.readFrom(0, log.size()).stream()
                .filter(e -> e instanceof HeartbeatEvent h && h.kind().unanswered()).map(e -> (HeartbeatEvent) e)
                .toList();
        assertEquals(List.of(HeartbeatKind.PING_UNANSWERED, HeartbeatKind.SERVER_PING_UNANSWERED,
                HeartbeatKind.PING_UNANSWERED), left.stream().map(HeartbeatEvent::kind).toList());
        assertEquals(OptionalLong.of(4_000 * MS), left.get(0).rttNanos(), "fs-hb-2 waited from 2 s to 6 s");
        assertTrue(log.get(log.size() - 1) instanceof CaptureEvent.CloseEvent, "written just before the close");

        List<String> summary = EventText.summary(log);
        assertTrue(summary.contains("  unanswered:  2 pings of ours unanswered when the connection ended: "
                + "\"fs-hb-2\" after 4.00 s, \"fs-hb-3\" after 3.00 s"), String.join("\n", summary));
        assertTrue(summary.contains("  unanswered:  1 ping from the server we had not answered when the connection "
                + "ended: \"srv-7\" after 3.50 s"), String.join("\n", summary));
        assertFalse(violations(log).contains(Violation.ABNORMAL_CLOSURE));

        for (int version : new int[] {1, 2}) {
            Path file = dir.resolve("v" + version + ".fscap");
            try (SessionOutput out = SessionFiles.create(file, true, version)) {
                out.write(log, log.readFrom(0, log.size()));
            }
            CaptureLog back = SessionFiles.load(file, 1 << 20).logs().get(0);
            assertEquals(summary.subList(1, summary.size()), EventText.summary(back).subList(1, summary.size()),
                    "version " + version);
            assertEquals(2, UnansweredPings.of(back).ours(), "version " + version);
        }
    }
}
