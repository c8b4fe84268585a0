package dev.framescope.proxy;

import dev.framescope.capture.CaptureEvent.RelayMark;
import dev.framescope.engine.RelayRecorder;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.HandshakeChecker;
import dev.framescope.wire.HandshakeRequest;
import dev.framescope.wire.HandshakeResponse;
import dev.framescope.wire.HandshakeResult;
import dev.framescope.wire.HttpHead;
import dev.framescope.wire.HttpHeadParser;
import dev.framescope.wire.Message;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import dev.framescope.wire.Severity;
import dev.framescope.wire.StreamDissector;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A gated WebSocket through the proxy: its two {@link DirectionGate}s, what they share (the connection's URL, the
 * handshake's outcome, the recorder for notes), and what the user may do to it at any time — inject a message in
 * either direction, or close it with a chosen code.
 */
public final class Interception {

    private final String label;
    private final String url;
    private final Optional<HandshakeRequest> request;
    private final RelayRecorder recorder;
    private final Breakpoints breakpoints;
    private final HttpHeadParser responseHead = new HttpHeadParser();
    final DirectionGate fromApp;
    final DirectionGate fromServer;
    private volatile boolean closedByUser;

    Interception(String label, String url, RequestHead head, RelayRecorder recorder, Breakpoints breakpoints,
            OutputStream toServer, OutputStream toApp) {
        this.label = label;
        this.url = url;
        this.request = head.head().asRequest(head.bytes());
        this.recorder = recorder;
        this.breakpoints = breakpoints;
        this.fromApp = new DirectionGate(this, Sender.CLIENT, new BufferedOutputStream(toServer, 64 * 1024),
                head.bytes().length);
        this.fromServer = new DirectionGate(this, Sender.SERVER, new BufferedOutputStream(toApp, 64 * 1024), 0);
        breakpoints.opened(this);
    }

    /** As the connections list names it: the URL and the app's address. */
    public String label() {
        return label;
    }

    public String url() {
        return url;
    }

    /**
     * Sends a message of the proxy's own: toward the server as if from the app ({@code as} CLIENT: masked), or
     * toward the app as if from the server (unmasked); uncompressed, so no inflater's window changes. A data
     * message waits for a message boundary in that direction, a control frame goes at once. False when that
     * direction has ended. Writes to a socket: not on the UI thread.
     *
     * @throws IllegalArgumentException for a control frame with more than 125 bytes
     */
    public boolean inject(Sender as, Opcode op, byte[] payload) {
        if (op.isControl() && payload.length > 125) {
            throw new IllegalArgumentException("a control frame's payload is at most 125 bytes, not "
                    + payload.length);
        }
        Reframer.Framed framed = Reframer.uncompressed(as, op, payload);
        try {
            boolean sent = (as == Sender.CLIENT ? fromApp : fromServer).inject(framed.bytes(), !op.isControl());
            if (sent) {
                recording(() -> recorder.wrote(as, RelayMark.INJECTED, List.of(), framed.header(),
                        framed.wirePayload(), payload, 0));
                note(Severity.WARNING, "injected toward " + (as == Sender.CLIENT ? "the server as if from the app"
                        : "the app as if from the server") + ": " + describe(op, payload) + " — header "
                        + framed.header().rawHeaderHex() + framed.header().maskingKeyHex().map(k -> ", masking key "
                        + k).orElse(""));
            }
            return sent;
        } catch (IOException e) {
            note(Severity.WARNING, "could not inject: " + (as == Sender.CLIENT ? "the server" : "the app")
                    + " is gone (" + e.getMessage() + ")");
            return false;
        }
    }

    /**
     * Closes the connection as the user asked: a close frame with {@code code} and {@code reason} to each peer
     * (masked toward the server), held messages dropped, and nothing more forwarded either way; each peer answers
     * ours and the TCP connection ends as usual.
     */
    public void close(int code, String reason) {
        if (closedByUser) {
            return;
        }
        closedByUser = true;
        note(Severity.WARNING, "closed by the user with " + code + (reason.isEmpty() ? "" : " \"" + reason + "\"")
                + ": a close frame to each side; nothing more is forwarded");
        // Both frames go out before either direction's relay can end and shut its output down: a peer that answers
        // the first close at once must not make the second unsendable. (Lock order as in serverHead: server, app.)
        FrameEncoder toApp = FrameEncoder.close(code, reason).unmasked();
        FrameEncoder toServer = FrameEncoder.close(code, reason).masked();
        FrameHeader appHeader = toApp.header();
        FrameHeader serverHeader = toServer.header();
        byte[] appFrame = toApp.encode();
        byte[] payload = Arrays.copyOfRange(appFrame, appHeader.headerSize(), appFrame.length);
        try {
            synchronized (fromServer) {
                synchronized (fromApp) {
                    fromServer.closeByUser(appFrame);
                    fromApp.closeByUser(toServer.encode());
                }
            }
            recording(() -> {
                recorder.wrote(Sender.SERVER, RelayMark.INJECTED, List.of(), appHeader, payload, payload, 0);
                recorder.wrote(Sender.CLIENT, RelayMark.INJECTED, List.of(), serverHeader, payload, payload, 0);
            });
        } catch (IOException e) {
            note(Severity.WARNING, "the close frame could not be sent: " + e.getMessage());
        }
    }

    boolean closedByUser() {
        return closedByUser;
    }

    /** The server's bytes before its head is complete; returns where frames start in {@code b}. */
    int serverHead(byte[] b, int n) {
        Optional<HttpHead> head = responseHead.feed(b, 0, n);
        if (head.isEmpty()) {
            return n;
        }
        byte[] all = responseHead.received();
        int rest = all.length - head.get().headLength();
        Optional<HandshakeResponse> response = head.get().asResponse(all);
        boolean upgraded = request.isPresent() && response.isPresent() && response.get().isSwitchingProtocols();
        fromServer.headDone(upgraded, head.get().headLength());
        if (upgraded) {
            HandshakeResult result = HandshakeChecker.check(request.get(), response.get());
            result.deflate().ifPresent(d -> {
                fromServer.deflate(d.serverToClient(), StreamDissector.DEFAULT_INFLATE_LIMIT);
                fromApp.deflate(d.clientToServer(), StreamDissector.DEFAULT_INFLATE_LIMIT);
            });
            result.acceptedExtensions().stream().filter(e -> e.name().toLowerCase(java.util.Locale.ROOT)
                    .endsWith("deflate-frame")).findFirst().ifPresent(e -> {
                        fromServer.perFrameDeflate(!e.has("no_context_takeover"), StreamDissector.DEFAULT_INFLATE_LIMIT);
                        fromApp.perFrameDeflate(true, StreamDissector.DEFAULT_INFLATE_LIMIT);
                    });
        } else {
            fromApp.raw();
        }
        return upgraded ? n - rest : n;
    }

    /** Whether any rule is in force: a gate then dissects what it forwards instead of passing it unread. */
    boolean mayHoldAny() {
        return !breakpoints.live().isEmpty();
    }

    boolean mayHold(Sender from, Opcode op) {
        for (BreakRule r : breakpoints.live()) {
            if (r.mayHold(from, url, op)) {
                return true;
            }
        }
        return false;
    }

    Optional<BreakRule> matching(Sender from, Opcode op, byte[] payload) {
        for (BreakRule r : breakpoints.live()) {
            if (r.mayHold(from, url, op) && r.payloadMatches(op, payload)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    Breakpoints breakpoints() {
        return breakpoints;
    }

    long nextHoldId() {
        return breakpoints.nextHoldId();
    }

    void note(Severity level, String text) {
        try {
            recorder.note(level, text);
        } catch (RuntimeException e) {
            // The relay goes on without its capture (Relay says so once).
        }
    }

    /**
     * The edit of {@code h} went out as {@code framed}: the capture gets the edit's frame and message beside the
     * original (recorded as it arrived), each marked with the other.
     */
    void recordEdit(HeldMessage h, Reframer.Framed framed, byte[] replacement) {
        recording(() -> {
            long start = h.message().startOffset();
            List<Long> original = recorder.recorded(h.sender(), start);
            List<Long> edit = recorder.wrote(h.sender(), RelayMark.EDITED, original, framed.header(),
                    framed.wirePayload(), replacement, start);
            recorder.mark(h.sender(), RelayMark.REPLACED, original, edit);
        });
    }

    /**
     * The compressed message {@code m} from {@code from} went out uncompressed as {@code framed} ({@link
     * GateCompression}): the capture gets what was written beside the original, each marked with the other.
     */
    void recordResent(Sender from, Message m, Reframer.Framed framed) {
        recording(() -> {
            List<Long> original = recorder.recorded(from, m.startOffset());
            List<Long> resent = recorder.wrote(from, RelayMark.RESENT, original, framed.header(),
                    framed.wirePayload(), m.payload(), m.startOffset());
            recorder.mark(from, RelayMark.REFRAMED, original, resent);
        });
    }

    /** {@code h} was not forwarded (dropped, or its connection closed or gone while it was held). */
    void recordDrop(HeldMessage h) {
        recording(() -> recorder.mark(h.sender(), RelayMark.DROPPED,
                recorder.recorded(h.sender(), h.message().startOffset()), List.of()));
    }

    private void recording(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // The relay goes on without its capture (Relay says so once).
        }
    }

    /** Both directions have ended: holds still waiting are settled, and the connection leaves the list. */
    void finished() {
        fromApp.ended();
        fromServer.ended();
        breakpoints.ended(this);
    }

    /** "text \"hello\" (5 bytes)" or "binary 0a0b… (2 bytes)", at most 2,000 characters of it. */
    static String describe(Opcode op, byte[] payload) {
        String shown = op == Opcode.TEXT || op == Opcode.CLOSE && payload.length > 2
                ? "\"" + new String(payload, StandardCharsets.UTF_8) + "\""
                : HexFormat.of().formatHex(payload);
        if (shown.length() > 2000) {
            shown = shown.substring(0, 2000) + "…";
        }
        return HeldMessage.kind(op) + " " + shown + " (" + payload.length + " bytes)";
    }

    static String seconds(long nanos) {
        long millis = nanos / 1_000_000;
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    @Override
    public String toString() {
        return label;
    }
}
