package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.Stamp;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The engine's failure details in plain words, and the Close tab's account of an empty close frame. */
class FailureReasonTest {

    @Test
    void osAndTlsMessagesAreTranslated() {
        assertEquals(new FailureReason("TCP", "connection refused — nothing listens on 127.0.0.1:9199"),
                FailureReason.explain("TCP: cannot connect to 127.0.0.1:9199 (Connection refused)"));
        assertEquals(new FailureReason("TCP", "no answer from 10.0.0.1:80 within the connect timeout"),
                FailureReason.explain("TCP: cannot connect to 10.0.0.1:80 (Connect timed out)"));
        assertEquals(new FailureReason("TLS", "TLS handshake failed: the server spoke plain HTTP — try ws://"),
                FailureReason.explain("TLS: Unsupported or unrecognized SSL message"));
        assertEquals("DNS", FailureReason.explain("DNS: cannot resolve host 'nope.invalid'").phase());
        assertTrue(FailureReason.explain("DNS: cannot resolve host 'nope.invalid'").reason()
                .startsWith("no such host: 'nope.invalid'"));
        assertEquals(new FailureReason("Upgrade", "the server hung up during the upgrade, before answering 101 "
                + "Switching Protocols"), FailureReason.explain("upgrade failed: closed during the handshake (1006)"));
        assertEquals("Failed during TCP: connection refused — nothing listens on h:1",
                FailureReason.explain("TCP: cannot connect to h:1 (Connection refused)").withPhase());
    }

    @Test
    void anEmptyCloseFrameFromTheServerIsShown() {
        CaptureEvent.CloseEvent close = new CaptureEvent.CloseEvent(new Stamp(1, 0, 0), CaptureEvent.Initiator.SERVER,
                OptionalInt.of(1000), "", OptionalInt.empty(), "", true, OptionalLong.empty());
        String text = ConnectionDetails.closeText(close);
        assertTrue(text.contains("Received: a close frame with no status code (read as 1005"), text);
    }
}
