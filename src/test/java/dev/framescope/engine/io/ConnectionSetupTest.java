package dev.framescope.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.ConnectionState;
import dev.framescope.capture.PayloadStore;
import dev.framescope.capture.io.Exports;
import dev.framescope.capture.io.SessionReader;
import dev.framescope.capture.io.SessionWriter;
import dev.framescope.engine.Auth;
import dev.framescope.engine.ConnectionOptions;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.ConnectionTemplate;
import dev.framescope.engine.HeartbeatPolicy;
import dev.framescope.engine.PongMode;
import dev.framescope.engine.ProtocolMode;
import dev.framescope.engine.ReconnectPolicy;
import dev.framescope.engine.TlsOptions;
import dev.framescope.engine.Variables;
import dev.framescope.engine.ConnectionSpec.Header;
import dev.framescope.engine.HeartbeatPolicy.OnMissed;
import java.lang.reflect.RecordComponent;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session file keeps a connection's whole set-up — template and every option of its {@link ConnectionSpec} — so
 * a loaded session connects again as it was made; the key store's password only when secrets are kept.
 */
class ConnectionSetupTest {

    private static final String PASSWORD = "k3yst0re-pw";

    @TempDir
    Path dir;

    /** Every component of the spec differs from {@link ConnectionSpec#to}'s default (checked below). */
    private static ConnectionSpec everything() {
        return new ConnectionSpec(URI.create("wss://example.test:8443/feed?x=1"), List.of(new Header("X-Trace", "7")),
                new ConnectionOptions(List.of("graphql-transport-ws", "v2.chat"),
                List.of("permessage-deflate; server_no_context_takeover; client_max_window_bits=10",
                        "x-webkit-deflate-frame"),
                Optional.of("https://app.example.test"), Duration.ofMillis(2500), Duration.ofMillis(7250),
                new TlsOptions(Optional.of(Path.of("/etc/framescope/extra-ca.pem")),
                        Optional.of(Path.of("/home/ann/client.p12")), PASSWORD.toCharArray(), true),
                Optional.of(InetSocketAddress.createUnresolved("proxy.example.test", 3128)),
                new HeartbeatPolicy(Duration.ofMillis(1500), Duration.ofMillis(4500), "probe-", OnMissed.RECONNECT,
                        new PongMode.Delayed(Duration.ofMillis(800))),
                new ReconnectPolicy(true, Duration.ofMillis(250), 1.5, Duration.ofSeconds(8), 7), 1_048_576L,
                ProtocolMode.OBSERVE));
    }

    /** The spec's components and its options' components, each with how to read it from a spec. */
    private static Map<String, Function<ConnectionSpec, Object>> components() {
        Map<String, Function<ConnectionSpec, Object>> all = new LinkedHashMap<>();
        for (RecordComponent c : ConnectionSpec.class.getRecordComponents()) {
            all.put(c.getName(), s -> invoke(c, s));
        }
        for (RecordComponent c : ConnectionOptions.class.getRecordComponents()) {
            all.put("options." + c.getName(), s -> invoke(c, s.options()));
        }
        return all;
    }

