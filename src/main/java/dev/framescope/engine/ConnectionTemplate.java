package dev.framescope.engine;

import dev.framescope.capture.Secrets;
import dev.framescope.engine.ConnectionSpec.Header;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the user wrote for a connection's target, before variables: the URL and header values as text with
 * {@code {{variables}}}, and an {@link Auth} helper. The UI and the session file keep this (the file's shape is
 * {@code engine.io.TemplateTree}); {@link #resolve} turns it into the URL and header fields the engine sends, plus
 * what the exports must hide ({@link Secrets}).
 */
public record ConnectionTemplate(String url, List<Header> headers, Auth auth) {

    /** The template resolved against variables: exactly what goes on the wire, and what exports must hide. */
    public record Resolved(URI uri, List<Header> headers, Secrets secrets) {
        public Resolved {
            headers = List.copyOf(headers);
        }
    }

    public ConnectionTemplate {
        Objects.requireNonNull(url, "url");
        headers = List.copyOf(headers);
        Objects.requireNonNull(auth, "auth");
    }

    public static ConnectionTemplate of(String url) {
        return new ConnectionTemplate(url, List.of(), Auth.NONE);
    }

    /** The template of a plain spec (no variables, no auth helper): its URL and headers as they are. */
    public static ConnectionTemplate of(ConnectionSpec spec) {
        return new ConnectionTemplate(spec.uri().toString(), spec.headers(), Auth.NONE);
    }

    public ConnectionTemplate withHeaders(List<Header> fields) {
        return new ConnectionTemplate(url, fields, auth);
    }

    public ConnectionTemplate withAuth(Auth helper) {
        return new ConnectionTemplate(url, headers, helper);
    }

    /**
     * Resolves every variable and applies the auth helper.
     *
     * @throws Variables.VariableException naming an undefined variable and where it is used
     * @throws IllegalArgumentException    when the resolved URL is not a URL
     */
    public Resolved resolve(Variables vars) {
        String target = vars.resolve(url, "the URL");
        List<Header> fields = new ArrayList<>();
        for (Header h : headers) {
            String name = vars.resolve(h.name(), "a header name");
            fields.add(new Header(name, vars.resolve(h.value(), "header " + name)));
        }
        Set<String> headerNames = new LinkedHashSet<>();
        Set<String> queryNames = new LinkedHashSet<>();
        Set<String> values = new LinkedHashSet<>(vars.secretValues());
        values.addAll(vars.secretValues().stream().map(ConnectionTemplate::encode).toList());
        if (auth instanceof Auth.Bearer b) {
            String token = vars.resolve(b.token(), "the bearer token");
            fields.add(new Header("Authorization", "Bearer " + token));
            headerNames.add("Authorization");
            values.add(token);
        } else if (auth instanceof Auth.Basic b) {
            String user = vars.resolve(b.user(), "the Basic user");
            String password = vars.resolve(b.password(), "the Basic password");
            if (user.contains(":")) {
                throw new IllegalArgumentException("a Basic user name cannot contain ':' (RFC 7617 §2): '" + user
                        + "'");
            }
            String credentials = Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            fields.add(new Header("Authorization", "Basic " + credentials));
            headerNames.add("Authorization");
            values.add(password);
            values.add(credentials);
        } else if (auth instanceof Auth.ApiKey k) {
            String name = vars.resolve(k.name(), "the API key name");
            String value = vars.resolve(k.value(), "the API key value");
            if (name.isBlank()) {
                throw new IllegalArgumentException("the API key needs a " + (k.placement() == Auth.Placement.HEADER
                        ? "header" : "query parameter") + " name");
            }
            if (k.placement() == Auth.Placement.HEADER) {
                fields.add(new Header(name, value));
                headerNames.add(name);
            } else {
                target = withQueryParameter(target, name, value);
                queryNames.add(name);
                values.add(encode(value));
            }
            values.add(value);
        } else if (auth instanceof Auth.Cookies c && !c.cookies().isEmpty()) {
            List<String> pairs = new ArrayList<>();
            for (Auth.Cookie cookie : c.cookies()) {
                String value = vars.resolve(cookie.value(), "cookie " + cookie.name());
                pairs.add(vars.resolve(cookie.name(), "a cookie name") + "=" + value);
                values.add(value);
            }
            fields.add(new Header("Cookie", String.join("; ", pairs)));
            headerNames.add("Cookie");
        }
        return new Resolved(uri(target), fields, new Secrets(headerNames, queryNames, values));
    }

    /** The spec to connect with: {@code base}'s options with this template's resolved URL and header fields. */
    public ConnectionSpec applyTo(ConnectionSpec base, Variables vars) {
        Resolved r = resolve(vars);
        return base.withUri(r.uri()).withHeaders(r.headers());
    }

    /** The spec to connect with: this template's resolved URL and header fields with {@code options}. */
    public ConnectionSpec spec(ConnectionOptions options, Variables vars) {
        Resolved r = resolve(vars);
        return options.applyTo(ConnectionSpec.to(r.uri()).withHeaders(r.headers()));
    }

    /** Appends {@code name=value} (percent-encoded) to the URL's query, before any fragment. */
    static String withQueryParameter(String url, String name, String value) {
        int hash = url.indexOf('#');
        String head = hash < 0 ? url : url.substring(0, hash);
        String tail = hash < 0 ? "" : url.substring(hash);
        String separator = !head.contains("?") ? "?" : head.endsWith("?") || head.endsWith("&") ? "" : "&";
        return head + separator + encode(name) + "=" + encode(value) + tail;
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static URI uri(String text) {
        try {
            return new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the URL '" + text + "' is not valid: " + e.getReason()
                    + " at character " + (e.getIndex() + 1), e);
        }
    }
}
