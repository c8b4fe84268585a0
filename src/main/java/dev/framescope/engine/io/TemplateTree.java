package dev.framescope.engine.io;

import dev.framescope.capture.io.Redactor;
import dev.framescope.engine.Auth;
import dev.framescope.engine.ConnectionSpec.Header;
import dev.framescope.engine.ConnectionTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@link ConnectionTemplate} as a tree of plain maps and lists for the session file ({@code setup.template}): the URL
 * (its secret query values masked), the header fields (secret values masked) and the auth helper, secrets only when
 * kept.
 */
public final class TemplateTree {

    private TemplateTree() {
    }

    /** As a tree for the session file; secret fields (token, password, key value, cookie values) left out unless kept. */
    public static Map<String, Object> toTree(ConnectionTemplate template, boolean keepSecrets) {
        String url = template.url();
        Auth auth = template.auth();
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("url", keepSecrets ? url : Redactor.url(url));
        Set<String> secretNames = new LinkedHashSet<>();
        if (auth instanceof Auth.ApiKey k && k.placement() == Auth.Placement.HEADER) {
            secretNames.add(k.name().toLowerCase(Locale.ROOT));
        }
        List<Object> fields = new ArrayList<>();
        for (Header h : template.headers()) {
            boolean secret = Redactor.isSecretHeader(h.name())
                    || secretNames.contains(h.name().toLowerCase(Locale.ROOT));
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("name", h.name());
            // A header typed by hand, e.g. "Authorization: Bearer abc", is as secret as the auth helper's.
            field.put("value", secret && !keepSecrets && !AuthTree.isOnlyReference(h.value()) ? Redactor.MASK
                    : h.value());
            fields.add(field);
        }
        tree.put("headers", fields);
        tree.put("auth", AuthTree.toTree(auth, keepSecrets));
        return tree;
    }

    /** Reads {@link #toTree}'s shape; missing parts are empty. */
    public static ConnectionTemplate fromTree(Map<?, ?> tree) {
        List<Header> fields = new ArrayList<>();
        if (tree.get("headers") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    fields.add(new Header(text(m.get("name")), text(m.get("value"))));
                }
            }
        }
        Auth auth = tree.get("auth") instanceof Map<?, ?> m ? AuthTree.fromTree(m) : Auth.NONE;
        return new ConnectionTemplate(text(tree.get("url")), fields, auth);
    }

    static String text(Object o) {
        return o == null ? "" : String.valueOf(o);
    }
}
