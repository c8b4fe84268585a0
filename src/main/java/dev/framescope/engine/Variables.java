package dev.framescope.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The variables a connection may use, and the resolver of their {@code {{name}}} references in URLs, header values
 * and composer messages. A value may itself refer to other variables (resolved in turn; a cycle is an error).
 * {@code \{{} stands for a literal {@code {{}. An undefined or unclosed reference is an error that names the
 * variable and where it was used: a literal {@code {{x}}} is never sent silently.
 */
public final class Variables {

    /** One named value; a secret one is kept out of session files and exports and masked on screen. */
    public record Variable(String name, String value, boolean secret) {
        public Variable {
            requireName(name);
        }
    }

    /** What a reference to a variable failed on; the message says which variable and where. */
    public static final class VariableException extends IllegalArgumentException {
        private final String variable;
        private final String where;

        VariableException(String message, String variable, String where) {
            super(message);
            this.variable = variable;
            this.where = where;
        }

        public String variable() {
            return variable;
        }

        public String where() {
            return where;
        }
    }

    public static final Variables NONE = new Variables(List.of());

    private static final int DEEPEST = 16;

    private final Map<String, Variable> byName;

    private Variables(List<Variable> variables) {
        Map<String, Variable> map = new LinkedHashMap<>();
        variables.forEach(v -> map.put(v.name(), v));
        this.byName = Map.copyOf(map);
    }

    /** Later entries win over earlier ones with the same name (e.g. {@code --var} over {@code --env}). */
    public static Variables of(List<Variable> variables) {
        return new Variables(variables);
    }

    public Variables with(Variable v) {
        List<Variable> all = new ArrayList<>(byName.values());
        all.add(v);
        return new Variables(all);
    }

    public Optional<Variable> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<Variable> all() {
        return List.copyOf(byName.values());
    }

    /** The values of secret variables, for the redactor (empty values hide nothing and are left out). */
    public Set<String> secretValues() {
        Set<String> values = new LinkedHashSet<>();
        byName.values().stream().filter(Variable::secret).map(Variable::value).filter(v -> !v.isEmpty())
                .forEach(values::add);
        return values;
    }

    /**
     * The text with every {@code {{name}}} replaced by its value.
     *
     * @param where what the text is, for the error message: "the URL", "header Authorization", "the message"
     * @throws VariableException naming the undefined variable, the cycle, or the unclosed reference
     */
    public String resolve(String text, String where) {
        return resolve(text, where, new ArrayList<>());
    }

    /** True when the text refers to at least one variable (escaped braces do not count). */
    public static boolean hasReferences(String text) {
        for (int i = 0; i + 1 < text.length(); i++) {
            if (text.charAt(i) == '\\' && text.startsWith("{{", i + 1)) {
                i += 2;
            } else if (text.startsWith("{{", i)) {
                return true;
            }
        }
        return false;
    }

    private String resolve(String text, String where, List<String> chain) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '\\' && text.startsWith("{{", i + 1)) {
                out.append("{{");
                i += 3;
                continue;
            }
            if (!text.startsWith("{{", i)) {
                out.append(text.charAt(i++));
                continue;
            }
            int close = text.indexOf("}}", i + 2);
            if (close < 0) {
                throw new VariableException("unclosed '{{' at character " + (i + 1) + " of " + where
                        + " (write \\{{ for a literal '{{')", "", where);
            }
            String name = text.substring(i + 2, close).trim();
            out.append(value(name, where, chain));
            i = close + 2;
        }
        return out.toString();
    }

    private String value(String name, String where, List<String> chain) {
        if (!validName(name)) {
            throw new VariableException("'{{" + name + "}}' in " + where + " is not a variable name (letters, digits, "
                    + "'_', '-', '.')", name, where);
        }
        if (chain.contains(name)) {
            throw new VariableException("variable '" + name + "' refers to itself (" + String.join(" → ", chain)
                    + " → " + name + "), used in " + where, name, where);
        }
        Variable v = byName.get(name);
        if (v == null) {
            String via = chain.isEmpty() ? "" : " (through " + String.join(" → ", chain) + ")";
            throw new VariableException("undefined variable '" + name + "' used in " + where + via, name, where);
        }
        if (chain.size() >= DEEPEST) {
            throw new VariableException("variables nested deeper than " + DEEPEST + " at '" + name + "' in " + where,
                    name, where);
        }
        chain.add(name);
        String resolved = resolve(v.value(), where, chain);
        chain.remove(chain.size() - 1);
        return resolved;
    }

    static boolean validName(String name) {
        return name.matches("[A-Za-z0-9_.-]+");
    }

    private static void requireName(String name) {
        if (name == null || !validName(name)) {
            throw new IllegalArgumentException("a variable name is letters, digits, '_', '-' or '.', not '" + name
                    + "'");
        }
    }
}
