package dev.framescope.cli;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.MemoryBudget;
import dev.framescope.capture.PayloadStore;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.Engine;
import dev.framescope.engine.EngineSettings;
import dev.framescope.replay.JsonMask;
import dev.framescope.replay.Recording;
import dev.framescope.replay.ReplayException;
import dev.framescope.replay.ReplayReport;
import dev.framescope.replay.ReplayResult;
import dev.framescope.replay.ReplaySpec;
import dev.framescope.replay.Replayer;
import dev.framescope.replay.Timing;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code framescope replay}: our side of a recorded connection sent again, the server's answers compared. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Connect with a recorded connection's set-up, send our recorded messages again and compare "
                + "what the server answers with the recording: JSON by structure (member order ignored, numbers as "
                + "numbers), anything else byte for byte; JSON-RPC and GraphQL answers are paired by id.",
                "Exit code: 0 when the replay matches, 1 when it differs, 2 when the arguments or the session cannot "
                        + "be used or the server cannot be reached.",
                "Secrets a redacted session lacks come from the environment: {{name}} variables from the variable "
                        + "of that name, FRAMESCOPE_TOKEN, FRAMESCOPE_PASSWORD, FRAMESCOPE_API_KEY, "
                        + "FRAMESCOPE_COOKIE_<NAME>, FRAMESCOPE_HEADER_<NAME>."})
final class ReplayCommand implements Callable<Integer> {

    static final int DIFFERS = 1;

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session file (.fscap).")
    Path session;

    @Parameters(index = "1", arity = "0..1", paramLabel = "URL",
            description = "Replay against this URL instead of the recorded one.")
    String url;

    @Option(names = "--conn", paramLabel = "N", description = "The connection to replay (its number in the "
            + "session, as 'inspect' shows it); the first by default.")
    Long connection;

    @Option(names = "--timing", paramLabel = "recorded|fast|reactive", defaultValue = "reactive",
            description = "recorded: the original gaps; fast: back to back; reactive (default): each message once "
                    + "the server has sent what it had sent before it in the recording.")
    String timing;

    @Option(names = "--ignore", paramLabel = "JSONPATH", description = "Leave this JSON field out of the comparison "
            + "(repeatable): $.a.b, $.a[*].b, $.a[0], $..id.")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--exact-frames", description = "Send each message as its recorded frames: the same "
            + "fragmentation, compression (payloads as they were compressed; the server must accept the recorded "
            + "extension parameters), opcodes and RSV bits, and the pings between them, each frame freshly masked.")
    boolean exactFrames;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    Path report;

    @Option(names = "--json", description = "Print the report as JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Optional<Timing> chosen = Timing.of(timing);
        if (chosen.isEmpty()) {
            return CliErrors.badArguments(spec, "--timing is recorded, fast or reactive, not '" + timing + "'");
        }
        List<JsonMask> masks = new ArrayList<>();
        try {
            for (String path : ignore) {
                masks.add(JsonMask.parse(path));
            }
        } catch (IllegalArgumentException e) {
            return CliErrors.badArguments(spec, "--ignore: " + e.getMessage());
        }
        ReplayResult result;
        try {
            Recording recording = RecordedConnection.read(spec, session, Optional.ofNullable(connection),
                    PayloadStore.DEFAULT_BUDGET, spec.commandLine().getErr());
            ConnectionSpec target = ReplaySpec.build(recording.setup(), Optional.ofNullable(url),
                    main.options().environment().variables());
            try (Engine engine = Engine.start(new EngineSettings(main.options().libraryReadsEveryFrame()));
                 CaptureLog log = new CaptureLog(recording.connectionId(), target.uri().toString(),
                         new PayloadStore(MemoryBudget.forThisJvm(main.options().memoryBudget())))) {
                result = Replayer.of(chosen.get(), masks).withExactFrames(exactFrames)
                        .run(engine, recording, target, log);
            }
        } catch (ReplayException e) {
            return CliErrors.badArguments(spec, e.getMessage());
        }
        String document = ReplayReport.json(result, chosen.get(), session.toString());
        if (report != null) {
            try {
                Files.writeString(report, document + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                return CliErrors.badArguments(spec, "cannot write the report " + report + ": " + e.getMessage());
            }
        }
        if (json) {
            out.println(document);
        } else {
            ReplayReport.text(result, chosen.get()).forEach(out::println);
        }
        out.flush();
        return result.matches() ? 0 : DIFFERS;
    }
}
