package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.demo.DemoServer;
import dev.framescope.engine.Engine;
import dev.framescope.engine.VirtualScheduler;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.ProxiedClient;
import dev.framescope.testutil.SharedDemo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code framescope proxy --break}: rules checked with a message naming the bad part; headless holds time out. */
class ProxyBreakCommandTest {

    private static final Pattern LISTENING = Pattern.compile("proxy listening on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sideways:*:text|the direction 'sideways' is not out, in or any",
        "in:/chat:txt|no message kind after the URL glob (found 'txt'",
        "in:/chat:text:/a(/|is not a valid regular expression",
        "in:/chat:text:order|no message kind after the URL glob",
        "nothing|it has no ':'"})
    void aMalformedRuleIsRefusedNamingTheBadPart(String rule, String why) {
        Cli cli = new Cli();
        assertEquals(2, cli.run("proxy", "--break", rule, "--ca-dir", dir.resolve("ca").toString()));
        assertTrue(cli.err().contains("--break: breakpoint '" + rule + "': "), cli.err());
        assertTrue(cli.err().contains(why), cli.err());
    }

    @Test
    void helpSpellsOutTheRuleSyntaxAndTheTimeout() {
        Cli cli = new Cli();
        assertEquals(0, cli.run("proxy", "--help"));
        String help = cli.out();
        assertTrue(help.contains("--break=RULE") && help.contains("DIRECTION:URL-GLOB:KIND[:/REGEX/[i]]")
                && help.contains("'in:/ws/chat:text:/\"type\":\"order\"/'"), help);
        assertTrue(help.replaceAll("\\s+", " ").contains("each one goes on unchanged after --hold-timeout"), help);
        assertTrue(help.contains("--hold-timeout=D"), help);
    }

    @Test
    void withoutAWindowAHeldMessageGoesOnUnchangedAfterTheHoldTimeout() throws Exception {
        VirtualScheduler clock = new VirtualScheduler();
        DemoServer demo = SharedDemo.server();
        Path session = dir.resolve("held.fscap");
        Cli cli = new Cli(Engine.Factory.on(clock));
        CompletableFuture<Integer> exit = cli.start("proxy", "--listen", "127.0.0.1:0", "--upstream-allow",
                "127.0.0.0/8,::1", "--out", session.toString(), "--connections", "1", "--ca-dir",
                dir.resolve("ca").toString(), "--break", "out:/echo:text:/order/", "--hold-timeout", "5s");
        Await.until(() -> cli.out().contains("TLS:"), "the proxy's address: " + cli.out() + cli.err());
        Matcher m = LISTENING.matcher(cli.out());
        assertTrue(m.find());
        assertTrue(cli.out().contains("breakpoints: [out:/echo:text:/order/]"), cli.out());
        List<String> got = ProxiedClient.connect(Integer.parseInt(m.group(1)), demo.uri("/echo"), "order 7", true)
                .got();
        Await.until(() -> cli.out().contains("held #1 at 'out:/echo:text:/order/': app → server"), cli.out());
        assertEquals(List.of(), got, "nothing echoed while held");
        clock.advance(Duration.ofSeconds(5));
        Await.until(() -> got.contains("order 7"), "the echo after the timeout: " + got);
        assertEquals(0, exit.get(20, TimeUnit.SECONDS), cli.err() + cli.out());
        assertTrue(cli.out().contains("held #1: timed out: forwarded unchanged"), cli.out());
        List<String> notes = SessionFiles.load(session, 1 << 20).logs().get(0).readFrom(0, 10_000).stream()
                .filter(CaptureEvent.NoteEvent.class::isInstance).map(e -> ((CaptureEvent.NoteEvent) e).text())
                .toList();
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("the hold timed out: the app's text message")),
                notes.toString());
    }
}
