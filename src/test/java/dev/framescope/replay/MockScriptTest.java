package dev.framescope.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.io.ConnectionSetup;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which recorded server message answers which client message, whatever order the capture saw them in. */
class MockScriptTest {

    private static Content text(String s) {
        return Content.of(true, s.getBytes(StandardCharsets.UTF_8), false);
    }

    @Test
    void aNotificationThatArrivedAfterOurFirstRequestIsStillUnprompted() {
        // Under load the capture saw our request before the server's welcome notification.
        List<Recording.Recorded> client = List.of(
                new Recording.Recorded(0, 100, text("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"id\":1}"), 0),
                new Recording.Recorded(1, 110, text("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"id\":2}"), 0));
        List<Recording.Recorded> server = List.of(
                new Recording.Recorded(0, 120, text("{\"jsonrpc\":\"2.0\",\"method\":\"welcome\"}"), 0),
                new Recording.Recorded(1, 130, text("{\"jsonrpc\":\"2.0\",\"result\":2,\"id\":2}"), 0),
                new Recording.Recorded(2, 140, text("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":1}"), 0));
        Recording rec = new Recording(1, "x", ConnectionSetup.of(ConnectionSpec.to("ws://127.0.0.1:1/")), client,
                server, Optional.empty(), "", false, false);
        MockScript script = MockScript.of(rec);
        assertEquals(1, script.opening().size());
        assertEquals("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":1}",
                new String(script.responses().get(0).get(0).content().bytes(), StandardCharsets.UTF_8));
        assertEquals(1, script.responses().get(1).size());
    }
}
