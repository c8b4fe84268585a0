package dev.framescope.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README stays a front page, and every relative link in the README, packaging/README.md and docs/ points at a
 * file that exists and, with an anchor, at a heading of it.
 */
class DocsLinksTest {

    /** A relative link: the file (empty for this page) and the anchor, if any. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]*)(?:#([^)\\s]*))?\\)");
    private static final Pattern HEADING = Pattern.compile("^#+\\s+(.+)$", Pattern.MULTILINE);

    @Test
    void readmeIsAFrontPage() throws IOException {
        long lines = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8).size();
        assertTrue(lines <= 200, "README.md has " + lines + " lines; details belong in docs/");
    }

    @Test
    void relativeLinksResolve() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), Path.of("packaging", "README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            Matcher m = LINK.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (m.find()) {
                String target = m.group(1);
                if (target.contains("://") || target.startsWith("mailto:")) {
                    continue;
                }
                Path resolved = target.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(target).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(page + " → " + target);
                } else if (m.group(2) != null && resolved.toString().endsWith(".md")
                        && !anchors(resolved).contains(m.group(2))) {
                    broken.add(page + " → " + target + "#" + m.group(2) + " (no such heading)");
                }
            }
        }
        assertTrue(broken.isEmpty(), "links to missing files or headings: " + broken);
    }

    /** GitHub's anchors for a page's headings: lower case, punctuation dropped, spaces as hyphens. */
    private static List<String> anchors(Path page) throws IOException {
        List<String> anchors = new ArrayList<>();
        Matcher h = HEADING.matcher(Files.readString(page, StandardCharsets.UTF_8));
        while (h.find()) {
            anchors.add(h.group(1).trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-'));
        }
        return anchors;
    }
}
