package dev.framescope.probe;

import static dev.framescope.probe.CaseBuilder.of;

import dev.framescope.probe.ProbeCase.Grading;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Autobahn's cases 12.* (permessage-deflate, payload kinds) and 13.* (parameter sets), as {@code case12_x_x.py}
 * generates them: per kind or parameter set, 18 message sizes, each case 1000 messages cut in turn from the
 * payload, each sent after the echo of the last, compared by SHA-256. A server that does not accept
 * permessage-deflate makes the case UNIMPLEMENTED. Graded as Autobahn grades them, on the echoes: a rule the
 * server's handshake or frames broke is reported, not graded (our 20.2.* cases grade it). Built on demand; off by
 * default.
 */
final class DeflateCases {

    /** Size, count, Autobahn's wait in seconds, auto-fragment size (0: none). */
    private static final int[][] SIZES = {
            {16, 1000, 60, 0}, {64, 1000, 60, 0}, {256, 1000, 120, 0}, {1024, 1000, 240, 0}, {4096, 1000, 480, 0},
            {8192, 1000, 480, 0}, {16384, 1000, 480, 0}, {32768, 1000, 480, 0}, {65536, 1000, 480, 0},
            {131072, 1000, 480, 0}, {8192, 1000, 480, 256}, {16384, 1000, 480, 256}, {32768, 1000, 480, 256},
            {65536, 1000, 480, 256}, {131072, 1000, 480, 256}, {131072, 1000, 480, 1024},
            {131072, 1000, 480, 4096}, {131072, 1000, 480, 32768}};

    /** Autobahn's default offer: it accepts client_no_context_takeover and client_max_window_bits if asked. */
    static final String DEFAULT_OFFER = "permessage-deflate; client_no_context_takeover; client_max_window_bits";

    /** 13.1-13.7: the client's offers, as Autobahn's {@code DEFLATE_PARAMS} (requestNoContextTakeover, bits). */
    private static final List<List<String>> PARAMETER_SETS = List.of(
            List.of(DEFAULT_OFFER),
            List.of(DEFAULT_OFFER + "; server_no_context_takeover"),
            List.of(DEFAULT_OFFER + "; server_max_window_bits=9"),
            List.of(DEFAULT_OFFER + "; server_max_window_bits=15"),
            List.of(DEFAULT_OFFER + "; server_no_context_takeover; server_max_window_bits=9"),
            List.of(DEFAULT_OFFER + "; server_no_context_takeover; server_max_window_bits=15"),
            List.of(DEFAULT_OFFER + "; server_no_context_takeover; server_max_window_bits=9",
                    DEFAULT_OFFER + "; server_no_context_takeover", DEFAULT_OFFER));

    private DeflateCases() {
    }

    static List<Catalogue.Entry> entries() {
        List<Catalogue.Entry> e = new ArrayList<>();
        Corpus[] kinds = Corpus.values();
        for (int k = 0; k < kinds.length; k++) {
            for (int i = 0; i < SIZES.length; i++) {
                String id = "12." + (k + 1) + "." + (i + 1);
                Corpus corpus = kinds[k];
                int[] s = SIZES[i];
                e.add(new Catalogue.Entry(id, () -> build(id, corpus, s, List.of(DEFAULT_OFFER),
                        "Use default permessage-deflate offer.")));
            }
        }
        for (int p = 0; p < PARAMETER_SETS.size(); p++) {
            for (int i = 0; i < SIZES.length; i++) {
                String id = "13." + (p + 1) + "." + (i + 1);
                List<String> offers = PARAMETER_SETS.get(p);
                int[] s = SIZES[i];
                e.add(new Catalogue.Entry(id, () -> build(id, Corpus.JSON, s, offers,
                        "Use permessage-deflate offers: " + String.join(" | ", offers))));
            }
        }
        return e;
    }

    private static ProbeCase build(String id, Corpus corpus, int[] s, List<String> offers, String how) {
        int length = s[0];
        int count = s[1];
        CaseBuilder c = of(id, "Send " + count + " compressed messages each of payload size " + length
                + ", auto-fragment to " + s[3] + " octets. " + how + " Payload: " + corpus.description() + ".")
                .expect("Receive echo'ed messages (with payload as sent). Timeout case after " + s[2] + " secs.")
                .rfc("RFC 7692 §7").step(new Step.CorpusRoundtrips(corpus, length, count, s[3]))
                .ok(expected(corpus, length, count)).closedByUs().closeAfter(s[2]).grading(Grading.NEEDS_DEFLATE)
                .checks(new ProbeCase.Checks(true, false, List.of(), ""));
        offers.forEach(c::offer);
        return c.build();
    }

    /**
     * The echoes of 1000 messages per payload kind and size, digested once: 216 cases share 50 of them, and each is
     * up to 128 MiB of hashing.
     */
    private static final Map<String, List<Received>> EXPECTED = new ConcurrentHashMap<>();

    static List<Received> expected(Corpus corpus, int length, int count) {
        return EXPECTED.computeIfAbsent(corpus + "/" + length + "/" + count, k -> digests(corpus, length, count));
    }

    /** The echoes, digested: message i is the i-th cut of {@code length} bytes, wrapping round the payload. */
    private static List<Received> digests(Corpus corpus, int length, int count) {
        byte[] data = corpus.bytes();
        List<Received> out = new ArrayList<>(count);
        int at = 0;
        for (int i = 0; i < count; i++) {
            byte[] msg = cut(data, at, length);
            at = (at + length) % data.length;
            out.add((corpus.binary() ? Received.binary(msg) : Received.text(msg)).digested());
        }
        return List.copyOf(out);
    }

    static byte[] cut(byte[] data, int from, int length) {
        byte[] msg = new byte[length];
        for (int i = 0; i < length; i++) {
            msg[i] = data[(from + i) % data.length];
        }
        return msg;
    }
}
