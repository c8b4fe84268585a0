package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.PayloadStore;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.engine.Connection;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.Engine;
import dev.framescope.engine.EngineSettings;
import dev.framescope.replay.DemoRecordings;
import dev.framescope.testutil.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code framescope mock}: serves a recorded /jsonrpc session to a client, lists what it could not match. */
class MockCommandTest {

    @TempDir
    Path dir;

    @Test
    void servesTheRecordingUntilTheClientsHaveGoneAndSavesWhatItSaw() throws Exception {
        Path file = DemoRecordings.save(DemoRecordings.JSONRPC, dir.resolve("rpc.fscap"));
        Path seen = dir.resolve("seen.fscap");
        Cli cli = new Cli();
        AtomicInteger code = new AtomicInteger(-1);
        Thread mock = new Thread(() -> code.set(cli.run("mock", file.toString(), "--listen", "127.0.0.1:0",
                "--clients", "1", "--immediate", "--out", seen.toString())));
        mock.start();
        Pattern url = Pattern.compile("listening on (ws://127\\.0\\.0\\.1:\\d+)");
        Await.until(() -> url.matcher(cli.out()).find(), "the mock's address");
        Matcher m = url.matcher(cli.out());
        assertTrue(m.find());
        try (Engine engine = Engine.start(EngineSettings.DEFAULTS);
             CaptureLog log = new CaptureLog(1, "client", new PayloadStore(1 << 20))) {
            Connection c = engine.open(ConnectionSpec.to(m.group(1) + "/jsonrpc"), log);
            assertTrue(c.awaitOpen(Duration.ofSeconds(10)));
            c.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[2,3],\"id\":\"mine\"}");
            c.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"divide\",\"params\":[2,3],\"id\":5}");
            Await.until(() -> texts(log).contains("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":\"mine\"}"),
                    "the recorded answer under the client's id: " + texts(log));
            c.close(1000, "done");
            c.awaitEnded(Duration.ofSeconds(5));
        }
        mock.join(10_000);
        assertEquals(0, code.get(), cli.err());
        assertTrue(cli.out().contains("client 1: unmatched: {\"jsonrpc\":\"2.0\",\"method\":\"divide\""), cli.out());
        assertTrue(cli.out().contains("1 client(s) served, 1 unmatched message(s)"), cli.out());
        assertEquals(1, SessionFiles.load(seen, 1 << 20).logs().size());
    }

    @Test
    void aNonLoopbackAddressIsRefusedWithoutAllowRemote() throws Exception {
        Path file = DemoRecordings.save(DemoRecordings.JSONRPC, dir.resolve("rpc.fscap"));
        Cli cli = new Cli();
        assertEquals(2, cli.run("mock", file.toString(), "--listen", "192.0.2.1:9002"));
        assertTrue(cli.err().startsWith("mock: --listen 192.0.2.1:9002 is not a loopback address"), cli.err());
        Cli policy = new Cli();
        assertEquals(2, policy.run("mock", file.toString(), "--unmatched", "explode"));
        assertTrue(policy.err().startsWith("mock: --unmatched is ignore, close or reply:TEXT"), policy.err());
    }

    private static java.util.List<String> texts(CaptureLog log) {
        return log.readFrom(0, log.size()).stream()
                .filter(e -> e instanceof CaptureEvent.MessageEvent me && me.dir() == Direction.IN)
                .map(e -> new String(((CaptureEvent.MessageEvent) e).message().payload(),
                        java.nio.charset.StandardCharsets.UTF_8)).toList();
    }
}
