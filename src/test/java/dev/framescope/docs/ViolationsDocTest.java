package dev.framescope.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.framescope.wire.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/violations.md} is generated from {@link Violation#values()}: this test renders it to
 * {@code target/violations.md} and fails while the committed file differs, saying how to bring it up to date.
 */
class ViolationsDocTest {

    static final Path COMMITTED = Path.of("docs", "violations.md");
    static final Path RENDERED = Path.of("target", "violations.md");

    @Test
    void committedCatalogueMatchesTheCode() throws IOException {
        String rendered = render();
        Files.createDirectories(RENDERED.getParent());
        Files.writeString(RENDERED, rendered, StandardCharsets.UTF_8);
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        assertEquals(rendered, committed, "docs/violations.md is stale (Violation changed). Regenerate it with:\n"
                + "  mvn -o -q -Dtest=ViolationsDocTest -Dsurefire.failIfNoSpecifiedTests=false test; "
                + "cp target/violations.md docs/violations.md\n(the first command fails and writes the new file)");
    }

    static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Protocol violations\n\n")
                .append("<!-- Generated from dev.framescope.wire.Violation by ViolationsDocTest; do not edit by hand. ")
                .append("To regenerate: run that test, then cp target/violations.md docs/violations.md -->\n\n")
                .append("Every rule Framescope checks has a stable id, the RFC section it comes from, a severity and ")
                .append("a one-line message. The window, the CLI, session files and exports all name a finding by ")
                .append("its id. A finding adds the value seen and the byte offset, e.g.\n")
                .append("`RFC6455-5.2 RESERVED_OPCODE at byte 7: The opcode is reserved; an endpoint must fail the ")
                .append("connection. (opcode 0x3)`.\n\n")
                .append(Violation.values().length).append(" rules:\n\n")
                .append("| id | RFC section | severity | rule |\n")
                .append("|---|---|---|---|\n");
        for (Violation v : Violation.values()) {
            md.append("| `").append(v.id()).append("` | ").append(v.rfcSection()).append(" | ")
                    .append(v.severity().name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(v.message().replace("|", "\\|")).append(" |\n");
        }
        return md.toString();
    }
}
