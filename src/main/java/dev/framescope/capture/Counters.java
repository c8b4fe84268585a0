package dev.framescope.capture;

/** Running totals of a log, updated under the log's append lock and read as a snapshot. */
public final class Counters {

    private long framesIn;
    private long framesOut;
    private long payloadIn;
    private long payloadOut;
    private long messagesIn;
    private long messagesOut;
    private long violations;
    private boolean closed;

    /**
     * Totals at one moment.
     *
     * @param closed whether the connection's end (its close event) has been recorded
     */
    public record Snapshot(long framesIn, long framesOut, long payloadIn, long payloadOut, long messagesIn,
                           long messagesOut, long violations, boolean closed) {
    }

    synchronized void count(CaptureEvent event) {
        violations += event.findings().size();
        closed |= event instanceof CaptureEvent.CloseEvent;
        if (event instanceof CaptureEvent.FrameEvent f) {
            boolean in = f.dir() == Direction.IN;
            if (f.isFirstChunk()) {
                if (in) {
                    framesIn++;
                } else {
                    framesOut++;
                }
            }
            if (in) {
                payloadIn += f.payload().length();
            } else {
                payloadOut += f.payload().length();
            }
        } else if (event instanceof CaptureEvent.MessageEvent m) {
            violations -= m.findings().size();
            if (m.dir() == Direction.IN) {
                messagesIn++;
            } else {
                messagesOut++;
            }
        }
    }

    /** Plain frames, each a one-frame message without findings, counted in one step. */
    synchronized void countPlain(boolean in, long frames, long payloadBytes) {
        if (in) {
            framesIn += frames;
            messagesIn += frames;
            payloadIn += payloadBytes;
        } else {
            framesOut += frames;
            messagesOut += frames;
            payloadOut += payloadBytes;
        }
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(framesIn, framesOut, payloadIn, payloadOut, messagesIn, messagesOut, violations, closed);
    }
}
