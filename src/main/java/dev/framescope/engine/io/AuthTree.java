package dev.framescope.engine.io;

import dev.framescope.engine.Auth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@link Auth} as a tree of plain maps for the session file; secret fields only when kept. */
final class AuthTree {

    private AuthTree() {
    }

    static Map<String, Object> toTree(Auth auth, boolean keepSecrets) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("type", auth.kind());
        if (auth instanceof Auth.Bearer b) {
            secret(t, "token", b.token(), keepSecrets);
        } else if (auth instanceof Auth.Basic b) {
            t.put("user", b.user());
            secret(t, "password", b.password(), keepSecrets);
        } else if (auth instanceof Auth.ApiKey k) {
            t.put("name", k.name());
            secret(t, "value", k.value(), keepSecrets);
            t.put("in", k.placement().name().toLowerCase(Locale.ROOT));
        } else if (auth instanceof Auth.Cookies c) {
            List<Object> cookies = new ArrayList<>();
            for (Auth.Cookie cookie : c.cookies()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", cookie.name());
                secret(m, "value", cookie.value(), keepSecrets);
                cookies.add(m);
            }
            t.put("cookies", cookies);
        }
        return t;
    }

    /**
     * A secret field is written only when kept; a reference to a variable ({@code {{token}}}) is not itself a secret
     * (the variable's value is), so it is always written.
     */
    private static void secret(Map<String, Object> t, String key, String value, boolean keepSecrets) {
        if (keepSecrets || isOnlyReference(value)) {
            t.put(key, value);
        }
    }

    static boolean isOnlyReference(String value) {
        return value.strip().matches("\\{\\{\\s*[A-Za-z0-9_.-]+\\s*}}");
    }

    static Auth fromTree(Map<?, ?> t) {
        String type = TemplateTree.text(t.get("type"));
        return switch (type) {
            case "bearer" -> new Auth.Bearer(TemplateTree.text(t.get("token")));
            case "basic" -> new Auth.Basic(TemplateTree.text(t.get("user")),
                    TemplateTree.text(t.get("password")));
            case "api-key" -> new Auth.ApiKey(TemplateTree.text(t.get("name")),
                    TemplateTree.text(t.get("value")),
                    "query".equals(t.get("in")) ? Auth.Placement.QUERY : Auth.Placement.HEADER);
            case "cookies" -> {
                List<Auth.Cookie> cookies = new ArrayList<>();
                if (t.get("cookies") instanceof List<?> list) {
                    for (Object o : list) {
                        if (o instanceof Map<?, ?> m) {
                            cookies.add(new Auth.Cookie(TemplateTree.text(m.get("name")),
                                    TemplateTree.text(m.get("value"))));
                        }
                    }
                }
                yield new Auth.Cookies(cookies);
            }
            default -> Auth.NONE;
        };
    }
}
