package dev.framescope.bench;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.MemoryBudget;
import dev.framescope.cli.AppOptions;
import dev.framescope.capture.PayloadStore;
import dev.framescope.demo.DemoServer;
import dev.framescope.engine.Connection;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.Engine;
import dev.framescope.engine.EngineSettings;
import dev.framescope.wire.Opcode;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Load: N connections at once to the demo ticker, each at RATE messages/s, for SECONDS; then every connection is
 * closed and the frames the server sent are compared with the frames captured. All connections share one memory
 * budget (default 512m, or the fourth argument); prints what the budget accounted, the live heap after a full GC
 * at the end of the run, and the peak used heap sampled each second.
 *
 * <p>Run: {@code mvn -Pbench -DskipTests package && java -Xmx2g -cp target/benchmarks.jar
 * dev.framescope.bench.LoadBench 20 1000 60 [512m]}
 */
public final class LoadBench {

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        MemoryBudget budget = args.length > 3 ? new MemoryBudget(AppOptions.parseSize("memory budget", args[3]))
                : new MemoryBudget(512L << 20);
        DemoServer demo = new DemoServer(0).startAndWait();
        List<Connection> open = new ArrayList<>();
        Engine engine = Engine.start(EngineSettings.DEFAULTS);
        for (int i = 0; i < connections; i++) {
            CaptureLog log = new CaptureLog(i + 1, "load " + i, new PayloadStore(budget));
            open.add(engine.open(ConnectionSpec.to(demo.uri("/ticker?rate=" + rate + "&size=120")), log));
        }
        for (Connection c : open) {
            c.awaitOpen(Duration.ofSeconds(10));
        }
        long peakHeap = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            peakHeap = Math.max(peakHeap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        System.gc();
        long liveHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long indexBytes = budget.indexBytes();
        long payloadBytes = budget.payloadBytes();
        for (Connection c : open) {
            c.close(1000, "load done");
        }
        for (Connection c : open) {
            c.awaitEnded(Duration.ofSeconds(10));
        }
        long sent = demo.framesSent();
        long captured = 0;
        long spilled = 0;
        for (Connection c : open) {
            CaptureLog log = c.log();
            captured += log.readFrom(0, log.size()).stream().filter(e -> e instanceof CaptureEvent.FrameEvent f
                    && f.header().opcode() == Opcode.TEXT).count();
            spilled += log.payloads().bytesSpilled();
        }
        System.out.printf("connections %d × %d msg/s × %d s%nserver sent %,d text frames; captured %,d (%s)%n"
                        + "memory budget %,d MB shared: index (estimated) %,d MB + payloads on the heap %,d MB;"
                        + " %,d MB spilled to disk%n"
                        + "live heap after a full GC at the end %,d MB; peak used heap (garbage included) %,d MB%n",
                connections, rate, seconds, sent, captured, sent == captured ? "equal" : "DIFFERENT",
                budget.limit() >> 20, indexBytes >> 20, payloadBytes >> 20, spilled >> 20, liveHeap >> 20,
                peakHeap >> 20);
        open.forEach(c -> c.log().close());
        demo.close();
        System.exit(sent == captured ? 0 : 1);
    }
}
