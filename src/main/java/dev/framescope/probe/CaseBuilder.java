package dev.framescope.probe;

import dev.framescope.probe.ProbeCase.Ending;
import dev.framescope.probe.ProbeCase.ExpectedClose;
import dev.framescope.probe.ProbeCase.Grading;
import dev.framescope.wire.CloseCode;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a case the way Autobahn's case files read: the frames sent, the outcomes accepted, the close expected and
 * the ending ({@code killAfter} / {@code closeAfter}). Frames are masked with a fresh random key, as a client's must
 * be (RFC 6455 §5.3).
 */
final class CaseBuilder {

    static final int NORMAL = CloseCode.NORMAL_CLOSURE.code();
    static final int PROTOCOL_ERROR = CloseCode.PROTOCOL_ERROR.code();
    static final int INVALID_PAYLOAD = CloseCode.INVALID_PAYLOAD.code();

    private final String id;
    private final String description;
    private String expectation = "";
    private String rfc = "";
    private Optional<Violation> rule = Optional.empty();
    private final List<Step> steps = new ArrayList<>();
    private final Map<Verdict, List<Received>> expected = new LinkedHashMap<>();
    private ExpectedClose close = normalClose();
    private Ending ending = new Ending(true, 1);
    private Grading grading = Grading.PLAIN;
    private final List<String> offers = new ArrayList<>();
    private ProbeCase.Checks checks = ProbeCase.Checks.NONE;
    private int chop;
    private boolean sync;

    private CaseBuilder(String id, String description) {
        this.id = id;
        this.description = description;
    }

    static CaseBuilder of(String id, String description) {
        return new CaseBuilder(id, description);
    }

    CaseBuilder expect(String text) {
        expectation = text;
        return this;
    }

    CaseBuilder rfc(String section) {
        rfc = section;
        return this;
    }

    /** The rule the server must enforce here; its RFC clause too, unless one was given. */
    CaseBuilder rule(Violation violation) {
        rule = Optional.of(violation);
        if (rfc.isEmpty()) {
            rfc = violation.rfcSection();
        }
        return this;
    }

    /** Frames from here on are written in pieces of {@code size} bytes (0: whole). */
    CaseBuilder chop(int size) {
        chop = size;
        return this;
    }

    /** Frames from here on are each written to the socket before the next is queued. */
    CaseBuilder sync() {
        sync = true;
        return this;
    }

    CaseBuilder frame(FrameEncoder frame) {
        steps.add(new Step.Send(frame.masked().encode(), chop, sync));
        return this;
    }

    /** Bytes as they are: a piece of a frame (Autobahn's {@code sendMessageFrameData}). */
    CaseBuilder raw(byte[] bytes) {
        steps.add(new Step.Send(bytes, chop, sync));
        return this;
    }

    /** Autobahn's {@code sendFrame(opcode, fin, payload)}. */
    CaseBuilder frame(int opcode, boolean fin, String payload) {
        return frame(opcode, fin, utf8(payload));
    }

    CaseBuilder frame(int opcode, boolean fin, byte[] payload) {
        return frame(new FrameEncoder().opcode(opcode).fin(fin).payload(payload));
    }

    CaseBuilder frame(int opcode, String payload) {
        return frame(opcode, true, payload);
    }

    /** A text or binary message in fragments of {@code size} bytes (Autobahn's {@code fragmentSize}; 0: whole). */
    CaseBuilder message(Opcode opcode, byte[] payload, int size) {
        if (size <= 0 || payload.length <= size) {
            return frame(opcode.code(), true, payload);
        }
        for (int from = 0; from < payload.length; from += size) {
            int to = Math.min(payload.length, from + size);
            byte[] part = java.util.Arrays.copyOfRange(payload, from, to);
            frame(from == 0 ? opcode.code() : 0, to == payload.length, part);
        }
        return this;
    }

    /** Our regular close with {@code code}. */
    CaseBuilder close(int code) {
        steps.add(new Step.Close(code));
        return this;
    }

