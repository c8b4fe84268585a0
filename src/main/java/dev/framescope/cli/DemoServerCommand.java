package dev.framescope.cli;

import dev.framescope.demo.DemoScenario;
import dev.framescope.demo.DemoServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code framescope demo-server}: the built-in demo endpoint on its own, until Ctrl-C. */
@Command(name = "demo-server", mixinStandardHelpOptions = true,
        description = "Run the built-in demo WebSocket endpoint on 127.0.0.1 until interrupted.")
final class DemoServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "" + DemoServer.DEFAULT_PORT, paramLabel = "N",
            description = "Port to listen on (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        DemoServer server = new DemoServer(port);
        try {
            server.startAndWait();
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("demo-server: " + e.getMessage());
            return 1;
        }
        out.println("Framescope demo endpoint on ws://127.0.0.1:" + server.getPort() + " (Ctrl-C stops it)");
        for (DemoScenario s : DemoScenario.values()) {
            out.printf("  ws://127.0.0.1:%d%-38s %s%n", server.getPort(), s.example(), s.description());
        }
        out.flush();
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            forever.countDown();
        }));
        forever.await();
        return 0;
    }
}
