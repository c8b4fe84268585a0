package dev.framescope.engine;

import dev.framescope.capture.CaptureLog;
import dev.framescope.wire.Sender;
import dev.framescope.wire.StreamDissector;
import java.util.Optional;

/**
 * Bytes recorded elsewhere (a pcapng's TCP streams) dissected as a live connection's would be: the same recorder
 * turns each direction's HTTP head, frames, messages, heartbeats and close into the log's events. Its clock is the
 * recording's: the time of the last bytes given.
 */
public final class WireReplay {

    private final ConnectionRecorder recorder;
    private final TappedSocket.ReadSplit split = new TappedSocket.ReadSplit();
    private long now;

    public WireReplay(CaptureLog log) {
        this.recorder = new ConnectionRecorder(log, StreamDissector.DEFAULT_INFLATE_LIMIT, () -> now, false);
    }

    /** Bytes one side sent, in stream order, at {@code nanos} on the log's clock. */
    public void bytes(Sender sender, byte[] b, int off, int len, long nanos) {
        now = Math.max(now, nanos);
        if (sender == Sender.CLIENT) {
            recorder.sent(b, off, len, nanos);
        } else {
            recorder.received(b, off, len, nanos, false, split);
        }
    }

    /** Both streams ended: end-of-stream findings and the close are recorded. */
    public void end(long nanos) {
        now = Math.max(now, nanos);
        recorder.ended(Sender.CLIENT, Optional.empty());
        recorder.ended(Sender.SERVER, Optional.empty());
        recorder.recordClose(now);
    }
}
