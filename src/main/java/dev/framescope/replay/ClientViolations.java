package dev.framescope.replay;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.engine.driver.CloseReasons;
import dev.framescope.wire.CloseCode;
import dev.framescope.wire.Finding;
import dev.framescope.wire.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The first rule a mock's client broke, read from its capture (whose dissector sees each byte before the library
 * does), and the close that fails the client for it: the rule's code and a reason in words, as our driver's Strict
 * mode says it ({@link CloseReasons}) — not the library's own text ({@code bad rsv RSV1: false RSV2: true RSV3:
 * false}). The handshake's findings are the library's to answer (with a 404); the close's and the end of the stream's
 * come too late to fail anything.
 */
final class ClientViolations {

    /** The close code and reason that fail a client. */
    record Failure(int code, String reason) {
    }

    private final CaptureLog log;
    // Guarded by this.
    private int checked;
    private Finding first;

    ClientViolations(CaptureLog log) {
        this.log = log;
    }

    /** The first error the client's frames or messages carry so far, if any. */
    synchronized Optional<Finding> first() {
        while (first == null && checked < log.size()) {
            List<CaptureEvent> events = log.readFrom(checked, log.size() - checked);
            if (events.isEmpty()) {
                break;
            }
            for (CaptureEvent e : events) {
                checked++;
                if (isClients(e)) {
                    first = e.findings().stream().filter(f -> f.violation().severity() == Severity.ERROR)
                            .findFirst().orElse(null);
                    if (first != null) {
                        break;
                    }
                }
            }
        }
        return Optional.ofNullable(first);
    }

    /** Failing the client: for the first rule it broke, else for the library's code, in words either way. */
    Failure failure(int libraryCode) {
        return first().map(f -> new Failure(CloseReasons.codeFor(f.violation()), CloseReasons.reasonFor(f)))
                .orElseGet(() -> new Failure(libraryCode, CloseCode.of(libraryCode)
                        .map(c -> c.title().toLowerCase(Locale.ROOT)).orElse("protocol error")));
    }

    private static boolean isClients(CaptureEvent e) {
        return e instanceof CaptureEvent.FrameEvent f && f.dir() == Direction.OUT
                || e instanceof CaptureEvent.MessageEvent m && m.dir() == Direction.OUT;
    }
}
