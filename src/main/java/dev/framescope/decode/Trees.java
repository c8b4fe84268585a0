package dev.framescope.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** Shared pieces of the format decoders: the node factory, the nesting cap and result helpers. */
final class Trees {

    /**
     * Deepest nesting any format decoder follows. Real payloads nest a few levels; a hostile one nests thousands to
     * overflow a recursive reader's stack (and the GUI's tree). Beyond this, decoding stops with a failure.
     */
    static final int MAX_DEPTH = 100;

    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private Trees() {
    }

    static Decoded ok(String id, JsonNode tree, String summary) {
        return new Decoded(id, tree, Optional.of(summary), Optional.empty());
    }

    static Decoded stopped(String id, JsonNode tree, String summary, DecodeFailure failure) {
        return new Decoded(id, tree, Optional.of(summary), Optional.of(failure));
    }

    static String hex(byte[] bytes, int from, int to) {
        return HexFormat.of().formatHex(bytes, from, to);
    }

    static String plural(long n, String noun) {
        return grouped(n) + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * {@code String.format("%,d", n)} in the default format locale, without a {@code Formatter} per call when that
     * locale writes ASCII digits grouped by three with a comma (checked once per locale): decoding every payload
     * of a large export spent most of its summary time building formatters.
     */
    static String grouped(long n) {
        Locale locale = Locale.getDefault(Locale.Category.FORMAT);
        Grouping g = grouping;
        if (g == null || g.locale != locale) {
            g = new Grouping(locale, String.format(locale, "%,d", -1234567L).equals("-1,234,567"));
            grouping = g;
        }
        if (!g.commaThousands || n < 0) {
            return String.format(locale, "%,d", n);
        }
        String digits = Long.toString(n);
        if (digits.length() <= 3) {
            return digits;
        }
        StringBuilder sb = new StringBuilder(digits.length() + digits.length() / 3);
        int head = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        sb.append(digits, 0, head);
        for (int i = head; i < digits.length(); i += 3) {
            sb.append(',').append(digits, i, i + 3);
        }
        return sb.toString();
    }

    /**
     * {@code String.format("%d", n)} in the default format locale, without a {@code Formatter} per call when that
     * locale writes ASCII digits (checked once per locale, as {@link #grouped} does): a failed protobuf detection
     * built one for the message of its stop on every payload of a large export.
     */
    static String decimal(long n) {
        Locale locale = Locale.getDefault(Locale.Category.FORMAT);
        Grouping g = grouping;
        if (g == null || g.locale != locale) {
            g = new Grouping(locale, String.format(locale, "%,d", -1234567L).equals("-1,234,567"));
            grouping = g;
        }
        return g.asciiDigits ? Long.toString(n) : String.format(locale, "%d", n);
    }

    /** How the last locale seen writes numbers; replaced whole, so readers on any thread see a consistent record. */
    private record Grouping(Locale locale, boolean commaThousands, boolean asciiDigits) {
        Grouping(Locale locale, boolean commaThousands) {
            this(locale, commaThousands, String.format(locale, "%d", -1234567890L).equals("-1234567890"));
        }
    }

    private static volatile Grouping grouping;

    /** "depth N: more than MAX_DEPTH nested containers" — the same words for every format. */
    static String tooDeep() {
        return "nested deeper than " + MAX_DEPTH + " levels (Framescope's cap against hostile nesting)";
    }
}
