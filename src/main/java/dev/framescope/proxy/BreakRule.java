package dev.framescope.proxy;

import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A breakpoint: which messages of an intercepted connection the proxy holds. Written
 * {@code DIRECTION:URL-GLOB:KIND[:/REGEX/[i]]}, e.g. {@code in:/ws/chat:text:/"type":"order"/}.
 *
 * <ul>
 *   <li>DIRECTION: {@code out} (the app to the server), {@code in} (the server to the app) or {@code any};</li>
 *   <li>URL-GLOB: matched against the connection's path and query when it starts with {@code /}, else against
 *       the whole URL ({@code ws://host:port/path?query}); {@code *} is any run of characters, {@code ?} one; empty
 *       or {@code *} matches every connection;</li>
 *   <li>KIND: {@code text}, {@code binary}, {@code data} (either), {@code ping}, {@code pong}, {@code close},
 *       {@code control} (any of those three) or {@code any}; control frames are held only by a rule whose kind
 *       names them;</li>
 *   <li>REGEX (optional): a Java regular expression searched for in the message (inflated when compressed; text as
 *       UTF-8, binary as ISO-8859-1 so that {@code \x00} is a byte); a trailing {@code i} ignores case.</li>
 * </ul>
 */
public record BreakRule(String text, Optional<Sender> sender, String urlGlob, Kind kind, Optional<Pattern> payload) {

    /** The message classes a rule can name. */
    public enum Kind {
        TEXT("text"), BINARY("binary"), DATA("data"), PING("ping"), PONG("pong"), CLOSE("close"), CONTROL("control"),
        ANY("any");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        static Optional<Kind> of(String word) {
            for (Kind k : values()) {
                if (k.word.equals(word.toLowerCase(Locale.ROOT))) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }

        boolean admits(Opcode op) {
            return switch (this) {
                case TEXT -> op == Opcode.TEXT;
                case BINARY -> op == Opcode.BINARY;
                case DATA -> op.isData();
                case PING -> op == Opcode.PING;
                case PONG -> op == Opcode.PONG;
                case CLOSE -> op == Opcode.CLOSE;
                case CONTROL -> op.isControl();
                case ANY -> true;
            };
        }

        /** Whether a rule of this kind may hold a control frame. */
        boolean namesControl() {
            return this != TEXT && this != BINARY && this != DATA;
        }
    }

    public static final String SYNTAX = "DIRECTION:URL-GLOB:KIND[:/REGEX/[i]], e.g. in:/ws/chat:text:/\"type\":\"order\"/"
            + " (DIRECTION out, in or any; KIND text, binary, data, ping, pong, close, control or any)";

    /**
     * Parses a rule.
     *
     * @throws IllegalArgumentException with a message naming the part that is wrong
     */
    public static BreakRule parse(String rule) {
        int colon = rule.indexOf(':');
        if (colon < 0) {
            throw bad(rule, "it has no ':'; write " + SYNTAX);
        }
        String dir = rule.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        Optional<Sender> sender = switch (dir) {
            case "out" -> Optional.of(Sender.CLIENT);
            case "in" -> Optional.of(Sender.SERVER);
            case "any", "*" -> Optional.empty();
            default -> throw bad(rule, "the direction '" + dir + "' is not out, in or any");
        };
        String rest = rule.substring(colon + 1);
        // The kind is the first ":word" after which comes the end or ":/": a glob may hold colons (ws://h:80/).
        for (int i = rest.indexOf(':'); i >= 0; i = rest.indexOf(':', i + 1)) {
            int end = rest.indexOf(':', i + 1);
            String word = rest.substring(i + 1, end < 0 ? rest.length() : end);
            Optional<Kind> kind = Kind.of(word.trim());
            if (kind.isPresent() && (end < 0 || rest.startsWith(":/", end))) {
                String glob = rest.substring(0, i).trim();
                Optional<Pattern> payload = end < 0 ? Optional.empty() : Optional.of(regex(rule, rest.substring(end + 1)));
                return new BreakRule(rule, sender, glob.isEmpty() ? "*" : glob, kind.get(), payload);
            }
        }
        String last = rest.contains(":") ? rest.substring(rest.lastIndexOf(':') + 1) : rest;
        throw bad(rule, "no message kind after the URL glob (found '" + last + "'; the kind is text, binary, data, "
                + "ping, pong, close, control or any, and a regex after it is written :/REGEX/)");
    }

    private static Pattern regex(String rule, String part) {
        boolean ignoreCase = part.endsWith("/i");
        String body = ignoreCase ? part.substring(0, part.length() - 1) : part;
        if (body.length() < 2 || !body.startsWith("/") || !body.endsWith("/")) {
            throw bad(rule, "the payload regex '" + part + "' must be written /REGEX/ (or /REGEX/i)");
        }
        try {
            return Pattern.compile(body.substring(1, body.length() - 1), ignoreCase
                    ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        } catch (PatternSyntaxException e) {
            throw bad(rule, "the payload regex '" + part + "' is not a valid regular expression: "
                    + e.getDescription() + " near index " + e.getIndex());
        }
    }

    private static IllegalArgumentException bad(String rule, String why) {
        return new IllegalArgumentException("breakpoint '" + rule + "': " + why);
    }

    /** Whether this rule may hold messages of {@code from} on a connection to {@code url} with this opcode. */
    public boolean mayHold(Sender from, String url, Opcode opcode) {
        return sender.map(s -> s == from).orElse(true) && kind.admits(opcode)
                && (!opcode.isControl() || kind.namesControl()) && urlMatches(url);
    }

    /** Whether the message's (inflated) bytes match the payload regex; true when the rule has none. */
    public boolean payloadMatches(Opcode opcode, byte[] bytes) {
        if (payload.isEmpty()) {
            return true;
        }
        String text = new String(bytes, opcode == Opcode.TEXT ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return payload.get().matcher(text).find();
    }

    boolean urlMatches(String url) {
        if (urlGlob.equals("*")) {
            return true;
        }
        String subject = url;
        if (urlGlob.startsWith("/")) {
            int scheme = url.indexOf("://");
            int path = scheme < 0 ? url.indexOf('/') : url.indexOf('/', scheme + 3);
            subject = path < 0 ? "/" : url.substring(path);
        }
        return glob(urlGlob).matcher(subject).matches();
    }

    private static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    @Override
    public String toString() {
        return text;
    }
}
