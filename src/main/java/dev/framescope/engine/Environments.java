package dev.framescope.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Several environments with at most one active; connections and the composer resolve variables against the active
 * one. As a tree: {@code {"active": "local", "environments": [ … ]}}.
 */
public record Environments(List<Environment> all, Optional<String> active) {

    public static final Environments NONE = new Environments(List.of(), Optional.empty());

    public Environments {
        all = List.copyOf(all);
        if (active.isPresent() && all.stream().noneMatch(e -> e.name().equals(active.get()))) {
            throw new IllegalArgumentException("the active environment '" + active.get() + "' is not one of "
                    + all.stream().map(Environment::name).toList());
        }
    }

    public Optional<Environment> activeEnvironment() {
        return active.flatMap(name -> all.stream().filter(e -> e.name().equals(name)).findFirst());
    }

    /** The active environment's variables, or none. */
    public Variables variables() {
        return activeEnvironment().map(Environment::asVariables).orElse(Variables.NONE);
    }

    public Environments withActive(Optional<String> name) {
        return new Environments(all, name);
    }

    public Map<String, Object> toTree(boolean keepSecrets) {
        Map<String, Object> tree = new LinkedHashMap<>();
        active.ifPresent(a -> tree.put("active", a));
        List<Object> list = new ArrayList<>();
        all.forEach(e -> list.add(e.toTree(keepSecrets)));
        tree.put("environments", list);
        return tree;
    }

    public static Environments fromTree(Map<?, ?> tree) {
        List<Environment> list = new ArrayList<>();
        if (tree.get("environments") instanceof List<?> items) {
            int n = 0;
            for (Object item : items) {
                n++;
                if (item instanceof Map<?, ?> m) {
                    list.add(Environment.fromTree(m, "environment " + n));
                }
            }
        }
        Optional<String> active = tree.get("active") instanceof String s
                && list.stream().anyMatch(e -> e.name().equals(s)) ? Optional.of(s) : Optional.empty();
        return new Environments(list, active);
    }
}
