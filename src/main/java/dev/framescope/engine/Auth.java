package dev.framescope.engine;

import java.util.List;
import java.util.Objects;

/**
 * How a connection authenticates in its upgrade request. Every field may hold {@code {{variables}}}; the credential
 * fields (token, password, key value, cookie values) are secrets: kept out of session files and exports, masked on
 * screen. {@link ConnectionTemplate} turns an auth into header fields or query parameters at connect time.
 */
public sealed interface Auth {

    /** No auth helper (headers typed by hand still go out). */
    record None() implements Auth {
    }

    /** {@code Authorization: Bearer <token>} (RFC 6750 §2.1). */
    record Bearer(String token) implements Auth {
        public Bearer {
            Objects.requireNonNull(token, "token");
        }
    }

    /** {@code Authorization: Basic base64(user:password)} (RFC 7617 §2), UTF-8 as browsers send it. */
    record Basic(String user, String password) implements Auth {
        public Basic {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }
    }

    /** Where an API key goes. */
    enum Placement { HEADER, QUERY }

    /** An API key as a header field {@code name: value} or a query parameter {@code name=value}. */
    record ApiKey(String name, String value, Placement placement) implements Auth {
        public ApiKey {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(placement, "placement");
        }
    }

    /** One cookie of a {@code Cookie} header field (RFC 6265 §5.4). */
    record Cookie(String name, String value) {
        public Cookie {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        /** Parses "name=value". */
        public static Cookie parse(String text) {
            int eq = text.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("a cookie is 'name=value', not '" + text + "'");
            }
            return new Cookie(text.substring(0, eq).trim(), text.substring(eq + 1).trim());
        }
    }

    /** {@code Cookie: a=1; b=2}. */
    record Cookies(List<Cookie> cookies) implements Auth {
        public Cookies {
            cookies = List.copyOf(cookies);
        }
    }

    Auth NONE = new None();

    /** The short name the dialog, the CLI and the session file use. */
    default String kind() {
        if (this instanceof Bearer) {
            return "bearer";
        }
        if (this instanceof Basic) {
            return "basic";
        }
        if (this instanceof ApiKey) {
            return "api-key";
        }
        if (this instanceof Cookies) {
            return "cookies";
        }
        return "none";
    }
}
