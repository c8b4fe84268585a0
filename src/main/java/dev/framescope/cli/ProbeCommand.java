package dev.framescope.cli;

import dev.framescope.demo.DemoServer;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.Engine;
import dev.framescope.engine.EngineSettings;
import dev.framescope.probe.CaseResult;
import dev.framescope.probe.CaseSelection;
import dev.framescope.probe.Catalogue;
import dev.framescope.probe.Probe;
import dev.framescope.probe.ProbeReport;
import dev.framescope.probe.ProbeSettings;
import dev.framescope.probe.ProbeSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code framescope probe}: grade a server's conformance the way Autobahn TestSuite does (docs/probe.md). */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Grade a WebSocket server's conformance with Autobahn TestSuite's cases and verdicts.",
                "The server must echo every message back, as Autobahn's fuzzing client assumes; the probe checks "
                        + "that first.",
                "Exit code: 0 when no case FAILED, 1 when one did (or the server does not echo), 2 on bad arguments."})
final class ProbeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "URL", description = "ws://… or wss://… of an echo endpoint, or demo:/echo.")
    String url;

    @Option(names = "--cases", paramLabel = "LIST", description = {"Cases to run, e.g. 1.*,6.4.*,!9.* "
            + "(default: 1-7, 10 and our 20.*; 9.*, 12.* and 13.* are slow and run only when named)."})
    String cases = String.join(",", CaseSelection.DEFAULT);

    @Option(names = "--report", paramLabel = "DIR", description = "Write index.html, index.json (Autobahn's layout) "
            + "and one session file per case into DIR.")
    Optional<Path> report = Optional.empty();

    @Option(names = "--parallel", paramLabel = "N", description = "Cases at once, each on its own connection "
            + "(default: 4).")
    int parallel = ProbeSettings.DEFAULTS.parallel();

    @Option(names = "--timeout", paramLabel = "D", converter = Durations.class, description = "What Autobahn's one "
            + "second is: every case's waits scale with it (default: 1s).")
    Duration timeout = ProbeSettings.DEFAULTS.second();

    @Option(names = "--agent", paramLabel = "NAME", description = "The server's name in the report (default: the "
            + "URL's host and port).")
    Optional<String> agent = Optional.empty();

    @Option(names = "--json", description = "Print index.json (Autobahn's layout) instead of the text summary.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        CaseSelection selection;
        ProbeSettings settings;
        try {
            selection = CaseSelection.parse(cases);
            settings = ProbeSettings.DEFAULTS.withSecond(timeout).withParallel(parallel);
        } catch (IllegalArgumentException e) {
            return CliErrors.badArguments(spec, e.getMessage());
        }
        try (Engine engine = main.engines().create(new EngineSettings(main.options().libraryReadsEveryFrame()))) {
            Optional<DemoServer> demo = Optional.empty();
            try {
                ConnectionSpec target;
                try {
                    if (url.startsWith("demo:")) {
                        demo = Optional.of(new DemoServer(0, engine.clock()).startAndWait());
                        url = demo.get().uri("").toString() + url.substring("demo:".length());
                    }
                    target = ConnectionSpec.to(url);
                } catch (IllegalArgumentException e) {
                    return CliErrors.badArguments(spec, e.getMessage());
                }
                return probe(engine, target, selection, settings);
            } finally {
                if (demo.isPresent()) {
                    demo.get().close();
                }
            }
        }
    }

    private int probe(Engine engine, ConnectionSpec target, CaseSelection selection, ProbeSettings settings)
            throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = agent.orElse(target.uri().getHost() + ":" + target.port());
        List<Catalogue.Entry> chosen = Catalogue.standard().select(selection);
        if (chosen.isEmpty()) {
            return CliErrors.badArguments(spec, "--cases " + cases + " selects no case");
        }
        Probe probe = new Probe(engine, target, settings);
        if (!json) {
            out.println("Probing " + target.uri() + " (" + name + "): " + chosen.size() + " cases, " + parallel
                    + " at a time, 1 Autobahn second = " + timeout.toMillis() + " ms.");
            out.println("The server must echo every message back, as Autobahn's fuzzing client assumes.");
            out.flush();
        }
        Probe.EchoCheck echo = probe.checkEcho();
        if (!echo.echoes()) {
            err.println("framescope probe: the server at " + target.uri() + " does not echo: " + echo.detail()
                    + ". Point the probe at an echo endpoint.");
            err.flush();
            return 1;
        }
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        List<CaseResult> results = probe.run(chosen, r -> {
            int n = done.incrementAndGet();
            if (!json && r.grade().failed()) {
                synchronized (out) {
                    out.println("  FAILED " + r.id() + ": " + r.grade().serverDid());
                    out.flush();
                }
            } else if (!json && n % 50 == 0) {
                synchronized (out) {
                    out.println("  " + n + " of " + chosen.size() + " cases done");
                    out.flush();
                }
            }
        });
        long millis = (System.nanoTime() - start) / 1_000_000L;
        if (report.isPresent()) {
            ProbeReport.write(report.get(), name, target.uri().toString(), results);
        }
        if (json) {
            out.println(ProbeSummary.json(name, results));
        } else {
            ProbeSummary.text(results, millis).forEach(out::println);
            report.ifPresent(dir -> out.println("Report: " + dir.resolve("index.html")));
        }
        out.flush();
        results.forEach(r -> r.log().close());
        return results.stream().anyMatch(r -> r.grade().failed()) ? 1 : 0;
    }
}
