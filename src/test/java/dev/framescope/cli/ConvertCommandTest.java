package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.capture.io.SessionJson;
import dev.framescope.capture.io.SessionReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code framescope convert}: version 2 ⇄ version 1 without loss, and our own pcapng export back to a session. */
class ConvertCommandTest {

    @TempDir
    static Path dir;

    private static Path session;

    /**
     * One capture for both tests: version 2, an echo exchange, pings. Up to three tries: on this machine the demo
     * echo fails some upgrades with "closed during the handshake (-1)", on main as well (reported with issue 15).
     */
    @BeforeAll
    static void capture() {
        session = dir.resolve("echo.fscap");
        Cli cli = new Cli();
        int code = -1;
        for (int attempt = 0; attempt < 3 && code != 0; attempt++) {
            code = cli.run("capture", dev.framescope.testutil.SharedDemo.server().uri("/echo").toString(), "--send",
                    "hello framescope", "--ping-interval", "50ms", "--duration", "400ms", "--keep-secrets", "--out",
                    session.toString());
        }
        assertEquals(0, code, cli.err());
    }

    private static List<String> events(Path file, boolean wireOnly) throws Exception {
        SessionReader.Loaded loaded = SessionFiles.load(file, 1 << 24);
        assertEquals(List.of(), loaded.problems());
        CaptureLog log = loaded.logs().get(0);
        return log.readFrom(0, log.size()).stream()
                .filter(e -> !wireOnly || e instanceof CaptureEvent.FrameEvent || e instanceof CaptureEvent.MessageEvent)
                .map(e -> {
                    var json = SessionJson.toJson(log, e, true);
                    json.remove("seq");
                    if (wireOnly) {
                        json.remove("t");
                    }
                    return json.toString();
                })
                .collect(Collectors.toList());
    }

    @Test
    void version2ToVersion1AndBackKeepsEveryEvent() throws Exception {
        Path v1 = dir.resolve("v1.fscap");
        Path v2 = dir.resolve("v2.fscap");
        Cli cli = new Cli();
        assertEquals(0, cli.run("convert", "--to", "1", session.toString(), v1.toString()), cli.err());
        assertTrue(Files.readString(v1).startsWith("{\"format\":\"framescope-session\",\"version\":1"));
        assertEquals(0, cli.run("convert", v1.toString(), v2.toString()), cli.err());
        assertEquals(2, SessionFiles.version(v2));

        List<String> original = events(session, false);
        assertTrue(original.size() > 8, original.toString());
        assertEquals(withoutTimes(original), withoutTimes(events(v1, false)), "version 1 keeps every event");
        assertEquals(original, events(v2, false), "and back to version 2, to the microsecond");

        Cli a = new Cli();
        Cli b = new Cli();
        assertEquals(0, a.run("inspect", session.toString()));
        assertEquals(0, b.run("inspect", v1.toString()));
        assertEquals(a.out(), b.out(), "inspect reads both versions alike");
    }

    @Test
    void aTornPcapngConvertsWhatCameBeforeTheCutAndNamesIt() throws Exception {
        Path pcapng = dir.resolve("torn.pcapng");
        Path back = dir.resolve("torn.fscap");
        Cli cli = new Cli();
        assertEquals(0, cli.run("export", session.toString(), "--to", "pcapng", "--keep-secrets", "--out",
                pcapng.toString()), cli.err());
        byte[] whole = Files.readAllBytes(pcapng);
        Files.write(pcapng, java.util.Arrays.copyOf(whole, whole.length - 30));
        assertEquals(1, cli.run("convert", pcapng.toString(), back.toString()));
        assertTrue(cli.err().contains("the file ends inside the block at byte offset "), cli.err());
        List<String> original = events(session, true);
        List<String> rebuilt = events(back, true);
        assertEquals(original.subList(0, rebuilt.size()), rebuilt, "every frame before the cut");
        assertTrue(rebuilt.size() >= original.size() - 2, rebuilt.size() + " of " + original.size());
    }

    /** A version 1 file with more payload than a streamed read keeps on the heap (it spills) converts whole. */
    @Test
    void aVersion1FileWithSpilledPayloadsConvertsWhole() throws Exception {
        CaptureLog log = new CaptureLog(1, "big", new dev.framescope.capture.PayloadStore(1 << 20));
        var d = new dev.framescope.wire.StreamDissector(dev.framescope.wire.Sender.SERVER);
        for (int i = 0; i < 3; i++) {
            byte[] payload = new byte[8 << 20];
            java.util.Arrays.fill(payload, (byte) ('a' + i));
            for (var item : d.feed(dev.framescope.wire.FrameEncoder.binary(payload).encode())) {
                if (item instanceof dev.framescope.wire.Dissected.FrameItem f) {
                    log.append(i, s -> new CaptureEvent.FrameEvent(s, dev.framescope.capture.Direction.IN,
                            f.frame().header(), f.frame().chunkOffset(), f.frame().lastChunk(),
                            log.payloads().store(f.frame().payload()), f.messageOpcode(), java.util.Optional.empty(),
                            f.findings()));
                }
            }
        }
        Path v1 = dir.resolve("big1.fscap");
        try (var w = new dev.framescope.capture.io.SessionWriter(v1, true)) {
            w.write(log, log.readFrom(0, log.size()));
        }
        Path v2 = dir.resolve("big2.fscap");
        Cli cli = new Cli();
        assertEquals(0, cli.run("convert", v1.toString(), v2.toString()), cli.err());
        assertEquals(events(v1, true), events(v2, true));
        assertTrue(Files.size(v2) > 24 << 20 && Files.size(v2) < (24 << 20) + 4096, "raw bytes: " + Files.size(v2));
        log.close();
    }

    /** Version 1 keeps times to the microsecond; version 2 to the nanosecond. */
    private static List<String> withoutTimes(List<String> events) {
        return events.stream().map(e -> e.replaceAll("\"t\":[0-9.E-]+,", "")).collect(Collectors.toList());
    }

    @Test
    void ourPcapngExportConvertsBackToTheSameFramesAndMessages() throws Exception {
        Path pcapng = dir.resolve("echo.pcapng");
        Path back = dir.resolve("back.fscap");
        Cli cli = new Cli();
        assertEquals(0, cli.run("export", session.toString(), "--to", "pcapng", "--keep-secrets", "--out",
                pcapng.toString()), cli.err());
        assertEquals(0, cli.run("convert", pcapng.toString(), back.toString()), cli.err());

        List<String> original = events(session, true);
        List<String> rebuilt = events(back, true);
        assertTrue(original.size() >= 8, original.toString());
        assertEquals(original, rebuilt, "frames and messages, directions, headers, payloads and inflations");
        SessionReader.Loaded loaded = SessionFiles.load(back, 1 << 24);
        CaptureLog log = loaded.logs().get(0);
        assertTrue(log.label().startsWith("ws://127.0.0.1:"), log.label());
        assertTrue(log.readFrom(0, log.size()).stream().anyMatch(e -> e instanceof CaptureEvent.HandshakeEvent h
                && h.acceptOk()), "the handshake, re-dissected and checked");
    }
}
