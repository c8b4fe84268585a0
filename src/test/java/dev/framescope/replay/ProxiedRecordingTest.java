package dev.framescope.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.io.RelayMarkFileTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A capture made through the intercepting proxy, where the app's "order 1" was held and replaced by the user's edit
 * "order 2": the server only ever received the edit, so that is what a replay sends (and a mock expects), once.
 */
class ProxiedRecordingTest {

    @Test
    void aReplacedOriginalIsLeftOutAndItsEditKept() throws Exception {
        CaptureLog log = RelayMarkFileTest.proxied();

        Recording recording = Recording.of(log);

        List<String> sent = recording.client().stream()
                .map(r -> new String(r.content().bytes(), StandardCharsets.UTF_8)).toList();
        assertEquals(List.of("order 2"), sent);
        assertEquals(1, recording.client().get(0).frames().size(), "the edit's own frame, not the original's too");
        assertEquals("order 2", new String(recording.client().get(0).frames().get(0).payload(),
                StandardCharsets.UTF_8));
    }
}
