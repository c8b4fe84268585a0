package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.io.SessionFiles;
import dev.framescope.demo.DemoServer;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.ProxiedClient;
import dev.framescope.testutil.SharedDemo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code framescope proxy}: a real client through it to the demo server, the session written and inspected. */
class ProxyCommandTest {

    private static final Pattern LISTENING = Pattern.compile("proxy listening on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void recordsAClientThroughTheProxyIntoASessionThatInspectOpens() throws Exception {
        DemoServer demo = SharedDemo.server();
        Path session = dir.resolve("proxied.fscap");
        Cli cli = new Cli();
        CompletableFuture<Integer> exit = cli.start("proxy", "--listen", "127.0.0.1:0", "--upstream-allow",
                "127.0.0.0/8,::1", "--out", session.toString(), "--connections", "1", "--ca-dir",
                dir.resolve("ca").toString());
        Await.until(() -> LISTENING.matcher(cli.out()).find(), "the proxy's address: " + cli.out() + cli.err());
        Matcher m = LISTENING.matcher(cli.out());
        assertTrue(m.find());
        int port = Integer.parseInt(m.group(1));

        List<String> got = ProxiedClient.connect(port, demo.uri("/echo"), "through the proxy", true).got();
        Await.until(() -> got.contains("through the proxy"), "the echo: " + got);
        assertEquals(0, exit.get(20, TimeUnit.SECONDS), cli.err() + cli.out());

        String out = cli.out();
        assertTrue(out.contains("#1 ws://127.0.0.1:" + demo.getPort() + "/echo via proxy from 127.0.0.1:"), out);
        assertTrue(out.contains("1 WebSocket connection(s) recorded"), out);
        assertEquals(1, SessionFiles.load(session, 1 << 20).logs().size());

        Cli inspect = new Cli();
        assertEquals(0, inspect.run("inspect", session.toString()), inspect.err());
        assertTrue(inspect.out().contains("through the proxy"), inspect.out());
        assertTrue(inspect.out().contains("→") && inspect.out().contains("←"), "both directions: " + inspect.out());
    }

    @Test
    void launchChromiumOpensAPageThroughTheProxyAndTheSessionHoldsItsWebSocket() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/chromium")) || Files.isExecutable(Path.of(
                "/usr/bin/google-chrome")), "the Chromium check needs Debian's chromium (.ci/run installs it)");
        DemoServer demo = SharedDemo.server();
        Path session = dir.resolve("chromium.fscap");
        String page = "data:text/html,<script>const ws = new WebSocket('" + demo.uri("/echo")
                + "'); ws.onopen = () => ws.send('launched'); ws.onmessage = () => ws.close(4000, 'done');</script>";
        Cli cli = new Cli();
        int code = cli.run("proxy", "--listen", "127.0.0.1:0", "--upstream-allow", "127.0.0.0/8,::1", "--out",
                session.toString(), "--connections", "1", "--duration", "60s", "--ca-dir", dir.resolve("ca").toString(),
                "--launch-chromium", page, "--chromium-arg=--headless=new", "--chromium-arg=--no-sandbox",
                "--chromium-arg=--disable-gpu", "--chromium-arg=--disable-background-networking");
        assertEquals(0, code, cli.err() + cli.out());
        assertTrue(cli.out().contains("Chromium:    started on data:text/html"), cli.out());
        assertTrue(cli.out().contains("1 WebSocket connection(s) recorded"), cli.out());
        Cli inspect = new Cli();
        assertEquals(0, inspect.run("inspect", session.toString()), inspect.err());
        assertTrue(inspect.out().contains("\"launched\""), inspect.out());
        assertTrue(inspect.out().contains("4000"), inspect.out());
    }

    @Test
    void theCaIsCreatedOnFirstUseWithAnOwnerOnlyKeyAndExports() throws Exception {
        Path ca = dir.resolve("ca");
        Path pem = dir.resolve("framescope-ca.pem");
        Cli cli = new Cli();
        assertEquals(0, cli.run("proxy", "--ca-dir", ca.toString(), "--ca-export", pem.toString()), cli.err());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(ca.resolve("framescope-ca-key.pem"))));
        assertTrue(Files.readString(pem).startsWith("-----BEGIN CERTIFICATE-----"), Files.readString(pem));
        assertTrue(cli.out().contains("--ignore-certificate-errors-spki-list="), cli.out());
        Path der = dir.resolve("ca.der");
        assertEquals(0, new Cli().run("proxy", "--ca-dir", ca.toString(), "--ca-export", der.toString()));
        assertEquals(0x30, Files.readAllBytes(der)[0], "DER starts with a SEQUENCE");
    }

    @Test
    void aNonLoopbackListenAddressNeedsAllowRemote() {
        Cli cli = new Cli();
        assertEquals(2, cli.run("proxy", "--listen", "0.0.0.0:0", "--ca-dir", dir.resolve("ca").toString()));
        assertTrue(cli.err().contains("--allow-remote"), cli.err());
        Cli bad = new Cli();
        assertEquals(2, bad.run("proxy", "--upstream-allow", "10.0.0.0/33", "--ca-dir", dir.resolve("ca").toString()));
        assertTrue(bad.err().contains("prefix length"), bad.err());
    }
}
