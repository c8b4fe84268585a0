package dev.framescope.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Chromium pointed at the proxy ({@code framescope proxy --launch-chromium URL}, the Intercept panel's button), with a throw-away profile so that
 * nothing of the user's (bookmarks, logins, the system's trust store) is touched, and told to accept certificates
 * issued by the local CA by its key's hash. Stopped, and its profile deleted, when the proxy stops.
 */
public final class ChromiumLauncher implements AutoCloseable {

    /** Tried in this order on the PATH. */
    public static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");

    private final Process process;
    private final Path profile;

    private ChromiumLauncher(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
    }

    /**
     * @param extra more arguments for Chromium ({@code --headless=new}, {@code --no-sandbox} as root)
     * @throws IOException naming the programs tried when none starts
     */
    public static ChromiumLauncher launch(String url, int proxyPort, String spki, List<String> extra) throws IOException {
        Path profile = Files.createTempDirectory("framescope-chromium");
        List<String> args = new ArrayList<>(List.of("--proxy-server=http://127.0.0.1:" + proxyPort,
                "--proxy-bypass-list=<-loopback>", "--ignore-certificate-errors-spki-list=" + spki,
                "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check"));
        args.addAll(extra);
        args.add(url);
        for (String name : NAMES) {
            List<String> command = new ArrayList<>();
            command.add(name);
            command.addAll(args);
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile()).start();
                return new ChromiumLauncher(p, profile);
            } catch (IOException e) {
                // Not installed under this name: the next one.
            }
        }
        delete(profile);
        throw new IOException("no Chromium found (tried " + String.join(", ", NAMES) + " on the PATH)");
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        delete(profile);
        try {
            Files.deleteIfExists(profile.resolveSibling(profile.getFileName() + ".log"));
        } catch (IOException e) {
            // A log left in the temporary directory.
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Chromium may still be writing its last files: what is left stays in the temporary directory.
        }
    }
}
