package dev.framescope.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks a server's permessage-deflate response against the client's offers (RFC 7692 §7.1). */
public final class DeflateNegotiation {

    private DeflateNegotiation() {
    }

    /**
     * @param offered  every extension the client offered, in order (non-deflate ones are ignored)
     * @param accepted the permessage-deflate element of the response
     */
    public static NegotiatedDeflate check(List<ExtensionOffer> offered, ExtensionOffer accepted) {
        DeflateParams.Parsed response = DeflateParams.from(accepted, true);
        List<Finding> findings = new ArrayList<>(response.findings());
        DeflateParams r = response.params();
        int match = -1;
        Optional<String> firstRefusal = Optional.empty();
        int index = 0;
        for (ExtensionOffer offer : offered) {
            if (offer.name().equalsIgnoreCase(DeflateParams.NAME)) {
                Optional<String> refusal = refusal(DeflateParams.from(offer, false).params(), r);
                if (refusal.isEmpty()) {
                    match = index;
                    break;
                }
                firstRefusal = firstRefusal.or(() -> refusal);
            }
            index++;
        }
        if (match < 0) {
            findings.add(Finding.at(Violation.DEFLATE_PARAM_NOT_OFFERED, -1,
                    firstRefusal.orElse("permessage-deflate was not offered")));
        }
        NegotiatedDeflate.Direction s2c = new NegotiatedDeflate.Direction(r.serverMaxWindowBits().orElse(15),
                !r.serverNoContextTakeover());
        NegotiatedDeflate.Direction c2s = new NegotiatedDeflate.Direction(r.clientMaxWindowBits().orElse(15),
                !r.clientNoContextTakeover());
        return new NegotiatedDeflate(match, r, s2c, c2s, effects(r), findings);
    }

    /** Why this response cannot answer that offer, if it cannot. */
    private static Optional<String> refusal(DeflateParams offer, DeflateParams response) {
        if (response.clientMaxWindowBitsPresent() && !offer.clientMaxWindowBitsPresent()) {
            return Optional.of("client_max_window_bits in the response, but the offer did not include it (§7.1.2.2)");
        }
        if (response.clientMaxWindowBits().isPresent() && offer.clientMaxWindowBits().isPresent()
                && response.clientMaxWindowBits().getAsInt() > offer.clientMaxWindowBits().getAsInt()) {
            return Optional.of("client_max_window_bits=" + response.clientMaxWindowBits().getAsInt()
                    + " exceeds the offered " + offer.clientMaxWindowBits().getAsInt() + " (§7.1.2.2)");
        }
        if (offer.serverMaxWindowBits().isPresent() && (response.serverMaxWindowBits().isEmpty()
                || response.serverMaxWindowBits().getAsInt() > offer.serverMaxWindowBits().getAsInt())) {
            return Optional.of("server_max_window_bits must be at most the offered "
                    + offer.serverMaxWindowBits().getAsInt() + " (§7.1.2.1)");
        }
        if (offer.serverNoContextTakeover() && !response.serverNoContextTakeover()) {
            return Optional.of("the offer required server_no_context_takeover, the response omits it (§7.1.1.1)");
        }
        return Optional.empty();
    }

    static List<String> effects(DeflateParams r) {
        List<String> lines = new ArrayList<>();
        lines.add(r.serverNoContextTakeover()
                ? "server_no_context_takeover: the server resets its compressor after each message; we reset our inflater likewise"
                : "server context takeover: the server may refer to earlier messages; our inflater keeps its window");
        lines.add(r.clientNoContextTakeover()
                ? "client_no_context_takeover: we reset our compressor after each message"
                : "client context takeover: we may keep our compression window between messages");
        lines.add(r.serverMaxWindowBits().isPresent()
                ? "server_max_window_bits=" + r.serverMaxWindowBits().getAsInt() + ": the server's LZ77 window is "
                        + (1 << r.serverMaxWindowBits().getAsInt()) + " bytes"
                : "server window: up to 32,768 bytes (15 bits)");
        lines.add(r.clientMaxWindowBits().isPresent()
                ? "client_max_window_bits=" + r.clientMaxWindowBits().getAsInt() + ": we compress within "
                        + (1 << r.clientMaxWindowBits().getAsInt())
                        + " bytes (messages larger than that are sent uncompressed)"
                : "client window: up to 32,768 bytes (15 bits)");
        return lines;
    }
}
