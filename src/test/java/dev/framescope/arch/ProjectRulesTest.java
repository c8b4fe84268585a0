package dev.framescope.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's hard rules over every main source file, read as code (comments and strings aside): one seam to the
 * FX thread, settings only from {@code AppOptions}, no static executors, no file over 450 lines (LiveWindow 200,
 * Connection 350). Files still being
 * fixed are listed by name as pending: a new offender fails, and so does a pending one that no longer offends, so
 * the list only shrinks (take the file off it).
 */
class ProjectRulesTest {

    private static final Path MAIN = Path.of("src/main/java/dev/framescope");
    private static final int MAX_LINES = 450;

    /** A source file: its path under {@link #MAIN} ({@code ui/live/LiveWindow.java}), its code, its line count. */
    record Source(String path, JavaSource code, long lines) {
        static Source of(String path, String text) {
            return new Source(path, JavaSource.of(text), text.lines().count());
        }
    }

    /** A rule: what breaks it, where it is allowed by design, and the files still being fixed. */
    record Rule(String name, Predicate<Source> breaks, Set<String> allowed, Set<String> pending) {
    }

    private static final Pattern SETTINGS_READ = Pattern.compile(
            "\\b(?:System\\s*\\.\\s*(?:getProperty|getProperties|getenv)|Integer\\s*\\.\\s*getInteger"
                    + "|Long\\s*\\.\\s*getLong|Boolean\\s*\\.\\s*getBoolean)\\s*\\(");
    private static final Pattern STATIC_EXECUTOR = Pattern.compile(
            "\\bstatic\\b[^;=(){}]*\\b(?:Executor|ExecutorService|ScheduledExecutorService|ForkJoinPool|Timer)"
                    + "\\s+\\w+\\s*[=;]");

    static final List<Rule> RULES = List.of(
            new Rule("one seam to the FX thread: Platform.runLater only in the dispatcher",
                    s -> s.code().mentions("runLater"), Set.of("ui/fx/FxUiDispatcher.java"), Set.of()),
            new Rule("settings come from AppOptions: no System.getProperty, getenv, Integer.getInteger elsewhere",
                    s -> SETTINGS_READ.matcher(s.code().code()).find(), Set.of("cli/AppOptions.java"), Set.of()),
            new Rule("no static executors: the scheduler is injected",
                    s -> STATIC_EXECUTOR.matcher(s.code().code()).find(), Set.of(), Set.of()),
            new Rule("no production source file over " + MAX_LINES + " lines", s -> s.lines() > MAX_LINES, Set.of(),
                    Set.of()),
            new Rule("the window's composition root stays small: LiveWindow at most 200 lines",
                    s -> s.path().equals("ui/live/LiveWindow.java") && s.lines() > 200, Set.of(), Set.of()),
            new Rule("the connection's lifecycle stays small: Connection at most 350 lines",
                    s -> s.path().equals("engine/Connection.java") && s.lines() > 350, Set.of(), Set.of()));

    @Test
    void everyRuleHoldsExceptWhereAllowedOrPending() {
        List<Source> sources = mainSources();
        assertTrue(sources.size() > 50, "expected to scan the main sources, found " + sources.size());
        List<String> problems = new ArrayList<>();
        for (Rule rule : RULES) {
            Set<String> offenders = new TreeSet<>();
            sources.stream().filter(rule.breaks()).map(Source::path).forEach(offenders::add);
            offenders.stream().filter(p -> !rule.allowed().contains(p) && !rule.pending().contains(p))
                    .forEach(p -> problems.add(p + " breaks '" + rule.name() + "'"));
            rule.pending().stream().filter(p -> !offenders.contains(p))
                    .forEach(p -> problems.add(p + " no longer breaks '" + rule.name() + "': take it off the pending"
                            + " list in ProjectRulesTest"));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void eachRuleCatchesASyntheticOffender() {
        assertTrue(breaks(0, "class X { void f() { javafx.application.Platform.runLater(() -> { }); } }"));
        assertTrue(breaks(0, "import static javafx.application.Platform.runLater;\nclass X { { runLater(r); } }"));
        assertTrue(breaks(1, "class X { String h = System.getProperty(\"user.home\"); }"));
        assertTrue(breaks(1, "class X { int n = Integer.getInteger(\"framescope.n\", 1); }"));
        assertTrue(breaks(1, "class X { String d = System\n        .getenv(\"DISPLAY\"); }"));
        assertTrue(breaks(2, "class X { private static final ExecutorService POOL = Executors.newCachedThreadPool(); }"));
        assertTrue(breaks(2, "class X { static ScheduledExecutorService timers; }"));
        assertTrue(breaks(3, "class X {\n" + "  int a;\n".repeat(MAX_LINES) + "}\n"));
    }

    @Test
    void commentsStringsAndLookAlikesAreNotOffences() {
        String quiet = "/** Never Platform.runLater here; System.getProperty is read in AppOptions. */\n"
                + "class X {\n  String s = \"System.getenv(x) runLater\";\n"
                + "  private final ExecutorService pool = Executors.newSingleThreadExecutor();\n"
                + "  static Executor of(ExecutorService e) { return e; }\n"
                + "  void runLaterish() { }\n}\n";
        for (int rule = 0; rule < RULES.size(); rule++) {
            assertFalse(breaks(rule, quiet), RULES.get(rule).name());
        }
    }

    private static boolean breaks(int rule, String body) {
        return RULES.get(rule).breaks().test(Source.of("x/X.java", "package dev.framescope.x;\n" + body));
    }

    private static List<Source> mainSources() {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).map(p -> Source.of(
                    MAIN.relativize(p).toString().replace('\\', '/'), read(p))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
