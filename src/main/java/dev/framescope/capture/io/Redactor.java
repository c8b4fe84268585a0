package dev.framescope.capture.io;

import dev.framescope.capture.Secrets;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from what leaves the capture: values of Authorization, Proxy-Authorization, Cookie and Set-Cookie
 * header fields, and query parameters that carry tokens. Sec-WebSocket-Key is not a secret and stays. A connection's
 * {@link Secrets} add the header and query names its auth helper chose and the values of its secret variables,
 * hidden wherever they appear — in payloads with as many {@code *} as the value has bytes, so frame lengths stay
 * true.
 */
public final class Redactor {

    public static final String MASK = "[redacted]";

    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie", "x-api-key", "api-key");
    private static final Pattern HEADER_LINE = Pattern.compile("(?m)^([A-Za-z0-9!#$%&'*+.^_`|~-]+):[ \\t]*(.*?)(\\r?)$");
    private static final String QUERY_SECRET_NAMES =
            "access_token|token|api_key|apikey|key|password|secret|auth|jwt|session|sig|signature";
    private static final Pattern QUERY_SECRET = queryPattern(QUERY_SECRET_NAMES);

    private Redactor() {
    }

    public static boolean isSecretHeader(String name) {
        return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    public static boolean isSecretHeader(String name, Secrets secrets) {
        return isSecretHeader(name) || secrets.headerNames().contains(name.toLowerCase(Locale.ROOT));
    }

    /** An HTTP head (request or response) with secret header values and query tokens masked. */
    public static byte[] head(byte[] raw) {
        return head(raw, Secrets.NONE);
    }

    /** {@link #head(byte[])} that also hides this connection's secret header names, query names and values. */
    public static byte[] head(byte[] raw, Secrets secrets) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        Matcher m = HEADER_LINE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = isSecretHeader(m.group(1), secrets) ? m.group(1) + ": " + MASK + m.group(3)
                    : m.group(0);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        String masked = url(out.toString(), secrets);
        // The head is ISO-8859-1 text here; a UTF-8 secret appears as its bytes read that way.
        for (String value : secrets.valuesLongestFirst()) {
            masked = masked.replace(new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1),
                    MASK);
        }
        return masked.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** What the screen shows for a hidden secret (exports write {@link #MASK}). */
    public static final String DOTS = "••••";

    /**
     * An HTTP head for the screen: like {@link #head(byte[], Secrets)} but an Authorization field keeps its scheme
     * ({@code Authorization: Bearer ••••}) so the user sees what kind of credential went out without seeing it.
     */
    public static String headForScreen(byte[] raw, Secrets secrets) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        Matcher m = HEADER_LINE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(0);
            if (isSecretHeader(m.group(1), secrets)) {
                String lower = m.group(1).toLowerCase(Locale.ROOT);
                String value = m.group(2);
                int space = value.indexOf(' ');
                boolean scheme = (lower.equals("authorization") || lower.equals("proxy-authorization")) && space > 0;
                replacement = m.group(1) + ": " + (scheme ? value.substring(0, space + 1) : "") + DOTS + m.group(3);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        String masked = out.toString();
        if (!secrets.queryNames().isEmpty()) {
            String names = String.join("|", secrets.queryNames().stream().map(Pattern::quote).toList());
            masked = queryPattern(names).matcher(masked).replaceAll("$1" + Matcher.quoteReplacement(DOTS));
        }
        masked = QUERY_SECRET.matcher(masked).replaceAll("$1" + Matcher.quoteReplacement(DOTS));
        for (String value : secrets.valuesLongestFirst()) {
            masked = masked.replace(new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1),
                    DOTS);
        }
        return masked;
    }

    /** A URL or request target with token-bearing query parameters masked. */
    public static String url(String text) {
        return QUERY_SECRET.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }

    /** {@link #url(String)} that also hides this connection's secret query names and values. */
    public static String url(String text, Secrets secrets) {
        String masked = url(text);
        if (!secrets.queryNames().isEmpty()) {
            String names = String.join("|", secrets.queryNames().stream().map(Pattern::quote).toList());
            masked = queryPattern(names).matcher(masked).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        }
        return values(masked, secrets);
    }

    /** Any text (a line of an export, a message): URLs' query tokens and every secret value masked. */
    public static String text(String text, Secrets secrets) {
        return url(text, secrets);
    }

    /** Payload bytes with each secret value's UTF-8 bytes overwritten by {@code *}, the length unchanged. */
    public static byte[] payload(byte[] bytes, Secrets secrets) {
        byte[] out = bytes;
        for (String value : secrets.valuesLongestFirst()) {
            byte[] needle = value.getBytes(StandardCharsets.UTF_8);
            for (int i = indexOf(out, needle, 0); i >= 0; i = indexOf(out, needle, i + needle.length)) {
                if (out == bytes) {
                    out = bytes.clone();
                }
                Arrays.fill(out, i, i + needle.length, (byte) '*');
            }
        }
        return out;
    }

    private static String values(String text, Secrets secrets) {
        String masked = text;
        for (String value : secrets.valuesLongestFirst()) {
            masked = masked.replace(value, MASK);
        }
        return masked;
    }

    private static Pattern queryPattern(String names) {
        return Pattern.compile("(?i)([?&](?:" + names + ")=)[^&\\s#]*");
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
