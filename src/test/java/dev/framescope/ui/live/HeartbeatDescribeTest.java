package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.HeartbeatStats;
import dev.framescope.capture.PayloadStore;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The Heartbeat tab's line: what the server's pings got when we send none, and "1 pong" in the singular. */
class HeartbeatDescribeTest {

    private static CaptureLog log(CaptureEvent.HeartbeatKind... kinds) {
        CaptureLog log = new CaptureLog(1, "ws://test/", new PayloadStore(1 << 20));
        for (CaptureEvent.HeartbeatKind k : kinds) {
            log.append(log.nanoAnchor() + 1, s -> new CaptureEvent.HeartbeatEvent(s, k, new byte[0],
                    OptionalLong.empty()));
        }
        return log;
    }

    @Test
    void serverPingsAnsweredAreNotNoPingsAnswered() {
        CaptureLog log = log(CaptureEvent.HeartbeatKind.SERVER_PING, CaptureEvent.HeartbeatKind.PONG_SENT,
                CaptureEvent.HeartbeatKind.SERVER_PING, CaptureEvent.HeartbeatKind.PONG_SENT);
        assertEquals("We send no pings; the server pinged 2 times and we answered 2",
                HeartbeatView.describe(HeartbeatStats.of(log), log));
        CaptureLog quiet = log();
        assertEquals("No pings yet: ours are off (ping interval 0), and the server has sent none",
                HeartbeatView.describe(HeartbeatStats.of(quiet), quiet));
    }

    @Test
    void onePongIsSingular() {
        assertEquals("1 pong: min 2.00 ms, median 2.00 ms, p95 2.00 ms, max 2.00 ms, jitter 0.00 ms",
                HeartbeatView.describe(HeartbeatStats.of(List.of(2_000_000L), 0), log()));
    }

    @Test
    void pingsUnansweredAtTheEndShowInTheHeartbeatTabAndTheCloseTab() {
        CaptureLog log = new CaptureLog(1, "ws://test/", new PayloadStore(1 << 20));
        long t = log.nanoAnchor();
        log.append(t, s -> new CaptureEvent.HeartbeatEvent(s, CaptureEvent.HeartbeatKind.PING_SENT,
                "fs-hb-9".getBytes(java.nio.charset.StandardCharsets.UTF_8), OptionalLong.empty()));
        log.append(t, s -> new CaptureEvent.HeartbeatEvent(s, CaptureEvent.HeartbeatKind.PING_UNANSWERED,
                "fs-hb-9".getBytes(java.nio.charset.StandardCharsets.UTF_8), OptionalLong.of(2_500_000_000L)));
        CaptureEvent.CloseEvent close = log.append(t, s -> new CaptureEvent.CloseEvent(s,
                CaptureEvent.Initiator.CLIENT, java.util.OptionalInt.of(1000), "", java.util.OptionalInt.of(1000), "",
                true, OptionalLong.empty()));
        String unanswered = "1 ping of ours unanswered when the connection ended: \"fs-hb-9\" after 2.50 s";
        assertEquals("no pings answered\n" + unanswered, HeartbeatView.describe(HeartbeatStats.of(log), log));
        dev.framescope.capture.text.UnansweredPings pings = dev.framescope.capture.text.UnansweredPings.of(log);
        assertEquals(ConnectionDetails.closeText(close) + "\n" + unanswered + ".",
                ConnectionDetails.closeText(close, pings));
    }
}
