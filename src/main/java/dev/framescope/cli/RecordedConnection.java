package dev.framescope.cli;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.capture.io.SessionReader;
import dev.framescope.replay.Recording;
import dev.framescope.replay.ReplayException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;

/** The recorded connection {@code replay} and {@code mock} work from: read, picked by id, checked. */
final class RecordedConnection {

    private RecordedConnection() {
    }

    /**
     * Loads {@code file} and picks connection {@code id} (the first when none is given); damaged records are
     * reported on {@code err} and skipped.
     *
     * @throws ReplayException with the line to print: unreadable file, no such connection, nothing to replay
     */
    static Recording read(CommandSpec spec, Path file, Optional<Long> id, long budget, PrintWriter err)
            throws ReplayException {
        SessionReader.Loaded loaded;
        try {
            InputFiles.checkSession(file);
            loaded = SessionFiles.load(file, budget);
        } catch (IOException e) {
            throw new ReplayException(InputFiles.sessionProblem(spec, file, e));
        }
        loaded.problems().forEach(p -> err.println(spec.name() + ": " + file + ": " + p + " (skipped)"));
        List<CaptureLog> logs = loaded.logs();
        if (logs.isEmpty()) {
            throw new ReplayException(file + " holds no connection" + (loaded.problems().isEmpty() ? ""
                    : " that could be read (" + loaded.problems().size() + " damaged record(s))"));
        }
        Optional<CaptureLog> log = id.isEmpty() ? Optional.of(logs.get(0))
                : logs.stream().filter(l -> l.connectionId() == id.get()).findFirst();
        if (log.isEmpty()) {
            throw new ReplayException(file + " has no connection " + id.get() + "; it has "
                    + logs.stream().map(l -> String.valueOf(l.connectionId())).collect(Collectors.joining(", ")));
        }
        return Recording.of(log.get());
    }
}
