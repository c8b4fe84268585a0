package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.engine.Variables.Variable;
import dev.framescope.engine.Variables.VariableException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code {{name}}} resolver: plain, nested, escaped, undefined, cyclic, unclosed, secrets. */
class VariablesTest {

    private final Variables vars = Variables.of(List.of(
            new Variable("host", "127.0.0.1:9001", false),
            new Variable("base", "ws://{{host}}", false),
            new Variable("token", "s3cr3t", true),
            new Variable("empty", "", true)));

    @Test
    void replacesEveryReferenceAndTrimsSpacesInsideBraces() {
        assertEquals("ws://127.0.0.1:9001/echo?t=s3cr3t", vars.resolve("ws://{{host}}/echo?t={{ token }}", "the URL"));
    }

    @Test
    void resolvesValuesThatReferToOtherVariables() {
        assertEquals("ws://127.0.0.1:9001/x", vars.resolve("{{base}}/x", "the URL"));
    }

    @Test
    void backslashEscapesALiteralOpeningBrace() {
        assertEquals("{\"a\":\"{{token}}\"} s3cr3t", vars.resolve("{\"a\":\"\\{{token}}\"} {{token}}", "the message"));
        assertFalse(Variables.hasReferences("\\{{token}}"));
        assertTrue(Variables.hasReferences("a {{token}}"));
    }

    @Test
    void anUndefinedVariableIsNamedWithWhereItIsUsed() {
        VariableException e = assertThrows(VariableException.class,
                () -> vars.resolve("Bearer {{missing}}", "header Authorization"));
        assertEquals("undefined variable 'missing' used in header Authorization", e.getMessage());
        assertEquals("missing", e.variable());
    }

    @Test
    void anUndefinedVariableReachedThroughAnotherNamesTheChain() {
        Variables v = Variables.of(List.of(new Variable("a", "{{b}}", false)));
        VariableException e = assertThrows(VariableException.class, () -> v.resolve("{{a}}", "the URL"));
        assertEquals("undefined variable 'b' used in the URL (through a)", e.getMessage());
    }

    @Test
    void aCycleIsAnErrorNotAHang() {
        Variables v = Variables.of(List.of(new Variable("a", "{{b}}", false), new Variable("b", "x{{a}}", false)));
        VariableException e = assertThrows(VariableException.class, () -> v.resolve("{{a}}", "the URL"));
        assertEquals("variable 'a' refers to itself (a → b → a), used in the URL", e.getMessage());
    }

    @Test
    void anUnclosedReferenceIsAnErrorNotALiteral() {
        VariableException e = assertThrows(VariableException.class, () -> vars.resolve("ab {{token", "the message"));
        assertTrue(e.getMessage().startsWith("unclosed '{{' at character 4 of the message"), e.getMessage());
        assertThrows(VariableException.class, () -> vars.resolve("{{two words}}", "the URL"));
    }

    @Test
    void secretValuesAreListedEmptyOnesLeftOutAndLaterDefinitionsWin() {
        assertEquals(Set.of("s3cr3t"), vars.secretValues());
        Variables overridden = vars.with(new Variable("token", "other", true));
        assertEquals("other", overridden.resolve("{{token}}", "x"));
        assertEquals(Set.of("other"), overridden.secretValues());
    }

    @Test
    void anEnvironmentTreeLeavesSecretValuesOutUnlessKept() {
        Environment env = new Environment("staging", vars.all());
        Map<String, Object> tree = env.toTree(false);
        assertFalse(tree.toString().contains("s3cr3t"), tree.toString());
        assertTrue(tree.toString().contains("token"), tree.toString());
        Environment back = Environment.fromTree(tree, "x");
        assertEquals("staging", back.name());
        assertEquals("", back.asVariables().get("token").orElseThrow().value());
        assertTrue(back.asVariables().get("token").orElseThrow().secret());
        assertEquals(env, Environment.fromTree(env.toTree(true), "x"));
    }

    @Test
    void environmentsResolveAgainstTheActiveOne() {
        Environments envs = new Environments(List.of(
                new Environment("local", List.of(new Variable("host", "localhost", false))),
                new Environment("staging", List.of(new Variable("host", "staging.example", false)))),
                java.util.Optional.of("staging"));
        assertEquals("staging.example", envs.variables().resolve("{{host}}", "x"));
        assertEquals("localhost", envs.withActive(java.util.Optional.of("local")).variables().resolve("{{host}}", "x"));
        assertEquals(envs, Environments.fromTree(envs.toTree(true)));
        assertThrows(IllegalArgumentException.class, () -> envs.withActive(java.util.Optional.of("prod")));
    }
}
