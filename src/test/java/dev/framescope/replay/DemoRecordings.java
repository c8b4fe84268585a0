package dev.framescope.replay;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.PayloadStore;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.capture.io.SessionOutput;
import dev.framescope.demo.DemoServer;
import dev.framescope.engine.Connection;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.Engine;
import dev.framescope.engine.EngineSettings;
import dev.framescope.engine.io.ConnectionSetup;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.SharedDemo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Records demo conversations with the engine, as a user's capture would: the inputs of the replay and mock tests. */
public final class DemoRecordings {

    /** One conversation: where, with which subprotocol, what we send, and how many server messages make it whole. */
    public record Script(String path, List<String> subprotocols, List<String> messages, int serverMessages) {
    }

    public static final Script JSONRPC = new Script("/jsonrpc?notify=0", List.of(), List.of(
            "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[2,3],\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":[10,4],\"id\":2}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":{\"b\":1.0,\"a\":\"x\"},\"id\":3}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,1],\"id\":4}"), 5);

    public static final Script STOMP = new Script("/stomp", List.of("v12.stomp"), List.of(
            "CONNECT\naccept-version:1.2\nhost:demo\n\n\0",
            "SUBSCRIBE\nid:0\ndestination:/topic/demo\nreceipt:r1\n\n\0"), 5);

    public static final Script GRAPHQL = new Script("/graphql", List.of("graphql-transport-ws"), List.of(
            "{\"type\":\"connection_init\"}",
            "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { tick }\"}}"), 5);

    private DemoRecordings() {
    }

    public static DemoServer demo() {
        return SharedDemo.server();
    }

    /** The conversation, captured into a log with its set-up, after every expected server message arrived. */
    public static CaptureLog record(Script script) throws InterruptedException {
        ConnectionSpec spec = ConnectionSpec.to(demo().uri(script.path())).withSubprotocols(script.subprotocols());
        CaptureLog log = new CaptureLog(1, spec.uri().toString(), new PayloadStore(PayloadStore.DEFAULT_BUDGET));
        log.setSetup(ConnectionSetup.of(spec));
        try (Engine engine = Engine.start(EngineSettings.DEFAULTS); Connection c = engine.open(spec, log)) {
            if (!c.awaitOpen(Duration.ofSeconds(10))) {
                throw new AssertionError("the demo did not open " + spec.uri() + ": " + c.failure());
            }
            for (String m : script.messages()) {
                c.sendText(m);
            }
            Await.until(() -> messages(log, Direction.IN) >= script.serverMessages(), "the server's answers");
            c.close(1000, "done");
            c.awaitEnded(Duration.ofSeconds(5));
        }
        return log;
    }

    /** The conversation recorded to a session file. */
    public static Path save(Script script, Path file) throws IOException, InterruptedException {
        CaptureLog log = record(script);
        try (SessionOutput out = SessionFiles.create(file, false)) {
            out.write(log, log.readFrom(0, log.size()));
        }
        return file;
    }

    static long messages(CaptureLog log, Direction dir) {
        return log.readFrom(0, log.size()).stream()
                .filter(e -> e instanceof CaptureEvent.MessageEvent m && m.dir() == dir).count();
    }
}
