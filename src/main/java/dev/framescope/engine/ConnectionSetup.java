package dev.framescope.engine;

import dev.framescope.capture.Setup;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole set-up of one connection as the session file's {@code setup} keeps it: the {@link ConnectionTemplate}
 * (URL, headers and auth helper as written), the {@link ConnectionOptions} (everything else the user chose) and the
 * environment its variables came from. Secret values are left out of the tree unless kept.
 */
public record ConnectionSetup(ConnectionTemplate template, ConnectionOptions options,
                              Optional<Environment> environment) implements Setup {

    public ConnectionSetup {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(environment, "environment");
    }

    /** A connection made from a plain spec: its URL and headers as they are, no auth helper, no environment. */
    public static ConnectionSetup of(ConnectionSpec spec) {
        return new ConnectionSetup(ConnectionTemplate.of(spec), ConnectionOptions.of(spec), Optional.empty());
    }

    @Override
    public Map<String, Object> tree(boolean keepSecrets) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("template", template.toTree(keepSecrets));
        tree.put("options", options.toTree(keepSecrets));
        environment.ifPresent(e -> tree.put("environment", e.toTree(keepSecrets)));
        return tree;
    }

    /**
     * What a log's setup says. Parts missing from an older file (or damaged) fall back: the template to
     * {@code label} (the URL the file names the connection by), the options to their defaults.
     */
    public static ConnectionSetup read(Setup setup, String label) {
        if (setup instanceof ConnectionSetup made) {
            return made;
        }
        Map<String, Object> tree = setup.tree(false);
        ConnectionTemplate template = ConnectionTemplate.of(label);
        if (tree.get("template") instanceof Map<?, ?> t) {
            try {
                template = ConnectionTemplate.fromTree(t);
            } catch (RuntimeException e) {
                // A damaged template: the label names the connection well enough.
            }
        }
        ConnectionOptions options = tree.get("options") instanceof Map<?, ?> o ? ConnectionOptions.fromTree(o)
                : ConnectionOptions.DEFAULTS;
        Optional<Environment> environment = Optional.empty();
        if (tree.get("environment") instanceof Map<?, ?> e) {
            try {
                environment = Optional.of(Environment.fromTree(e, "environment"));
            } catch (RuntimeException ex) {
                // A damaged environment is left out; the connection does not need it to be shown.
            }
        }
        return new ConnectionSetup(template, options, environment);
    }
}
