package dev.framescope.capture.io;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import java.io.IOException;
import java.util.List;

/** Something a capture writes its events to as they come: a session file of either version. */
public interface SessionOutput extends AutoCloseable {

    /** Writes events of one log, in order, and flushes, so a crash loses at most the record being written. */
    void write(CaptureLog log, List<CaptureEvent> events) throws IOException;

    /** Events written so far. */
    long events();

    @Override
    void close() throws IOException;
}
