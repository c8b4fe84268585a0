package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reconnect bookkeeping fed stamps: attempts counted, a stable connection earns a fresh backoff. */
class ReconnectsTest {

    private static final int NORMAL = 1000;
    private final Reconnects reconnects = new Reconnects(
            ReconnectPolicy.backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 2), new Random(1));

    @Test
    void onlyAnAbnormalCloseTheUserDidNotAskForIsRetriedWithinTheAttempts() {
        reconnects.opened(0);
        assertFalse(reconnects.afterClose(NORMAL, false, 10, NORMAL));
        assertFalse(reconnects.afterClose(1011, true, 10, NORMAL));
        assertTrue(reconnects.afterClose(1011, false, 10, NORMAL));
        assertEquals(1, reconnects.next().attempt());
        assertTrue(reconnects.afterFailure(false));
        assertEquals(2, reconnects.next().attempt());
        assertFalse(reconnects.afterFailure(false), "two attempts were allowed");
    }

    @Test
    void aConnectionThatStayedUpStartsItsBackoffAgain() {
        reconnects.next();
        reconnects.next();
        reconnects.opened(1_000);
        assertFalse(reconnects.afterClose(1011, false, 1_000 + Reconnects.STABLE_NANOS, NORMAL));
        assertTrue(reconnects.afterClose(1011, false, 1_001 + Reconnects.STABLE_NANOS, NORMAL));
        assertEquals(1, reconnects.next().attempt());
    }
}
