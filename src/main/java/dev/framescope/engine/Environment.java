package dev.framescope.engine;

import dev.framescope.engine.Variables.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named set of variables, e.g. "local" or "staging". As a tree (plain maps and lists, for the session file and the
 * environment files): {@code {"name": "staging", "variables": [{"name": "token", "value": "…", "secret": true}]}};
 * without secrets, a secret variable keeps its name and flag but no value.
 */
public record Environment(String name, List<Variable> variables) {

    public Environment {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an environment needs a name");
        }
        variables = List.copyOf(variables);
    }

    public static Environment empty(String name) {
        return new Environment(name, List.of());
    }

    public Variables asVariables() {
        return Variables.of(variables);
    }

    /** This environment as a tree; secret values are left out unless {@code keepSecrets}. */
    public Map<String, Object> toTree(boolean keepSecrets) {
        List<Object> vars = new ArrayList<>();
        for (Variable v : variables) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("name", v.name());
            if (!v.secret() || keepSecrets) {
                node.put("value", v.value());
            }
            node.put("secret", v.secret());
            vars.add(node);
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("name", name);
        tree.put("variables", vars);
        return tree;
    }

    /**
     * Reads {@link #toTree}'s shape, or a flat object of names to values (all not secret). A secret variable whose
     * value was left out reads back with an empty value.
     */
    public static Environment fromTree(Map<?, ?> tree, String defaultName) {
        Object name = tree.get("name");
        Object vars = tree.get("variables");
        List<Variable> variables = new ArrayList<>();
        if (vars instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> v)) {
                    throw new IllegalArgumentException("a variable is an object with name, value and secret, not "
                            + item);
                }
                variables.add(new Variable(String.valueOf(v.get("name")),
                        v.get("value") == null ? "" : String.valueOf(v.get("value")),
                        Boolean.TRUE.equals(v.get("secret"))));
            }
        } else {
            for (Map.Entry<?, ?> e : tree.entrySet()) {
                if (e.getKey().equals("name") && name instanceof String) {
                    continue;
                }
                variables.add(new Variable(String.valueOf(e.getKey()), String.valueOf(e.getValue()), false));
            }
        }
        return new Environment(name instanceof String s && !s.isBlank() ? s : defaultName, variables);
    }
}
