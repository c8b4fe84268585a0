package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.framescope.capture.io.Exports.Format;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Export remembers: the connection's name and time as the file name, the last folder, the chosen type's extension. */
class ExportTargetTest {

    private static final Instant AT = Instant.parse("2026-12-04T17:30:12Z");
    private static final String STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneId.systemDefault()).format(AT);

    @Test
    void theSuggestionIsTheConnectionsNameAndTime() {
        assertEquals("demo-ticker-" + STAMP + ".pcapng", ExportTarget.suggestedName("demo ticker", AT, "pcapng"));
        assertEquals("chat.example-socket-" + STAMP + ".har",
                ExportTarget.suggestedName("wss://chat.example/socket", AT, "har").replaceFirst("^wss-", ""));
        assertEquals("capture-" + STAMP + ".txt", ExportTarget.suggestedName("///", AT, "txt"));
    }

    @Test
    void theChosenTypeSetsTheExtensionUnlessTheUserTypedOne() {
        ExportTarget target = new ExportTarget();
        assertEquals(new ExportTarget.Chosen(Path.of("/out/x.har"), Format.HAR),
                target.chosen(Path.of("/out/x.pcapng"), Format.PCAPNG, Optional.of(Format.HAR)), "type chosen");
        assertEquals(new ExportTarget.Chosen(Path.of("/out/x.txt"), Format.TEXT),
                target.chosen(Path.of("/out/x.txt"), Format.PCAPNG, Optional.of(Format.HAR)), "extension typed");
        assertEquals(new ExportTarget.Chosen(Path.of("/elsewhere/y.jsonl"), Format.JSON),
                target.chosen(Path.of("/elsewhere/y"), Format.PCAPNG, Optional.of(Format.JSON)), "none typed");
        assertEquals(Optional.of(Path.of("/elsewhere")), target.lastFolder(), "the next dialog opens here");
    }
}
