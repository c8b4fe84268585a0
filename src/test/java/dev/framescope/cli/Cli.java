package dev.framescope.cli;

import dev.framescope.engine.Engine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;

/** Runs {@code framescope} commands in-process with captured output, for the CLI tests. */
final class Cli {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    private final Engine.Factory engines;

    /** Commands whose engines have real timers. */
    Cli() {
        this(Engine.Factory.realTime());
    }

    /** Commands whose engines come from {@code engines}, e.g. on a test's virtual clock. */
    Cli(Engine.Factory engines) {
        this.engines = engines;
    }

    int run(String... args) {
        CommandLine cli = Main.commandLine(engines);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /**
     * Runs the command on a thread of its own, for a test that drives a virtual clock meanwhile; the output grows
     * as it runs ({@link StringWriter} is synchronized).
     */
    CompletableFuture<Integer> start(String... args) {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                exit.complete(run(args));
            } catch (Throwable e) {
                exit.completeExceptionally(e);
            }
        }, "cli-under-test");
        t.setDaemon(true);
        t.start();
        return exit;
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
