package dev.framescope.probe;

import static dev.framescope.probe.CaseBuilder.of;
import static dev.framescope.probe.CaseBuilder.repeat;

import dev.framescope.probe.ProbeCase.Grading;
import dev.framescope.wire.Opcode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Autobahn's cases 9.* (limits and performance), from {@code case9_1_1.py} … {@code case9_7_X.py}: large messages,
 * fragmented and chopped, and 1000 round trips. Built only when selected (payloads of up to 16 MiB); timed. Autobahn
 * grades these by the echo's kind and length; we compare the bytes too.
 */
final class LimitCases {

    /** A case built on demand. */
    record Entry(String id, Supplier<ProbeCase> build) {
    }

    private static final int K = 1024;
    private static final int M = 1024 * 1024;
    private static final int[] SIZES = {64 * K, 256 * K, M, 4 * M, 8 * M, 16 * M};
    private static final int[] FRAGMENTS = {64, 256, K, 4 * K, 16 * K, 64 * K, 256 * K, M, 4 * M};
    private static final int[] CHOPS = {64, 128, 256, 512, K, 2 * K};
    private static final int[][] ROUNDTRIPS = {{0, 60}, {16, 60}, {64, 60}, {256, 120}, {K, 240}, {4 * K, 480}};

    private LimitCases() {
    }

    static List<Entry> entries() {
        List<Entry> e = new ArrayList<>();
        for (int b = 0; b < 2; b++) {
            boolean binary = b == 1;
            for (int i = 0; i < SIZES.length; i++) {
                String id = "9." + (1 + b) + "." + (i + 1);
                int size = SIZES[i];
                e.add(new Entry(id, () -> large(id, binary, size)));
            }
        }
        for (int b = 0; b < 2; b++) {
            boolean binary = b == 1;
            for (int i = 0; i < FRAGMENTS.length; i++) {
                String id = "9." + (3 + b) + "." + (i + 1);
                int fragment = FRAGMENTS[i];
                e.add(new Entry(id, () -> fragmented(id, binary, fragment)));
            }
        }
        for (int b = 0; b < 2; b++) {
            boolean binary = b == 1;
            for (int i = 0; i < CHOPS.length; i++) {
                String id = "9." + (5 + b) + "." + (i + 1);
                int chop = CHOPS[i];
                e.add(new Entry(id, () -> chopped(id, binary, chop)));
            }
        }
        for (int b = 0; b < 2; b++) {
            boolean binary = b == 1;
            for (int i = 0; i < ROUNDTRIPS.length; i++) {
                String id = "9." + (7 + b) + "." + (i + 1);
                int[] t = ROUNDTRIPS[i];
                e.add(new Entry(id, () -> roundtrips(id, binary, t[0], t[1])));
            }
        }
        return e;
    }

    private static ProbeCase large(String id, boolean binary, int size) {
        byte[] payload = payload(binary, size);
        return timed(of(id, "Send " + kind(binary) + " message message with payload of length " + human(size) + ".")
                .frame(binary ? 2 : 1, true, payload), binary, payload, 100);
    }

    private static ProbeCase fragmented(String id, boolean binary, int fragment) {
        byte[] payload = repeat(binary ? 0xfe : '*', 4 * M);
        return timed(of(id, "Send fragmented " + kind(binary) + " message message with message payload of length "
                        + "4 * 2**20 (4M). Sent out in fragments of " + human(fragment) + ".")
                .message(binary ? Opcode.BINARY : Opcode.TEXT, payload, fragment), binary, payload, 100);
    }

    private static ProbeCase chopped(String id, boolean binary, int chop) {
        byte[] payload = payload(binary, M);
        return timed(of(id, "Send " + kind(binary) + " message message with payload of length 1 * 2**20 (1M). Sent "
                + "out data in chops of " + chop + " octets.").chop(chop).frame(binary ? 2 : 1, true, payload),
                binary, payload, 1000);
    }

    private static ProbeCase roundtrips(String id, boolean binary, int size, int waitSeconds) {
        byte[] payload = repeat(binary ? 0xfe : '*', size);
        Received echo = binary ? Received.binary(payload) : Received.text(payload);
        return of(id, "Send 1000 " + kind(binary) + " messages of payload size " + size + " to measure "
                        + "implementation/network RTT (round trip time) / latency.")
                .expect("Receive echo'ed " + kind(binary) + " messages (with payload as sent). Timeout case after "
                        + waitSeconds + " secs.").rfc("RFC 6455 §5.6")
                .roundtrips(binary ? 2 : 1, payload, 1000).ok(Collections.nCopies(1000, echo)).closedByUs()
                .closeAfter(waitSeconds).grading(Grading.TIMED).build();
    }

    private static ProbeCase timed(CaseBuilder c, boolean binary, byte[] payload, int waitSeconds) {
        return c.expect("Receive echo'ed " + kind(binary) + " message (with payload as sent).").rfc("RFC 6455 §5.6")
                .ok(binary ? Received.binary(payload) : Received.text(payload)).closedByUs().closeAfter(waitSeconds)
                .grading(Grading.TIMED).build();
    }

    private static byte[] payload(boolean binary, int size) {
        if (!binary) {
            return CloseCases.pattern("BAsd7&jh23", size);
        }
        byte[] unit = {0x00, (byte) 0xfe, 0x23, (byte) 0xfa, (byte) 0xf0};
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = unit[i % unit.length];
        }
        return out;
    }

    private static String kind(boolean binary) {
        return binary ? "binary" : "text";
    }

    private static String human(int size) {
        return size >= M ? (size / M) + "M" : size >= K ? (size / K) + "k" : String.valueOf(size);
    }
}
