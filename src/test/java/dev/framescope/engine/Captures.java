package dev.framescope.engine;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.PayloadStore;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.LogQueries;
import dev.framescope.wire.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Test helpers: open a connection into a fresh log and read facts back out of it. */
final class Captures {

    /**
     * The engine of the tests that run on real time: one timer thread (a daemon, started at its first timer) for the
     * whole test run, as an application has one per window. Tests on a virtual clock make their own.
     */
    static final Engine REAL_TIME = Engine.start(EngineSettings.DEFAULTS);

    private Captures() {
    }

    static Connection open(ConnectionSpec spec) {
        return open(REAL_TIME, spec);
    }

    static Connection open(Engine engine, ConnectionSpec spec) {
        return engine.open(spec, new CaptureLog(1, spec.uri().toString(), new PayloadStore(64L << 20),
                engine.clock()));
    }

    static Connection openAndAwait(ConnectionSpec spec) throws InterruptedException {
        return openAndAwait(REAL_TIME, spec);
    }

    static Connection openAndAwait(Engine engine, ConnectionSpec spec) throws InterruptedException {
        Connection c = open(engine, spec);
        if (!c.awaitOpen(Duration.ofSeconds(10))) {
            throw new AssertionError("not open: " + c.state() + " " + c.failure().orElse("") + "\n" + dump(c.log()));
        }
        return c;
    }

    static void closeAndAwait(Connection c) throws InterruptedException {
        c.close(1000, "test done");
        Await.until(c::ended, "connection ended");
    }

    static <E extends CaptureEvent> List<E> events(CaptureLog log, Class<E> type) {
        return LogQueries.events(log, type);
    }

    static List<String> texts(CaptureLog log, Direction dir) {
        return LogQueries.texts(log, dir);
    }

    static List<CaptureEvent.FrameEvent> frames(CaptureLog log, Direction dir) {
        return LogQueries.frames(log, dir);
    }

    static List<Violation> violations(CaptureLog log) {
        return LogQueries.violations(log);
    }

    static Optional<CaptureEvent.HandshakeEvent> handshake(CaptureLog log) {
        return events(log, CaptureEvent.HandshakeEvent.class).stream().findFirst();
    }

    static String dump(CaptureLog log) {
        return LogQueries.dump(log);
    }
}
