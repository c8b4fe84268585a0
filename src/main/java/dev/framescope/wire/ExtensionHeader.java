package dev.framescope.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parser for Sec-WebSocket-Extensions (RFC 6455 §9.1):
 * {@code extension-list = 1#extension; extension = token *( ";" extension-param );
 * extension-param = token [ "=" (token | quoted-string) ]}. Never throws; a breach of the grammar is an
 * EXTENSION_HEADER_MALFORMED finding with the character offset, and the elements before it are kept.
 */
public final class ExtensionHeader {

    /** What was parsed and what was wrong. */
    public record Parsed(List<ExtensionOffer> offers, List<Finding> findings) {
        public Parsed {
            offers = List.copyOf(offers);
            findings = List.copyOf(findings);
        }

        public boolean ok() {
            return findings.isEmpty();
        }
    }

    private static final String SEPARATORS = "()<>@,;:\\\"/[]?={} \t";

    private final String s;
    private int i;

    private ExtensionHeader(String s) {
        this.s = s;
    }

    public static Parsed parse(String headerValue) {
        return new ExtensionHeader(headerValue).list();
    }

    /** Several header lines of the same name form one list (RFC 7230 §3.2.2). */
    public static Parsed parse(List<String> headerValues) {
        return parse(String.join(", ", headerValues));
    }

    public static boolean isToken(String text) {
        return !text.isEmpty() && text.chars().allMatch(ExtensionHeader::isTokenChar);
    }

    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && SEPARATORS.indexOf(c) < 0;
    }

    private Parsed list() {
        List<ExtensionOffer> offers = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        while (true) {
            skipOws();
            if (i >= s.length()) {
                break;
            }
            if (s.charAt(i) == ',') {
                i++;
                continue;
            }
            Optional<String> problem = extension(offers);
            if (problem.isPresent()) {
                findings.add(Finding.at(Violation.EXTENSION_HEADER_MALFORMED, -1,
                        problem.get() + " at character " + i + " of \"" + s + "\""));
                break;
            }
        }
        if (offers.isEmpty() && findings.isEmpty() && !s.isBlank()) {
            findings.add(Finding.at(Violation.EXTENSION_HEADER_MALFORMED, -1, "no extension in \"" + s + "\""));
        }
        return new Parsed(offers, findings);
    }

    private Optional<String> extension(List<ExtensionOffer> offers) {
        String name = token();
        if (name.isEmpty()) {
            return Optional.of("expected an extension name (token), found " + seen());
        }
        List<ExtensionOffer.Param> params = new ArrayList<>();
        while (true) {
            skipOws();
            if (i >= s.length() || s.charAt(i) == ',') {
                offers.add(new ExtensionOffer(name, params));
                return Optional.empty();
            }
            if (s.charAt(i) != ';') {
                return Optional.of("expected ';' or ',' after \"" + name + "\", found " + seen());
            }
            i++;
            skipOws();
            Optional<String> problem = param(params);
            if (problem.isPresent()) {
                return problem;
            }
        }
    }

    private Optional<String> param(List<ExtensionOffer.Param> params) {
        String name = token();
        if (name.isEmpty()) {
            return Optional.of("expected a parameter name (token), found " + seen());
        }
        skipOws();
        if (i >= s.length() || s.charAt(i) != '=') {
            params.add(new ExtensionOffer.Param(name, Optional.empty()));
            return Optional.empty();
        }
        i++;
        skipOws();
        if (i < s.length() && s.charAt(i) == '"') {
            return quoted(name, params);
        }
        String value = token();
        if (value.isEmpty()) {
            return Optional.of("expected a value for \"" + name + "\", found " + seen());
        }
        params.add(new ExtensionOffer.Param(name, Optional.of(value)));
        return Optional.empty();
    }

    private Optional<String> quoted(String name, List<ExtensionOffer.Param> params) {
        int start = i++;
        StringBuilder value = new StringBuilder();
        while (i < s.length() && s.charAt(i) != '"') {
            if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                i++;
            }
            value.append(s.charAt(i++));
        }
        if (i >= s.length()) {
            i = start;
            return Optional.of("unterminated quoted string for \"" + name + "\"");
        }
        i++;
        if (!isToken(value.toString())) {
            i = start;
            return Optional.of("the quoted value of \"" + name + "\" must be a token after unquoting (§9.1), not \""
                    + value + "\"");
        }
        params.add(new ExtensionOffer.Param(name, Optional.of(value.toString())));
        return Optional.empty();
    }

    private String token() {
        int start = i;
        while (i < s.length() && isTokenChar(s.charAt(i))) {
            i++;
        }
        return s.substring(start, i);
    }

    private void skipOws() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
    }

    private String seen() {
        return i >= s.length() ? "the end" : "'" + s.charAt(i) + "'";
    }
}
