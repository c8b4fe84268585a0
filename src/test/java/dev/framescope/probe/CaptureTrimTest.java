package dev.framescope.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.testutil.SharedEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A run keeps each finished case's capture cut to its beginning and end (the upgrade, the first and last messages,
 * the close), not every echo: 12.* and 13.* cases held whole ran a full run out of heap and disk. The grade still
 * comes from everything the case saw.
 */
class CaptureTrimTest {

    /** A budget small enough that 1000 echoes of 8 KiB spill (16 MB both ways). */
    private static final ProbeSettings SMALL_BUDGET = new ProbeSettings(Duration.ofSeconds(1), 4,
            Duration.ofSeconds(10), 1L << 20);

    @Test
    void finishedCompressionCasesKeepTheirBeginningAndEndOnlyAndNoSpillFile() throws Exception {
        try (EchoServers.Jetty jetty = new EchoServers.Jetty()) {
            ConnectionSpec target = ConnectionSpec.to(jetty.uri());
            Probe probe = new Probe(SharedEngine.get(), target, SMALL_BUDGET);
            List<CaseResult> results = probe.run(Catalogue.standard().select(CaseSelection.parse("1.1.1,12.1.1,"
                    + "12.1.6,13.1.6")), r -> { });
            Map<String, CaseResult> byId = results.stream().collect(Collectors.toMap(CaseResult::id,
                    Function.identity()));
            try {
                for (String id : List.of("12.1.1", "12.1.6", "13.1.6")) {
                    CaseResult r = byId.get(id);
                    assertEquals(Verdict.OK, r.grade().behavior(), id + ": " + r.grade().serverDid());
                    assertEquals(1000, r.observation().received().size(), id + " graded every echo");
                    CaptureLog log = r.log();
                    assertTrue(log.size() <= 2 * CaptureTrim.PART_EVENTS + 1, id + " keeps " + log.size()
                            + " events");
                    assertEquals(0, log.payloads().bytesSpilled(), id + " has no spill file");
                    List<CaptureEvent> events = log.readFrom(0, log.size());
                    assertInstanceOf(CaptureEvent.HandshakeEvent.class, events.stream()
                            .filter(e -> e instanceof CaptureEvent.HandshakeEvent).findFirst().orElseThrow());
                    assertTrue(events.stream().anyMatch(e -> e instanceof CaptureEvent.NoteEvent n
                            && n.text().startsWith("Not kept: events ")
                            && n.text().contains("1000 messages sent, 1000 received")), id + " says what it left out");
                    assertTrue(events.stream().anyMatch(e -> e instanceof CaptureEvent.CloseEvent), id
                            + " keeps its close");
                    long payload = events.stream().mapToLong(CaptureTrimTest::payloadBytes).sum();
                    assertTrue(payload <= 2 * CaptureTrim.PART_BYTES + (64L << 10), id + " keeps " + payload
                            + " payload bytes");
                }
                CaseResult small = byId.get("1.1.1");
                assertFalse(small.log().readFrom(0, small.log().size()).stream()
                        .anyMatch(e -> e instanceof CaptureEvent.NoteEvent n && n.text().startsWith("Not kept")),
                        "a small capture stays whole");
            } finally {
                results.forEach(r -> r.log().close());
            }
        }
    }

    private static long payloadBytes(CaptureEvent e) {
        if (e instanceof CaptureEvent.FrameEvent f) {
            return f.payload().length() + f.inflated().map(p -> (long) p.length()).orElse(0L);
        }
        return e instanceof CaptureEvent.MessageEvent m ? m.payload().length() : 0;
    }
}
