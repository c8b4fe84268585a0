package dev.framescope.engine;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.wire.ClosePayload;
import dev.framescope.wire.Opcode;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One running idle-timeout probe: where it started in the log and since when we have been quiet. Its result is read
 * from the log (the tap's timestamps), not from what the library reported. Fed stamps; reads no clock.
 */
final class IdleProbe {

    final Duration limit;
    final CompletableFuture<IdleProbeResult> result = new CompletableFuture<>();
    private final int startIndex;
    private final long quietSince;

    /**
     * @param lastOutboundNanos when the tap last saw a byte of ours leave (0 before any)
     * @param nowNanos          the probe's start, used when we never sent anything
     */
    IdleProbe(Duration limit, CaptureLog log, long lastOutboundNanos, long nowNanos) {
        this.limit = limit;
        this.startIndex = log.size();
        this.quietSince = lastOutboundNanos == 0 ? nowNanos : lastOutboundNanos;
    }

    /** The connection is still open when the limit came. */
    IdleProbeResult stillOpen(CaptureLog log, long nowNanos) {
        return finish(log, nowNanos, new IdleProbeResult.StillOpen(limit));
    }

    /** The connection ended; the close (or the TCP end) is already in the log, else it ended at {@code nowNanos}. */
    IdleProbeResult ended(CaptureLog log, Optional<IOException> readError, long nowNanos) {
        long end = nowNanos;
        IdleProbeResult.Ending ending = new IdleProbeResult.TcpEnded(readError.isPresent(),
                readError.map(IOException::getMessage).orElse("FIN"));
        for (CaptureEvent e : log.readFrom(startIndex, log.size() - startIndex)) {
            if (e instanceof CaptureEvent.FrameEvent f && f.header().opcode() == Opcode.CLOSE) {
                Optional<ClosePayload> close = f.close();
                end = f.nanos();
                ending = f.dir() == Direction.IN && close.isPresent()
                        ? new IdleProbeResult.ServerClose(close.get().code(), close.get().reason())
                        : new IdleProbeResult.ClientClosed();
                break;
            }
            if (e instanceof CaptureEvent.CloseEvent c) {
                end = c.nanos();
                break;
            }
        }
        return finish(log, end, ending);
    }

    private IdleProbeResult finish(CaptureLog log, long endNanos, IdleProbeResult.Ending ending) {
        int pongs = 0;
        int others = 0;
        for (CaptureEvent e : log.readFrom(startIndex, log.size() - startIndex)) {
            if (e instanceof CaptureEvent.FrameEvent f && f.dir() == Direction.OUT && f.nanos() <= endNanos) {
                Opcode op = f.header().opcode();
                if (op == Opcode.PONG) {
                    pongs++;
                } else if (op != Opcode.CLOSE) {
                    others++;
                }
            }
        }
        return new IdleProbeResult(Duration.ofNanos(Math.max(0, endNanos - quietSince)), ending, pongs, others);
    }
}
