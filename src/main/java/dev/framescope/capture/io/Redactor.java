package dev.framescope.capture.io;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from what leaves the capture: values of Authorization, Proxy-Authorization, Cookie and Set-Cookie
 * header fields, and query parameters that carry tokens. Sec-WebSocket-Key is not a secret and stays.
 */
public final class Redactor {

    public static final String MASK = "[redacted]";

    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie", "x-api-key", "api-key");
    private static final Pattern HEADER_LINE = Pattern.compile("(?m)^([A-Za-z0-9!#$%&'*+.^_`|~-]+):[ \\t]*(.*?)(\\r?)$");
    private static final Pattern QUERY_SECRET = Pattern.compile(
            "(?i)([?&](?:access_token|token|api_key|apikey|key|password|secret|auth|jwt|session|sig|signature)=)[^&\\s#]*");

    private Redactor() {
    }

    public static boolean isSecretHeader(String name) {
        return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    /** An HTTP head (request or response) with secret header values and query tokens masked. */
    public static byte[] head(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        Matcher m = HEADER_LINE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = isSecretHeader(m.group(1)) ? m.group(1) + ": " + MASK + m.group(3) : m.group(0);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return url(out.toString()).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A URL or request target with token-bearing query parameters masked. */
    public static String url(String text) {
        return QUERY_SECRET.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }
}
