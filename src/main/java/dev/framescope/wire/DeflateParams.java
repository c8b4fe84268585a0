package dev.framescope.wire;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The parameters of one permessage-deflate offer or response (RFC 7692 §7.1), parsed once into types.
 *
 * @param clientMaxWindowBitsPresent whether {@code client_max_window_bits} appeared (an offer may give it no value)
 */
public record DeflateParams(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                            OptionalInt serverMaxWindowBits, boolean clientMaxWindowBitsPresent,
                            OptionalInt clientMaxWindowBits) {

    public static final String NAME = "permessage-deflate";
    public static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    public static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    public static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    public static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    public static final DeflateParams NONE = new DeflateParams(false, false, OptionalInt.empty(), false,
            OptionalInt.empty());

    /** Parameters plus the DEFLATE_PARAM_INVALID findings met while reading them. */
    public record Parsed(DeflateParams params, List<Finding> findings) {
        public Parsed {
            findings = List.copyOf(findings);
        }
    }

    /**
     * Reads an offer ({@code inResponse == false}) or a server's response: unknown, repeated and out-of-range
     * parameters are findings; a response's client_max_window_bits must carry a value (§7.1.2.2).
     */
    public static Parsed from(ExtensionOffer offer, boolean inResponse) {
        List<Finding> findings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean snct = false;
        boolean cnct = false;
        OptionalInt smwb = OptionalInt.empty();
        boolean cmwbPresent = false;
        OptionalInt cmwb = OptionalInt.empty();
        for (ExtensionOffer.Param p : offer.params()) {
            String name = p.name().toLowerCase(Locale.ROOT);
            if (!seen.add(name)) {
                findings.add(invalid(p + " appears twice"));
                continue;
            }
            switch (name) {
                case SERVER_NO_CONTEXT_TAKEOVER -> snct = noValue(p, findings);
                case CLIENT_NO_CONTEXT_TAKEOVER -> cnct = noValue(p, findings);
                case SERVER_MAX_WINDOW_BITS -> {
                    smwb = windowBits(p, findings);
                    if (p.value().isEmpty()) {
                        findings.add(invalid(SERVER_MAX_WINDOW_BITS + " needs a value 8-15"));
                    }
                }
                case CLIENT_MAX_WINDOW_BITS -> {
                    cmwbPresent = true;
                    cmwb = windowBits(p, findings);
                    if (inResponse && p.value().isEmpty()) {
                        findings.add(invalid("a response's " + CLIENT_MAX_WINDOW_BITS + " needs a value 8-15"));
                    }
                }
                default -> findings.add(invalid("unknown parameter " + p));
            }
        }
        return new Parsed(new DeflateParams(snct, cnct, smwb, cmwbPresent, cmwb), findings);
    }

    private static boolean noValue(ExtensionOffer.Param p, List<Finding> findings) {
        if (p.value().isPresent()) {
            findings.add(invalid(p.name() + " takes no value, got \"" + p.value().get() + "\""));
        }
        return true;
    }

    private static OptionalInt windowBits(ExtensionOffer.Param p, List<Finding> findings) {
        if (p.value().isEmpty()) {
            return OptionalInt.empty();
        }
        String v = p.value().get();
        if (v.matches("[1-9][0-9]?") && Integer.parseInt(v) >= 8 && Integer.parseInt(v) <= 15) {
            return OptionalInt.of(Integer.parseInt(v));
        }
        findings.add(invalid(p.name() + "=" + v + " is not an integer 8-15"));
        return OptionalInt.empty();
    }

    private static Finding invalid(String detail) {
        return Finding.at(Violation.DEFLATE_PARAM_INVALID, -1, detail);
    }
}
