package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.io.RelayMarkFileTest;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.capture.io.SessionOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code framescope export --to pcapng} streams a session file: the intercepting proxy's edit is known by the relay
 * mark written before it, and left out, as in an export of the loaded capture.
 */
class ProxiedExportTest {

    @TempDir
    Path dir;

    @Test
    void aStreamedPcapngExportLeavesTheProxysFrameOut() throws Exception {
        CaptureLog original = RelayMarkFileTest.proxied();
        Path file = dir.resolve("proxied.fscap");
        try (SessionOutput out = SessionFiles.create(file, true, 2)) {
            out.write(original, original.readFrom(0, original.size()));
        }
        Path pcap = dir.resolve("proxied.pcapng");
        Cli cli = new Cli();
        assertEquals(0, cli.run("export", file.toString(), "--to", "pcapng", "--out", pcap.toString(),
                "--keep-secrets"), cli.err());
        String hex = HexFormat.of().formatHex(Files.readAllBytes(pcap));
        assertTrue(hex.contains(HexFormat.of().formatHex(RelayMarkFileTest.ORIGINAL)), "the app's frame as sent");
        assertFalse(hex.contains(HexFormat.of().formatHex(RelayMarkFileTest.EDIT).substring(0, 12)),
                "not the proxy's edit");
    }
}
