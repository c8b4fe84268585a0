package dev.framescope.engine.io;

import dev.framescope.capture.SetupTree;
import dev.framescope.engine.ConnectionOptions;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.ConnectionTemplate;
import dev.framescope.engine.Environment;
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
                              Optional<Environment> environment) implements SetupTree {

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
        tree.put("template", TemplateTree.toTree(template, keepSecrets));
        tree.put("options", OptionsTree.toTree(options, keepSecrets));
        environment.ifPresent(e -> tree.put("environment", e.toTree(keepSecrets)));
        return tree;
    }

    /**
     * What a log's setup says. Parts missing from an older file (or damaged) fall back: the template to
     * {@code label} (the URL the file names the connection by), the options to their defaults.
     */
    public static ConnectionSetup read(SetupTree setup, String label) {
        if (setup instanceof ConnectionSetup made) {
            return made;
        }
        Map<String, Object> tree = setup.tree(false);
        ConnectionTemplate template = ConnectionTemplate.of(label);
        if (tree.get("template") instanceof Map<?, ?> t) {
            try {
                template = TemplateTree.fromTree(t);
            } catch (RuntimeException e) {
                // A damaged template: the label names the connection well enough.
            }
        }
        ConnectionOptions options = tree.get("options") instanceof Map<?, ?> o ? OptionsTree.fromTree(o)
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