    private static Object invoke(RecordComponent c, Object on) {
        try {
            return c.getAccessor().invoke(on);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private Path save(ConnectionSpec spec, boolean keepSecrets) throws Exception {
        CaptureLog log = new CaptureLog(1, spec.uri().toString(), new PayloadStore(1 << 20));
        ConnectionSetup setup = ConnectionSetup.of(spec);
        log.learn(setup.options().secrets());
        log.setSetup(setup);
        log.append(log.nanoAnchor() + 1, s -> new CaptureEvent.StateEvent(s, ConnectionState.FAILED,
                "the key store said " + PASSWORD));
        Path file = dir.resolve(keepSecrets ? "kept.fscap" : "redacted.fscap");
        try (SessionWriter w = new SessionWriter(file, keepSecrets)) {
            w.write(log, log.readFrom(0, log.size()));
        }
        return file;
    }

    private static CaptureLog load(Path file) throws Exception {
        SessionReader.Loaded loaded = SessionReader.read(file, 1 << 20);
        assertEquals(List.of(), loaded.problems());
        return loaded.logs().get(0);
    }

    private static ConnectionSpec reconnectSpec(CaptureLog back) {
        ConnectionSetup setup = ConnectionSetup.read(back.setup(), back.label());
        return setup.template().spec(setup.options(), Variables.NONE);
    }

    @Test
    void theFixtureSetsEveryComponentOfTheSpec() throws Exception {
        ConnectionSpec spec = everything();
        ConnectionSpec defaults = ConnectionSpec.to(spec.uri());
        components().forEach((name, read) -> {
            if (!name.equals("uri") && !name.equals("options")) {
                assertNotEquals(read.apply(defaults), read.apply(spec),
                        name + " is left at its default, so the round trip would not test it");
            }
        });
    }

    @Test
    void everyFieldOfTheSpecComesBackFromAFileSavedWithSecrets() throws Exception {
        ConnectionSpec spec = everything();
        ConnectionSpec back = reconnectSpec(load(save(spec, true)));
        components().forEach((name, read) -> assertEquals(read.apply(spec), read.apply(back), name));
        assertArrayEquals(PASSWORD.toCharArray(), back.tls().clientKeyStorePassword());
        assertEquals(spec, back);
    }

    @Test
    void withoutSecretsTheKeyStorePasswordIsLeftOutAndEverythingElseComesBack() throws Exception {
        ConnectionSpec spec = everything();
        Path file = save(spec, false);
        String text = Files.readString(file);
        assertFalse(text.contains(PASSWORD), text);
        JsonNode tls = new ObjectMapper().readTree(Files.readAllLines(file).get(1)).path("setup").path("options")
                .path("tls");
        assertEquals("/etc/framescope/extra-ca.pem", tls.path("caFile").asText());
        assertEquals("/home/ann/client.p12", tls.path("clientKeyStore").asText());
        assertTrue(tls.path("insecure").asBoolean(), tls.toString());
        assertFalse(tls.has("clientKeyStorePassword"), tls.toString());

        ConnectionSpec back = reconnectSpec(load(file));
        assertEquals(0, back.tls().clientKeyStorePassword().length, "the password must be typed again");
        assertEquals(spec.tls().clientKeyStore(), back.tls().clientKeyStore());
        assertTrue(back.tls().insecure());
        assertEquals(spec.withTls(back.tls()), back, "every other field as it was");
    }

    @Test
    void aBearerTokenCarriedInAKubernetesSubprotocolIsASecret() throws Exception {
        String token = "ZXlKaGJHY2lPaUpTVXpJMU5pSXNJbXRwWkNJNklr";
        ConnectionSpec spec = ConnectionSpec.to(URI.create("wss://k8s.example.test/api/v1/exec"))
                .withSubprotocols(List.of("v4.channel.k8s.io", "base64url.bearer.authorization.k8s.io." + token));
        assertEquals(java.util.Set.of(token), ConnectionOptions.of(spec).secrets().values());

        CaptureLog log = new CaptureLog(1, spec.uri().toString(), new PayloadStore(1 << 20));
        ConnectionSetup setup = ConnectionSetup.of(spec);
        log.learn(setup.options().secrets());
        log.setSetup(setup);
        log.append(log.nanoAnchor() + 1, s -> new CaptureEvent.HandshakeEvent(s, ("GET /api/v1/exec HTTP/1.1\r\n"
                + "Sec-WebSocket-Protocol: v4.channel.k8s.io, base64url.bearer.authorization.k8s.io." + token
                + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), new byte[0], new byte[0], 0,
                "", Optional.empty(), Optional.empty(), "", "", List.of()));
        Path file = dir.resolve("k8s.fscap");
        try (SessionWriter w = new SessionWriter(file, false)) {
            w.write(log, log.readFrom(0, log.size()));
        }
        String text = Files.readString(file);
        assertFalse(text.contains(token), text);
        assertTrue(text.contains("base64url.bearer.authorization.k8s.io.[redacted]"), text);
        java.io.ByteArrayOutputStream har = new java.io.ByteArrayOutputStream();
        Exports.write(Exports.Format.HAR, List.of(log), false, har);
        assertTrue(har.toString().contains("base64url.bearer.authorization.k8s.io."), har.toString());
        assertFalse(har.toString().contains(token), har.toString());
    }

    @Test
    void aFileSavedWithSecretsStillHidesThePasswordInExports() throws Exception {
        CaptureLog back = load(save(everything(), true));
        assertTrue(back.secrets().values().contains(PASSWORD), "the file's redact rules name it");
        String text = Exports.eventsAsString(Exports.Format.TEXT, back, back.readFrom(0, back.size()), false);
        assertTrue(text.contains("the key store said"), text);
        assertFalse(text.contains(PASSWORD), text);
    }

    @Test
    void aFileWrittenBeforeOptionsWereKeptLoadsWithTheTemplateAndDefaultOptions() throws Exception {
        Path file = dir.resolve("old.fscap");
        Files.writeString(file, "{\"format\":\"framescope-session\",\"version\":1,\"secretsRedacted\":true}\n"
                + "{\"type\":\"connection\",\"conn\":1,\"label\":\"ws://h:9/x\",\"start\":\"2024-01-01T00:00:00Z\","
                + "\"setup\":{\"template\":{\"url\":\"ws://{{host}}/x\",\"headers\":[{\"name\":\"X-A\",\"value\":\"1\"}],"
                + "\"auth\":{\"type\":\"bearer\",\"token\":\"{{token}}\"}}}}\n"
                + "{\"type\":\"state\",\"conn\":1,\"seq\":0,\"t\":0.0,\"state\":\"OPEN\",\"detail\":\"\"}\n");
        CaptureLog back = load(file);
        assertEquals(1, back.size());
        ConnectionSetup setup = ConnectionSetup.read(back.setup(), back.label());
        assertEquals(new ConnectionTemplate("ws://{{host}}/x", List.of(new Header("X-A", "1")),
                new Auth.Bearer("{{token}}")), setup.template());
        assertEquals(ConnectionOptions.DEFAULTS, setup.options());
        assertEquals(Optional.empty(), setup.environment());
    }

    @Test
    void aFileWithoutAnySetupFallsBackToItsLabel() throws Exception {
        Path file = dir.resolve("older.fscap");
        Files.writeString(file, "{\"format\":\"framescope-session\",\"version\":1,\"secretsRedacted\":true}\n"
                + "{\"type\":\"connection\",\"conn\":1,\"label\":\"ws://h:9/y\",\"start\":\"2024-01-01T00:00:00Z\"}\n");
        ConnectionSetup setup = ConnectionSetup.read(load(file).setup(), "ws://h:9/y");
        assertEquals(ConnectionTemplate.of("ws://h:9/y"), setup.template());
        assertEquals(ConnectionSpec.to("ws://h:9/y"), setup.template().spec(setup.options(), Variables.NONE));
    }

    @Test
    void unknownKeysAreIgnoredAndAnUnreadableValueTakesItsDefault() {
        Map<String, Object> tree = Map.of("subprotocols", List.of("mqtt", 5), "connectTimeoutMillis", "soon",
                "handshakeTimeoutMillis", 1200, "futureKey", Map.of("x", 1),
                "heartbeat", Map.of("intervalMillis", 900, "onMissed", "EXPLODE", "pong", "sideways"),
                "proxy", Map.of("host", "p", "port", 70_000), "tls", Map.of("insecure", "yes"), "mode", "paranoid");
        ConnectionOptions o = OptionsTree.fromTree(tree);
        ConnectionOptions d = ConnectionOptions.DEFAULTS;
        assertEquals(List.of("mqtt"), o.subprotocols());
        assertEquals(d.connectTimeout(), o.connectTimeout());
        assertEquals(Duration.ofMillis(1200), o.handshakeTimeout());
        assertEquals(new HeartbeatPolicy(Duration.ofMillis(900), d.heartbeat().pongTimeout(),
                d.heartbeat().payloadPrefix(), OnMissed.REPORT, PongMode.AUTO), o.heartbeat());
        assertEquals(Optional.empty(), o.proxy());
        assertFalse(o.tls().insecure(), "only a JSON true turns verification off");
        assertEquals(d.reconnect(), o.reconnect());
        assertEquals(ProtocolMode.STRICT, o.mode(), "an unknown mode is read as the strict client older files had");
    }

    @Test
    void pongModesAndAnOriginSurviveTheTree() {
        for (PongMode pong : List.of(PongMode.AUTO, PongMode.OFF, new PongMode.Delayed(Duration.ofMillis(250)),
                new PongMode.CustomPayload("not yours"))) {
            ConnectionSpec spec = ConnectionSpec.to("ws://h/").withOrigin("http://o.test")
                    .withHeartbeat(HeartbeatPolicy.OFF.withPong(pong));
            ConnectionOptions back = OptionsTree.fromTree(OptionsTree.toTree(ConnectionOptions.of(spec), false));
            assertEquals(pong, back.heartbeat().pong());
            assertEquals(Optional.of("http://o.test"), back.origin());
        }
    }
}
