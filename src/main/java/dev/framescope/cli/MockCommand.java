package dev.framescope.cli;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.PayloadStore;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.capture.io.SessionOutput;
import dev.framescope.proxy.ListenAddress;
import dev.framescope.replay.JsonMask;
import dev.framescope.replay.MockCursor;
import dev.framescope.replay.MockScript;
import dev.framescope.replay.MockServer;
import dev.framescope.replay.Recording;
import dev.framescope.replay.ReplayException;
import dev.framescope.replay.UnmatchedPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code framescope mock}: a recorded connection's server side, served to clients on loopback. */
@Command(name = "mock", mixinStandardHelpOptions = true,
        description = {"Serve a recorded connection's server side: the recorded subprotocol in the handshake, the "
                + "messages the server sent unprompted, and for each client message the recorded answers (JSON-RPC "
                + "and GraphQL ids rewritten to the client's). Several clients at once, each from the start.",
                "Runs until interrupted, or until --clients clients have come and gone."})
final class MockCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session file (.fscap).")
    Path session;

    @Option(names = "--conn", paramLabel = "N", description = "The connection to serve; the first by default.")
    Long connection;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9002",
            description = "Where to listen (default 127.0.0.1:9002); loopback only unless --allow-remote.")
    String listen;

    @Option(names = "--allow-remote", description = "Allow a --listen address other programs on the network reach.")
    boolean allowRemote;

    @Option(names = "--match", paramLabel = "order|content", defaultValue = "content",
            description = "How a client message finds its recorded one: by order, or by content (default).")
    String match;

    @Option(names = "--ignore", paramLabel = "JSONPATH", description = "Leave this JSON field out of content "
            + "matching (repeatable): $.a.b, $.a[*].b, $.a[0], $..id.")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--unmatched", paramLabel = "ignore|close|reply:TEXT", defaultValue = "ignore",
            description = "What to do with a client message nothing matches: ignore it (default), close with 1008, "
                    + "or send TEXT. Each is listed either way.")
    String unmatched;

    @Option(names = "--immediate", description = "Answer at once instead of after the recorded delay.")
    boolean immediate;

    @Option(names = "--exact-frames", description = "Send the recorded server frames as they were: fragments, "
            + "compressed payloads, opcodes and the pings among them (a rewritten id re-cut into the recorded "
            + "fragments).")
    boolean exactFrames;

    @Option(names = "--clients", paramLabel = "N", description = "Stop once N clients have come and gone.")
    Long clients;

    @Option(names = "--out", paramLabel = "SESSION", description = "Write what each client sent and got to SESSION.")
    Path out;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        Optional<MockCursor.Match> how = MockCursor.Match.of(match);
        if (how.isEmpty()) {
            return CliErrors.badArguments(spec, "--match is order or content, not '" + match + "'");
        }
        Optional<UnmatchedPolicy> policy = UnmatchedPolicy.of(unmatched);
        if (policy.isEmpty()) {
            return CliErrors.badArguments(spec, "--unmatched is ignore, close or reply:TEXT, not '" + unmatched + "'");
        }
        List<JsonMask> masks = new ArrayList<>();
        InetSocketAddress address;
        try {
            for (String path : ignore) {
                masks.add(JsonMask.parse(path));
            }
            address = address(listen, allowRemote);
        } catch (IllegalArgumentException e) {
            return CliErrors.badArguments(spec, e.getMessage());
        }
        try {
            Recording recording = RecordedConnection.read(spec, session, Optional.ofNullable(connection),
                    PayloadStore.DEFAULT_BUDGET, spec.commandLine().getErr());
            try (MockServer mock = new MockServer(address, MockScript.of(recording), how.get(), masks, policy.get(),
                    immediate).exactFrames(exactFrames).startAndWait()) {
                stdout.println("mock of connection " + recording.connectionId() + " (" + recording.label()
                        + ") listening on ws://" + address.getHostString() + ":" + mock.getPort()
                        + recording.subprotocol().map(p -> " (subprotocol " + p + ")").orElse(""));
                stdout.flush();
                serve(mock, stdout);
                save(mock);
            }
        } catch (ReplayException e) {
            return CliErrors.badArguments(spec, e.getMessage());
        } catch (IOException e) {
            return CliErrors.badArguments(spec, InputFiles.problem(e));
        }
        return 0;
    }

    /** Prints each unmatched message and each client closed for a broken rule as they come, until --clients end. */
    private void serve(MockServer mock, PrintWriter stdout) throws InterruptedException {
        int listed = 0;
        int failures = 0;
        while (clients == null || mock.clientsEnded() < clients) {
            List<MockServer.Unmatched> now = mock.unmatched();
            for (; listed < now.size(); listed++) {
                stdout.println("client " + now.get(listed).client() + ": unmatched: " + now.get(listed).message());
            }
            failures = printFailed(mock, failures, stdout);
            stdout.flush();
            LockSupport.parkNanos(20_000_000);
            if (Thread.interrupted()) {
                throw new InterruptedException("mock interrupted");
            }
        }
        List<MockServer.Unmatched> all = mock.unmatched();
        for (; listed < all.size(); listed++) {
            stdout.println("client " + all.get(listed).client() + ": unmatched: " + all.get(listed).message());
        }
        printFailed(mock, failures, stdout);
        stdout.println(mock.logs().size() + " client(s) served, " + all.size() + " unmatched message(s)");
        stdout.flush();
    }

    /** Prints the clients closed for a broken rule since the first {@code from}; returns how many are printed. */
    private static int printFailed(MockServer mock, int from, PrintWriter stdout) {
        List<MockServer.Failed> now = mock.failed();
        for (MockServer.Failed f : now.subList(from, now.size())) {
            stdout.println("client " + f.client() + ": closed with " + f.code() + " for a broken rule: " + f.reason());
        }
        return now.size();
    }

    private void save(MockServer mock) throws IOException {
        if (out == null) {
            return;
        }
        try (SessionOutput writer = SessionFiles.create(out, false)) {
            for (CaptureLog log : mock.logs()) {
                writer.write(log, log.readFrom(0, log.size()));
            }
        }
    }

    static InetSocketAddress address(String text, boolean allowRemote) {
        return ListenAddress.parse(text, allowRemote, "--listen");
    }
}
