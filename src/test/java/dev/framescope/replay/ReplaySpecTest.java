package dev.framescope.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.engine.Auth;
import dev.framescope.engine.ConnectionOptions;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.ConnectionTemplate;
import dev.framescope.engine.HeartbeatPolicy;
import dev.framescope.engine.ProtocolMode;
import dev.framescope.engine.ReconnectPolicy;
import dev.framescope.engine.io.ConnectionSetup;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The spec a replay connects with: secrets a redacted session lacks come from the environment. */
class ReplaySpecTest {

    private static ConnectionSetup setup(String url, List<ConnectionSpec.Header> headers, Auth auth) {
        return new ConnectionSetup(new ConnectionTemplate(url, headers, auth),
                ConnectionOptions.DEFAULTS.withSubprotocols(List.of("v12.stomp"))
                        .withReconnect(ReconnectPolicy.backoff(java.time.Duration.ofSeconds(1),
                                java.time.Duration.ofSeconds(2), 3)), Optional.empty());
    }

    private static String header(ConnectionSpec spec, String name) {
        return spec.headers().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow().value();
    }

    @Test
    void aRedactedHeaderNamesTheVariableToSetAndTakesItsValue() throws Exception {
        ConnectionSetup s = setup("ws://127.0.0.1:1/x", List.of(new ConnectionSpec.Header("X-Api-Token", "[redacted]")),
                Auth.NONE);
        ReplayException e = assertThrows(ReplayException.class, () -> ReplaySpec.build(s, Optional.empty(), Map.of()));
        assertTrue(e.getMessage().contains("set the environment variable FRAMESCOPE_HEADER_X_API_TOKEN"),
                e.getMessage());
        ConnectionSpec spec = ReplaySpec.build(s, Optional.empty(), Map.of("FRAMESCOPE_HEADER_X_API_TOKEN", "t0k"));
        assertEquals("t0k", header(spec, "X-Api-Token"));
        assertEquals(List.of("v12.stomp"), spec.options().subprotocols());
        assertEquals(ReconnectPolicy.OFF, spec.options().reconnect());
    }

    @Test
    void aBearerTokenAndAVariableComeFromTheEnvironment() throws Exception {
        ConnectionSetup s = setup("ws://127.0.0.1:1/{{path}}", List.of(), new Auth.Bearer(""));
        ConnectionSpec spec = ReplaySpec.build(s, Optional.empty(), Map.of("FRAMESCOPE_TOKEN", "abc", "path", "rpc",
                "UNRELATED", "x"));
        assertEquals("Bearer abc", header(spec, "Authorization"));
        assertEquals("/rpc", spec.uri().getPath());
        ReplayException e = assertThrows(ReplayException.class,
                () -> ReplaySpec.build(s, Optional.empty(), Map.of("path", "rpc")));
        assertTrue(e.getMessage().contains("FRAMESCOPE_TOKEN"), e.getMessage());
    }

    @Test
    void theRecordedOffersHeartbeatAndModeGoWithTheReplay() throws Exception {
        HeartbeatPolicy heartbeat = HeartbeatPolicy.every(java.time.Duration.ofSeconds(7));
        ConnectionSetup s = new ConnectionSetup(new ConnectionTemplate("ws://127.0.0.1:1/x", List.of(), Auth.NONE),
                ConnectionOptions.DEFAULTS.withSubprotocols(List.of("graphql-transport-ws"))
                        .withExtensionOffers(List.of("permessage-deflate; client_max_window_bits"))
                        .withHeartbeat(heartbeat).withMode(ProtocolMode.OBSERVE), Optional.empty());
        ConnectionSpec spec = ReplaySpec.build(s, Optional.of("ws://127.0.0.1:2/x"), Map.of());
        assertEquals(List.of("graphql-transport-ws"), spec.options().subprotocols());
        assertEquals(List.of("permessage-deflate; client_max_window_bits"), spec.options().extensionOffers());
        assertEquals(heartbeat, spec.options().heartbeat());
        assertEquals(ProtocolMode.OBSERVE, spec.options().mode());
    }

    @Test
    void theUrlCanBeOverridden() throws Exception {
        ConnectionSetup s = setup("ws://127.0.0.1:1/x?token=[redacted]", List.of(), Auth.NONE);
        assertTrue(assertThrows(ReplayException.class, () -> ReplaySpec.build(s, Optional.empty(), Map.of()))
                .getMessage().contains("give the URL to replay against"));
        assertEquals("ws://127.0.0.1:2/y", ReplaySpec.build(s, Optional.of("ws://127.0.0.1:2/y"), Map.of()).uri()
                .toString());
    }
}
