package dev.framescope.engine;

import dev.framescope.capture.CaptureEvent.Phase;
import dev.framescope.capture.CaptureLog;
import dev.framescope.wire.HttpHeadParser;
import dev.framescope.wire.Sender;
import dev.framescope.wire.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One opening handshake with a request written byte for byte by the caller — one our driver would never write (a
 * wrong {@code Sec-WebSocket-Version}, no {@code Sec-WebSocket-Key}) — recorded through the connection recorder
 * like any other: the request, the response head and its findings, the close. The transport is opened as our
 * connections open it (DNS, TCP, proxy, TLS). Ends once the response head is in, the server closes, or
 * {@code wait} passes; it then closes TCP. Blocks the calling thread.
 */
public final class RawUpgrade {

    private static final int READ_SLICE_MILLIS = 50;

    private RawUpgrade() {
    }

    /** The exchange's outcome: whether a response head arrived, and why it did not when it did not. */
    public record Outcome(boolean answered, String failure) {
    }

    public static Outcome exchange(ConnectionSpec spec, byte[] request, CaptureLog log, LongSupplier clock,
                                   Duration wait) {
        RelayRecorder recorder = new RelayRecorder(log, clock);
        try (Socket socket = Connector.open(spec, new Silent())) {
            recorder.fromClient(request, 0, request.length, clock.getAsLong());
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            boolean answered = readHead(socket, recorder, clock, clock.getAsLong() + wait.toNanos());
            recorder.ended(Sender.SERVER, Optional.empty());
            return new Outcome(answered, answered ? "" : "no response head within " + wait.toMillis() + " ms");
        } catch (IOException e) {
            String why = e.getMessage() == null ? "the connection failed" : e.getMessage();
            recorder.note(Severity.WARNING, why);
            return new Outcome(false, why);
        } finally {
            recorder.closed();
        }
    }

    private static boolean readHead(Socket socket, RelayRecorder recorder, LongSupplier clock, long deadline)
            throws IOException {
        socket.setSoTimeout(READ_SLICE_MILLIS);
        InputStream in = socket.getInputStream();
        HttpHeadParser head = new HttpHeadParser();
        byte[] buf = new byte[8192];
        while (clock.getAsLong() - deadline < 0) {
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException slice) {
                continue;
            }
            if (n < 0) {
                return false;
            }
            recorder.fromServer(buf, 0, n, clock.getAsLong());
            if (head.feed(buf, 0, n).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** Phases are not recorded for a raw exchange: only its bytes matter. */
    private static final class Silent implements Connector.Listener {
        @Override
        public void phase(Phase phase, long durationNanos, String detail) {
        }

        @Override
        public void tls(String protocol, String cipher, List<String> chain, boolean verified, boolean insecure) {
        }
    }
}
