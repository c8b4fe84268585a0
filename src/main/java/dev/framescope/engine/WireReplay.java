package dev.framescope.engine;

import dev.framescope.capture.CaptureLog;
import dev.framescope.wire.Sender;
import dev.framescope.wire.StreamDissector;
import java.util.Optional;

/**
 * Bytes recorded elsewhere (a pcapng's TCP streams) dissected as a live connection's would be: the same recorder
 * turns each direction's HTTP head, frames, messages, heartbeats and close into the log's events.
 */
public final class WireReplay {

    private final ConnectionRecorder recorder;

    public WireReplay(CaptureLog log) {
        this.recorder = new ConnectionRecorder(log, StreamDissector.DEFAULT_INFLATE_LIMIT);
    }

    /** Bytes one side sent, in stream order, at {@code nanos} on the log's clock. */
    public void bytes(Sender sender, byte[] b, int off, int len, long nanos) {
        int done = 0;
        while (done < len) {
            long result = recorder.bytes(sender, b, off + done, len - done, nanos, false);
            int kept = (int) result;
            int carried = (int) (result >>> 32);
            if (kept + carried <= 0) {
                return;
            }
            done += kept + carried;
        }
    }

    /** Both streams ended: end-of-stream findings and the close are recorded. */
    public void end(long nanos) {
        recorder.ended(Sender.CLIENT, Optional.empty());
        recorder.ended(Sender.SERVER, Optional.empty());
        recorder.recordClose(nanos);
    }
}
