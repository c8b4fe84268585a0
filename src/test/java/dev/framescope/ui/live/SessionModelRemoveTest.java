package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.testutil.Await;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Removing a connection from the window gives its share of the memory budget back; its capture stays readable. */
class SessionModelRemoveTest {

    @Test
    void aRemovedConnectionGivesItsBudgetBackAndStaysReadable() throws Exception {
        try (SessionModel model = new SessionModel()) {
            LiveConnection kept = model.open("kept", ConnectionSpec.to(URI.create(model.demoUrl("/ticker?rate=200"))));
            LiveConnection removed = model.open("removed",
                    ConnectionSpec.to(URI.create(model.demoUrl("/ticker?rate=5000"))));
            Await.until(() -> removed.log().counters().framesIn() > 3_000, "the ticker's frames arrive");
            Await.until(() -> kept.log().counters().framesIn() > 20, "the other ticker's too");
            long withBoth = model.budget().used();

            model.remove(removed, Runnable::run);
            assertEquals(1, model.connections().size());
            Await.until(() -> removed.connection().orElseThrow().ended(), "the removed connection ends");
            Await.until(() -> model.budget().used() < withBoth / 2, "its share of the budget comes back: "
                    + model.budget().used() + " of " + withBoth);

            CaptureLog log = removed.log();
            CaptureEvent.MessageEvent last = log.readFrom(0, log.size()).stream()
                    .filter(CaptureEvent.MessageEvent.class::isInstance).map(CaptureEvent.MessageEvent.class::cast)
                    .reduce((a, b) -> b).orElseThrow();
            assertTrue(new String(last.message().payload(), StandardCharsets.UTF_8).startsWith("{"),
                    "its messages still read back");
        }
    }

    @Test
    void atMostTheLastTenRemovedCapturesAreKeptToRestoreNewestFirst() {
        try (SessionModel model = new SessionModel()) {
            for (int i = 0; i < SessionModel.RESTORABLE + 2; i++) {
                model.remove(model.open("nothing listens " + i, ConnectionSpec.to("ws://127.0.0.1:9/")), Runnable::run);
            }
            assertEquals(SessionModel.RESTORABLE, model.removed().size());
            assertEquals("nothing listens 2", model.removed().get(0).name(), "the two oldest were let go");
            assertEquals("nothing listens 11", model.restoreRemoved().orElseThrow().name());
            assertEquals(java.util.List.of("nothing listens 11"),
                    model.connections().stream().map(LiveConnection::name).toList());
            assertEquals(SessionModel.RESTORABLE - 1, model.removed().size());
        }
    }
}
