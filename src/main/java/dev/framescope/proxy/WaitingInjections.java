package dev.framescope.proxy;

import dev.framescope.wire.FrameHeader;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a {@link DirectionGate}'s receiver is on the wire — inside a data message or between messages — and the
 * injected data messages waiting for the next boundary: never inside another message's fragments. Under the
 * gate's lock.
 */
final class WaitingInjections {

    private final List<byte[]> waiting = new ArrayList<>();
    private boolean open;

    /** Whether no injection waits. */
    boolean none() {
        return waiting.isEmpty();
    }

    /** Whether a data message has begun on the wire and not ended. */
    boolean open() {
        return open;
    }

    /** The gate wrote a frame with header {@code h}: a data message's last frame is a boundary. */
    void written(FrameHeader h, OutputStream out) throws IOException {
        if (!h.opcode().isControl()) {
            open = !h.fin();
            if (!open) {
                boundary(out);
            }
        }
    }

    /** A data message ended on the wire (or the gate knows it is between messages): what waits goes now. */
    void boundary(OutputStream out) throws IOException {
        open = false;
        for (byte[] frame : waiting) {
            out.write(frame);
        }
        waiting.clear();
    }

    /** A frame of the proxy's own: a control frame at once, a data message now or at the next boundary. */
    void inject(byte[] frame, boolean data, boolean midMessage, OutputStream out) throws IOException {
        if (data && (open || midMessage)) {
            waiting.add(frame);
            return;
        }
        out.write(frame);
        out.flush();
    }
}
