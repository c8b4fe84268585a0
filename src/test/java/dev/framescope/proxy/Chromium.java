package dev.framescope.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian's {@code chromium} package) pointed at a proxy on loopback, for the browser checks. As
 * root it runs only without its sandbox; a throw-away profile directory keeps the system's trust store untouched.
 * Chromium sends its own background requests through any proxy: the proxy under test must refuse non-loopback
 * upstreams (Chromium would otherwise try Google's servers).
 */
final class Chromium implements AutoCloseable {

    /** Debian's chromium first; GitHub's Ubuntu runners have Google Chrome there instead (same flags). */
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/chromium"),
            Path.of("/usr/bin/google-chrome"));
    static final Path BINARY = CANDIDATES.stream().filter(Files::isExecutable).findFirst().orElse(CANDIDATES.get(0));

    private final Process process;
    private final Path log;

    private Chromium(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Fails clearly, never skips: CI installs Chromium ({@code .ci/run}), and so must a developer. */
    static void requireInstalled() {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError(BINARY + " is missing: the browser check needs Debian's chromium package "
                    + "(apt-get install -y --no-install-recommends chromium; .ci/run installs it)");
        }
    }

    /**
     * Opens {@code url} through the proxy at {@code proxyPort}.
     *
     * @param spki the base64 SHA-256 of a CA key whose certificates Chromium accepts, or null
     */
    static Chromium open(String url, int proxyPort, String spki, Path profile) throws IOException {
        requireInstalled();
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless=new", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-default-apps", "--user-data-dir=" + profile,
                "--proxy-server=http://127.0.0.1:" + proxyPort, "--proxy-bypass-list=<-loopback>"));
        if (spki != null) {
            command.add("--ignore-certificate-errors-spki-list=" + spki);
        }
        command.add(url);
        Path log = profile.resolveSibling(profile.getFileName() + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Chromium(p, log);
    }

    /** What Chromium printed, for a failure message. */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
