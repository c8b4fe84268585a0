package dev.framescope.testutil;

import dev.framescope.demo.DemoServer;

/** One demo endpoint for every test class that only needs to talk to it (started once, a daemon, never stopped). */
public final class SharedDemo {

    private static DemoServer server;

    private SharedDemo() {
    }

    public static synchronized DemoServer server() {
        if (server == null) {
            try {
                server = new DemoServer(0).startAndWait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the demo endpoint", e);
            }
        }
        return server;
    }
}
