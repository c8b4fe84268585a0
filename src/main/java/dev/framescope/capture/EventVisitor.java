package dev.framescope.capture;

/**
 * What {@link CaptureLog#visit} hands a reader: every event, except that a plain frame's frame event and one-frame
 * message event come as their seq and stamp, not built. Most of a big capture is plain frames, and a reader that only
 * counts or skips them (a detail tab catching up with a file of a million frames) then makes no garbage for them.
 */
public interface EventVisitor {

    /** An event as {@link CaptureLog#get} returns it: anything but a plain frame's. */
    void event(CaptureEvent e);

    /**
     * A plain frame's frame event ({@code message} false) or its one-frame message event ({@code message} true): a
     * whole TEXT ({@code text}) or BINARY frame, FIN, no RSV bit, no findings. {@link CaptureLog#get}{@code (seq)}
     * builds the event.
     *
     * @param out sent by us (direction out), else by the server
     */
    void plain(int seq, boolean message, long nanos, boolean out, boolean text);
}
