package dev.framescope.decode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A base64 text payload (standard or URL-safe alphabet, padded or not, line breaks allowed), decoded and shown as
 * whatever the decoded bytes are: the best-scoring of the other format decoders looks at them as a binary payload.
 */
final class Base64Decoder implements PayloadDecoder {

    static final String ID = "base64";
    private static final int MIN_LENGTH = 8;

    private final List<PayloadDecoder> inner;

    /** @param inner the decoders tried on the decoded bytes (never this one: base64 inside base64 stops here) */
    Base64Decoder(List<PayloadDecoder> inner) {
        this.inner = List.copyOf(inner);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Base64";
    }

    /**
     * Only clean base64 text of at least 8 characters that does not look like a plain word (it has padding, a digit,
     * '+', '/', '-' or '_'): 60 when the decoded bytes are a recognised format (score of 30 or more), else 25 —
     * above text, below JSON and XML.
     */
    @Override
    public int detect(DecodeInput input) {
        return detection(input).score();
    }

    /**
     * Detection decodes the base64 and asks the inner decoders about the bytes once; when it scores, the result is
     * the payload decoded as {@link #decode} would, from those same answers.
     */
    @Override
    public Detection detection(DecodeInput input) {
        if (hasForeignByte(input.bytes())) {
            return Detection.of(0);
        }
        String clean = clean(input.bytes());
        if (clean.length() < MIN_LENGTH || firstBad(clean) >= 0 || allLetters(clean) || clean.length() % 4 == 1) {
            return Detection.of(0);
        }
        byte[] decoded;
        try {
            decoded = decoder(clean).decode(clean);
        } catch (IllegalArgumentException e) {
            return Detection.of(0);
        }
        Inner best = best(DecodeInput.of(decoded, false));
        return Detection.of(best.detection().score() >= 30 ? 60 : 25, result(input, clean, -1, decoded, best));
    }

    @Override
    public Decoded decode(DecodeInput input) {
        String clean = clean(input.bytes());
        int bad = firstBad(clean);
        String usable = bad >= 0 ? clean.substring(0, bad - bad % 4) : clean;
        if (usable.length() % 4 == 1) {
            usable = usable.substring(0, usable.length() - 1);
        }
        byte[] decoded;
        try {
            decoded = decoder(usable).decode(usable);
        } catch (IllegalArgumentException e) {
            decoded = new byte[0];
            bad = 0;
        }
        return result(input, clean, bad, decoded, best(DecodeInput.of(decoded, false)));
    }

    /** An inner decoder and its detection of the decoded bytes. */
    private record Inner(PayloadDecoder decoder, Detection detection) {
    }

    /** The first inner decoder with the highest score. */
    private Inner best(DecodeInput bytes) {
        Inner best = null;
        for (PayloadDecoder d : inner) {
            Detection detection = d.detection(bytes);
            if (best == null || detection.score() > best.detection().score()) {
                best = new Inner(d, detection);
            }
        }
        if (best == null) {
            throw new IllegalStateException("no inner decoder");
        }
        return best;
    }

    private static Decoded result(DecodeInput input, String clean, int bad, byte[] decoded, Inner best) {
        Decoded content = best.detection().decoded()
                .orElseGet(() -> best.decoder().decode(DecodeInput.of(decoded, false)));
        ObjectNode tree = Trees.NODES.objectNode();
        tree.put("decodedLength", decoded.length);
        tree.put("decodedAs", best.decoder().id());
        tree.set("value", content.tree());
        String summary = Trees.grouped(decoded.length) + " bytes of " + best.decoder().label()
                + content.summary().map(x -> ": " + x).orElse("");
        if (bad >= 0) {
            return Trees.stopped(ID, tree, summary, new DecodeFailure(originalOffset(input.bytes(), bad),
                    "not a base64 character: '" + clean.charAt(bad) + "'"));
        }
        return content.failure()
                .map(f -> Trees.stopped(ID, tree, summary, new DecodeFailure(originalOffset(input.bytes(),
                        (int) Math.min(clean.length(), f.offset() * 4 / 3)),
                        "in the decoded bytes at byte " + f.offset() + " (" + best.decoder().id() + "): "
                                + f.reason())))
                .orElseGet(() -> Trees.ok(ID, tree, summary));
    }

    private static Base64.Decoder decoder(String clean) {
        return clean.indexOf('-') >= 0 || clean.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder();
    }

    /**
     * The payload as text without whitespace (base64 is often wrapped at 76 columns): the characters regex
     * {@code \\s} matches, space, tab, line feed, vertical tab, form feed and carriage return.
     */
    private static String clean(byte[] bytes) {
        byte[] kept = null;
        int n = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == ' ' || b >= '\t' && b <= '\r') {
                if (kept == null) {
                    kept = Arrays.copyOf(bytes, bytes.length);
                    n = i;
                }
            } else if (kept != null) {
                kept[n++] = b;
            }
        }
        return kept == null ? new String(bytes, StandardCharsets.ISO_8859_1)
                : new String(kept, 0, n, StandardCharsets.ISO_8859_1);
    }

    /**
     * A byte that is neither whitespace ({@link #clean} drops it) nor in either base64 alphabet nor '=': then
     * {@link #firstBad} finds a bad character in the clean text. Checked on the bytes, before the text is made.
     */
    private static boolean hasForeignByte(byte[] bytes) {
        for (byte b : bytes) {
            boolean alnum = b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z';
            if (!alnum && b != '+' && b != '/' && b != '-' && b != '_' && b != '=' && b != ' '
                    && (b < '\t' || b > '\r')) {
                return true;
            }
        }
        return false;
    }

    private static boolean allLetters(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isLetter(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Index of the first character that breaks base64 (mixed alphabets, or '=' before the end), or -1. */
    static int firstBad(String s) {
        boolean standard = false;
        boolean urlSafe = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=') {
                String rest = s.substring(i);
                return rest.length() <= 2 && rest.chars().allMatch(x -> x == '=') && s.length() % 4 == 0 ? -1 : i;
            }
            boolean alnum = c < 128 && Character.isLetterOrDigit(c);
            standard |= c == '+' || c == '/';
            urlSafe |= c == '-' || c == '_';
            if (!alnum && c != '+' && c != '/' && c != '-' && c != '_' || standard && urlSafe) {
                return i;
            }
        }
        return -1;
    }

    /** Maps an index in the whitespace-free text back to a byte offset in the payload. */
    private static long originalOffset(byte[] payload, int cleanIndex) {
        int seen = 0;
        for (int i = 0; i < payload.length; i++) {
            if (!Character.isWhitespace((char) (payload[i] & 0xff))) {
                if (seen == cleanIndex) {
                    return i;
                }
                seen++;
            }
        }
        return payload.length;
    }
}