    /** A crafted close frame: a raw payload, which may break every rule of §5.5.1. */
    CaseBuilder rawClose(byte[] payload, int code, String reason) {
        byte[] frame = FrameEncoder.frame(Opcode.CLOSE).payload(payload).masked().encode();
        steps.add(new Step.RawClose(frame, code, reason));
        return this;
    }

    /** Autobahn's {@code sendCloseFrame(code, reasonUtf8)}: a close frame with any code and reason bytes. */
    CaseBuilder rawClose(int code, byte[] reason) {
        byte[] payload = new byte[2 + reason.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(reason, 0, payload, 2, reason.length);
        return rawClose(payload, code, new String(reason, StandardCharsets.UTF_8));
    }

    CaseBuilder pause(double seconds, String label) {
        steps.add(new Step.Pause(seconds, label));
        return this;
    }

    CaseBuilder awaitReceived(int count, double seconds) {
        steps.add(new Step.AwaitReceived(count, seconds));
        return this;
    }

    CaseBuilder roundtrips(int opcode, byte[] payload, int count) {
        steps.add(new Step.Roundtrips(new FrameEncoder().opcode(opcode).payload(payload).masked().encode(), count));
        return this;
    }

    CaseBuilder ok(List<Received> outcome) {
        expected.put(Verdict.OK, List.copyOf(outcome));
        return this;
    }

    CaseBuilder ok(Received... outcome) {
        expected.put(Verdict.OK, List.of(outcome));
        return this;
    }

    CaseBuilder nonStrict(Received... outcome) {
        expected.put(Verdict.NON_STRICT, List.of(outcome));
        return this;
    }

    /** We close once the outcome matches; the server answers with 1000 (or one of {@code also}), cleanly. */
    CaseBuilder closedByUs(int... also) {
        close = new ExpectedClose(true, codes(NORMAL, also), true, false, close.autoClose());
        return this;
    }

    /** We close (our steps send the close frame); the server's answer may carry any of {@code codes}. */
    CaseBuilder closedByUsWith(boolean requireClean, int first, int... more) {
        close = new ExpectedClose(true, codes(first, more), requireClean, false, false);
        return this;
    }

    /** The server must fail the connection (RFC 6455 §7.1.7), with {@code code} if it sends a close frame. */
    CaseBuilder serverFails(int code) {
        close = new ExpectedClose(false, List.of(code), false, false, true);
        return this;
    }

    /** As {@link #serverFails}, and a server that does not fail it at all fails the case (UTF-8 cases). */
    CaseBuilder serverMustFail(int code) {
        close = new ExpectedClose(false, List.of(code), false, true, true);
        return this;
    }

    CaseBuilder killAfter(double seconds) {
        ending = new Ending(true, seconds);
        return this;
    }

    CaseBuilder closeAfter(double seconds) {
        ending = new Ending(false, seconds);
        return this;
    }

    CaseBuilder grading(Grading value) {
        grading = value;
        return this;
    }

    CaseBuilder offer(String extension) {
        offers.add(extension);
        return this;
    }

    CaseBuilder checks(ProbeCase.Checks value) {
        checks = value;
        return this;
    }

    /** A frame exactly as {@code frame} is set up: unmasked, or with a chosen key (our 20.3.* cases). */
    CaseBuilder asIs(FrameEncoder frame) {
        steps.add(new Step.Send(frame.encode(), chop, sync));
        return this;
    }

    CaseBuilder step(Step step) {
        steps.add(step);
        return this;
    }

    ProbeCase build() {
        Map<Verdict, List<Received>> outcomes = new LinkedHashMap<>(expected);
        outcomes.putIfAbsent(Verdict.OK, List.of());
        return new ProbeCase(id, description, expectation, rfc, rule, steps, outcomes, close, ending, grading,
                offers, checks);
    }

    private static ExpectedClose normalClose() {
        return new ExpectedClose(true, List.of(NORMAL), true, false, true);
    }

    private static List<Integer> codes(int first, int... more) {
        List<Integer> all = new ArrayList<>();
        all.add(first);
        for (int c : more) {
            all.add(c);
        }
        return all;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] repeat(int b, int count) {
        byte[] out = new byte[count];
        java.util.Arrays.fill(out, (byte) b);
        return out;
    }
}
