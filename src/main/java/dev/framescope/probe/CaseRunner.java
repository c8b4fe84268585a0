package dev.framescope.probe;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.PayloadStore;
import dev.framescope.engine.Connection;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.Engine;
import dev.framescope.engine.HeartbeatPolicy;
import dev.framescope.engine.ProtocolMode;
import dev.framescope.engine.ReconnectPolicy;
import dev.framescope.probe.ProbeCase.Ending;
import dev.framescope.wire.Opcode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Runs one case on a connection of its own, in Observe mode (the server's violations are recorded, never acted on):
 * the steps in order, watching the capture between them, then the case's ending, then the grade. Waits are measured
 * on the engine's clock. Blocks its thread for the case's length; {@code cancelled} ends it early (its grade then
 * says so).
 */
final class CaseRunner {

    private static final long POLL_NANOS = 1_000_000L;
    private static final Duration WRITE_WAIT = Duration.ofSeconds(5);
    /** After our close, how long the server has to answer it before we drop TCP (Autobahn waits for ever). */
    private static final double CLOSE_WAIT = 2;

    private final Engine engine;
    private final ConnectionSpec target;
    private final ProbeSettings settings;
    private final BooleanSupplier cancelled;

    CaseRunner(Engine engine, ConnectionSpec target, ProbeSettings settings, BooleanSupplier cancelled) {
        this.engine = engine;
        this.target = target;
        this.settings = settings;
        this.cancelled = cancelled;
    }

    CaseResult run(ProbeCase c, long logId) throws InterruptedException {
        CaptureLog log = new CaptureLog(logId, "probe " + c.id(), new PayloadStore(settings.memoryBudget()),
                engine.clock());
        List<String> offers = new java.util.ArrayList<>(target.extensionOffers());
        offers.addAll(c.offers());
        List<String> protocols = new java.util.ArrayList<>(target.subprotocols());
        protocols.addAll(c.checks().subprotocols());
        ConnectionSpec spec = target.withMode(ProtocolMode.OBSERVE).withExtensionOffers(offers)
                .withSubprotocols(protocols)
                .withHeartbeat(HeartbeatPolicy.OFF).withReconnect(ReconnectPolicy.OFF)
                .withTimeouts(target.connectTimeout(), settings.handshakeTimeout());
        long start = engine.clock().getAsLong();
        if (!c.steps().isEmpty() && c.steps().get(0) instanceof Step.Upgrade u) {
            Observation o = UpgradeRun.run(spec, u, log, engine.clock(), Duration.ofNanos(settings.nanos(2)));
            return new CaseResult(c, Grader.grade(c, o), o, (engine.clock().getAsLong() - start) / 1_000_000L, log);
        }
        Connection conn = engine.open(spec, log);
        Run run = new Run(c, conn, new Watch(log, c.checks().digests()));
        boolean opened = conn.awaitOpen(settings.handshakeTimeout().plusSeconds(1));
        if (opened) {
            run.steps();
            run.ending();
        } else {
            conn.crafted().abort("the upgrade did not complete");
        }
        conn.awaitEnded(Duration.ofSeconds(10));
        run.watch.drain();
        Observation o = run.watch.observation(opened, run.closedByMe, run.dropped);
        long millis = (engine.clock().getAsLong() - start) / 1_000_000L;
        Grade g = Grader.grade(c, o);
        if (run.interrupted) {
            g = new Grade(Verdict.FAILED, "The run was stopped.", g.close(), g.resultClose(), "stopped by the user");
        }
        return new CaseResult(c, g, o, millis, log);
    }

    /** One case's connection as it runs. */
    private final class Run {
        final ProbeCase c;
        final Connection conn;
        final Watch watch;
        boolean closeSent;
        boolean closedByMe;
        boolean dropped;
        boolean interrupted;

        Run(ProbeCase c, Connection conn, Watch watch) {
            this.c = c;
            this.conn = conn;
            this.watch = watch;
        }

        void steps() {
            if (c.grading() == ProbeCase.Grading.NEEDS_DEFLATE) {
                watch.drain();
                if (!watch.deflate()) {
                    closing();
                    conn.close(c.close().codes().get(0), "");
                    return;
                }
            }
            for (Step step : c.steps()) {
                if (!perform(step)) {
                    return;
                }
                observe();
            }
        }

        /** False when the case stops here (the connection is going, or a labelled wait found it so). */
        private boolean perform(Step step) {
            if (conn.ended() || interrupted) {
                return false;
            }
            try {
                if (step instanceof Step.Send s) {
                    send(s.data(), s.chop(), s.sync());
                } else if (step instanceof Step.RawClose r) {
                    closing();
                    conn.crafted().sendRawClose(r.data(), r.code(), r.reason());
                } else if (step instanceof Step.Close cl) {
                    closing();
                    conn.close(cl.code(), "");
                } else if (step instanceof Step.Pause p) {
                    waitUntil(() -> false, p.seconds());
                    if (p.recordsTimeout()) {
                        if (conn.ended() || watch.serverClosing()) {
                            return false;
                        }
                        watch.timedOut(p.label());
                    }
                } else if (step instanceof Step.AwaitReceived a) {
                    waitUntil(() -> watch.receivedCount() >= a.count(), a.seconds());
                } else if (step instanceof Step.Roundtrips r) {
                    return roundtrips(r);
                } else if (step instanceof Step.Message m) {
                    message(m.binary(), m.data(), m.fragmentSize());
                } else if (step instanceof Step.CorpusRoundtrips r) {
                    return corpusRoundtrips(r);
                }
            } catch (IllegalStateException gone) {
                // The connection closed under us: what we sent so far is the case.
                return false;
            }
            return true;
        }

        private void send(byte[] bytes, int chop, boolean sync) {
            if (chop <= 0) {
                conn.sendRaw(bytes);
            } else {
                for (int from = 0; from < bytes.length; from += chop) {
                    conn.sendRaw(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + chop)));
                    conn.crafted().awaitWritten(WRITE_WAIT);
                }
            }
            if (sync) {
                conn.crafted().awaitWritten(WRITE_WAIT);
            }
        }

        private boolean roundtrips(Step.Roundtrips r) {
            byte[] frame = r.data();
            for (int i = 0; i < r.count(); i++) {
                int want = watch.receivedCount() + 1;
                conn.sendRaw(frame);
                if (!waitUntil(() -> watch.receivedCount() >= want, c.ending().seconds())) {
                    return false;
                }
            }
            return true;
        }

        private void message(boolean binary, byte[] payload, int fragmentSize) {
            if (fragmentSize > 0 && payload.length > fragmentSize) {
                int frames = (payload.length + fragmentSize - 1) / fragmentSize;
                conn.sendFragmented(binary ? Opcode.BINARY : Opcode.TEXT, payload, frames);
            } else if (binary) {
                conn.sendBinary(payload);
            } else {
                conn.sendText(new String(payload, StandardCharsets.UTF_8));
            }
        }

        private boolean corpusRoundtrips(Step.CorpusRoundtrips r) {
            byte[] data = r.corpus().bytes();
            int at = 0;
            for (int i = 0; i < r.count(); i++) {
                int want = watch.receivedCount() + 1;
                message(r.corpus().binary(), DeflateCases.cut(data, at, r.length()), r.fragmentSize());
                at = (at + r.length()) % data.length;
                if (!waitUntil(() -> watch.receivedCount() >= want, c.ending().seconds())) {
                    return false;
                }
            }
            return true;
        }

        /** Autobahn's {@code killAfter} / {@code closeAfter}, after which we wait for the end. */
        void ending() {
            Ending e = c.ending();
            if (waitUntil(conn::ended, e.seconds())) {
                return;
            }
            if (!e.kill() && !closeSent && !interrupted) {
                closing();
                conn.close(c.close().codes().get(0), "");
                if (waitUntil(conn::ended, CLOSE_WAIT)) {
                    return;
                }
            }
            dropped = true;
            conn.crafted().abort(interrupted ? "the probe run was stopped" : "the case's time ran out");
        }

        /**
         * We are about to send our close frame: it is the first close (Autobahn's {@code closedByMe}) unless the
         * server's came already. A crafted frame with the close opcode sent as data (3.7) is not our close.
         */
        private void closing() {
            watch.drain();
            closedByMe = !closeSent && !watch.serverClosing();
            closeSent = true;
        }

        /** Polls the capture until {@code done} or {@code seconds} (Autobahn's) pass; true when done. */
        private boolean waitUntil(BooleanSupplier done, double seconds) {
            long deadline = engine.clock().getAsLong() + settings.nanos(seconds);
            while (true) {
                observe();
                if (done.getAsBoolean()) {
                    return true;
                }
                if (conn.ended() || engine.clock().getAsLong() - deadline >= 0) {
                    return done.getAsBoolean();
                }
                if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    interrupted = true;
                    return false;
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
        }

        /** Autobahn's {@code finishWhenDone}: once what came matches every outcome, we close, if we are to. */
        private void observe() {
            if (!watch.drain() || closeSent || !c.close().closedByMe() || !c.close().autoClose()) {
                return;
            }
            List<Received> got = watch.received();
            if (c.expected().values().stream().allMatch(got::equals)) {
                closing();
                try {
                    conn.close(c.close().codes().get(0), "");
                } catch (IllegalStateException gone) {
                    // Already closing.
                }
            }
        }
    }
}
