package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.Secrets;
import dev.framescope.engine.ConnectionSpec.Header;
import dev.framescope.engine.io.TemplateTree;
import dev.framescope.engine.Variables.Variable;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each auth helper becomes the header field or query parameter it stands for, and names what exports must hide. */
class ConnectionTemplateTest {

    private final Variables vars = Variables.of(List.of(new Variable("host", "127.0.0.1:9", false),
            new Variable("token", "t0k", true), new Variable("pw", "pä ss", true)));

    private ConnectionTemplate.Resolved resolve(Auth auth) {
        return new ConnectionTemplate("ws://{{host}}/echo?x=1", List.of(new Header("X-Trace", "{{host}}")), auth)
                .resolve(vars);
    }

    @Test
    void bearerBecomesAnAuthorizationHeader() {
        ConnectionTemplate.Resolved r = resolve(new Auth.Bearer("{{token}}"));
        assertEquals("ws://127.0.0.1:9/echo?x=1", r.uri().toString());
        assertEquals(List.of(new Header("X-Trace", "127.0.0.1:9"), new Header("Authorization", "Bearer t0k")),
                r.headers());
        assertTrue(r.secrets().values().contains("t0k"));
        assertTrue(r.secrets().headerNames().contains("authorization"));
    }

    @Test
    void basicIsBase64OfUserColonPasswordInUtf8() {
        ConnectionTemplate.Resolved r = resolve(new Auth.Basic("ann", "{{pw}}"));
        String expected = java.util.Base64.getEncoder().encodeToString("ann:pä ss".getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(new Header("Authorization", "Basic " + expected), r.headers().get(1));
        assertTrue(r.secrets().values().containsAll(Set.of("pä ss", expected)));
        assertThrows(IllegalArgumentException.class, () -> resolve(new Auth.Basic("a:b", "c")));
    }

    @Test
    void anApiKeyGoesInTheHeaderItNames() {
        ConnectionTemplate.Resolved r = resolve(new Auth.ApiKey("X-Key", "{{token}}", Auth.Placement.HEADER));
        assertEquals(new Header("X-Key", "t0k"), r.headers().get(1));
        assertEquals(Set.of("x-key"), r.secrets().headerNames());
    }

    @Test
    void anApiKeyInTheQueryIsAppendedEncoded() {
        ConnectionTemplate.Resolved r = resolve(new Auth.ApiKey("k", "a b&c", Auth.Placement.QUERY));
        assertEquals("ws://127.0.0.1:9/echo?x=1&k=a%20b%26c", r.uri().toString());
        assertEquals(Set.of("k"), r.secrets().queryNames());
        assertTrue(r.secrets().values().containsAll(Set.of("a b&c", "a%20b%26c")));
        assertEquals("ws://h/?k=v", ConnectionTemplate.withQueryParameter("ws://h/", "k", "v"));
    }

    @Test
    void cookiesBecomeOneCookieHeader() {
        ConnectionTemplate.Resolved r = resolve(new Auth.Cookies(List.of(new Auth.Cookie("sid", "{{token}}"),
                Auth.Cookie.parse("theme=dark"))));
        assertEquals(new Header("Cookie", "sid=t0k; theme=dark"), r.headers().get(1));
    }

    @Test
    void anUndefinedVariableInTheAuthIsNamedWithItsField() {
        Variables.VariableException e = assertThrows(Variables.VariableException.class,
                () -> new ConnectionTemplate("ws://h/", List.of(), new Auth.Bearer("{{nope}}")).resolve(vars));
        assertEquals("undefined variable 'nope' used in the bearer token", e.getMessage());
    }

    @Test
    void appliedToASpecItKeepsTheOtherOptions() {
        ConnectionSpec base = ConnectionSpec.to("ws://placeholder/").withSubprotocols(List.of("chat"));
        ConnectionSpec spec = ConnectionTemplate.of("ws://{{host}}/").withAuth(new Auth.Bearer("x"))
                .applyTo(base, vars);
        assertEquals("ws://127.0.0.1:9/", spec.uri().toString());
        assertEquals(List.of("chat"), spec.subprotocols());
        assertEquals(List.of(new Header("Authorization", "Bearer x")), spec.headers());
    }

    @Test
    void theTreeLeavesLiteralSecretsOutButKeepsVariableReferences() {
        ConnectionTemplate literal = ConnectionTemplate.of("ws://h/").withAuth(new Auth.Basic("ann", "hunter2"));
        assertFalse(TemplateTree.toTree(literal, false).toString().contains("hunter2"));
        assertEquals(literal, TemplateTree.fromTree(TemplateTree.toTree(literal, true)));
        ConnectionTemplate ref = ConnectionTemplate.of("ws://h/").withAuth(new Auth.ApiKey("k", "{{token}}",
                Auth.Placement.QUERY));
        assertEquals(ref, TemplateTree.fromTree(TemplateTree.toTree(ref, false)));
    }

    @Test
    void theTreeMasksHandTypedSecretHeadersAndQueryTokens() {
        ConnectionTemplate t = new ConnectionTemplate("ws://h/?token=abc", List.of(
                new Header("Authorization", "Bearer abc"), new Header("X-Key", "{{k}}"), new Header("X-Plain", "p")),
                new Auth.ApiKey("X-Key", "{{k}}", Auth.Placement.HEADER));
        String tree = TemplateTree.toTree(t, false).toString();
        assertFalse(tree.contains("abc"), tree);
        assertTrue(tree.contains("{{k}}") && tree.contains("X-Plain, value=p"), tree);
        assertTrue(TemplateTree.toTree(t, true).toString().contains("Bearer abc"));
    }

    @Test
    void secretsAddUpAndKeepNamesWithoutValues() {
        Secrets a = new Secrets(Set.of("X-Key"), Set.of(), Set.of("v", ""));
        Secrets both = a.plus(new Secrets(Set.of(), Set.of("K"), Set.of("longer-v")));
        assertEquals(Set.of("x-key"), both.headerNames());
        assertEquals(List.of("longer-v", "v"), both.valuesLongestFirst());
        assertEquals(Set.of(), both.namesOnly().values());
    }
}
