package dev.framescope.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Every process-wide setting, parsed once at start and passed down through constructors: leading command-line
 * options first ({@code --theme=dark}), then {@code framescope.*} system properties as overrides, then defaults.
 * This is the only place that reads system properties or the environment; lower layers receive plain values (a
 * byte count, a flag, a directory), never this record, so {@code wire}, {@code capture} and {@code engine} stay
 * free of it.
 *
 * @param theme                  {@code light} or {@code dark} ({@code --theme}, {@code framescope.theme})
 * @param demo                   open the built-in demo when the window starts without a file ({@code --no-demo},
 *                               {@code framescope.noDemo})
 * @param demoTickerRate         messages per second of the demo ticker ({@code framescope.demo.tickerRate})
 * @param demoTickers            how many demo tickers to open, for load runs ({@code framescope.demo.tickers})
 * @param memoryBudget           the capture memory budget in bytes, when set ({@code --memory-budget},
 *                               {@code framescope.memoryBudget}); empty means the default for this JVM
 * @param libraryReadsEveryFrame hand the library every frame, not only those it must act on
 *                               ({@code framescope.libraryReadsEveryFrame}; a benchmark comparison switch)
 * @param configDir              where settings live ({@code --config-dir}, {@code framescope.configDir}); empty
 *                               means the platform's directory, resolved from {@link #environment()}
 * @param formerHome             where earlier versions kept {@code .framescope/} ({@code framescope.home}, else
 *                               the user's home)
 * @param environment            the process environment and the JVM facts read at the edge
 * @param devHooks               development hooks for scripts (screenshots, GUI bench); never set by users
 */
public record AppOptions(String theme, boolean demo, int demoTickerRate, int demoTickers, OptionalLong memoryBudget,
        boolean libraryReadsEveryFrame, Optional<Path> configDir, Path formerHome, Environment environment,
        DevHooks devHooks) {

    /** What the JVM and the operating system told us at start. */
    public record Environment(Map<String, String> variables, String osName, Path userHome, String glassPlatform) {
        public Environment {
            variables = Map.copyOf(variables);
        }
    }

    /**
     * Hooks for the scripts in {@code scripts/}: {@code framescope.show=NAME[:TAB[:ROW]]} with
     * {@code framescope.show.after} seconds (screenshots), {@code framescope.bench.seconds} (GUI bench),
     * {@code framescope.bench.open=FILE} (GUI bench of opening a big session file).
     */
    public record DevHooks(Optional<String> show, double showAfterSeconds, OptionalInt benchSeconds,
                           Optional<Path> benchOpen) {
        public static DevHooks none() {
            return new DevHooks(Optional.empty(), 3, OptionalInt.empty(), Optional.empty());
        }
    }

    /** The options and the arguments left for the command line proper. */
    public record Parsed(AppOptions options, List<String> arguments) {
    }

    /** Defaults with the given environment: for tests, and the base of {@link #parse}. */
    public static AppOptions defaults(Environment environment) {
        return new AppOptions("light", true, 10, 1, OptionalLong.empty(), false, Optional.empty(),
                environment.userHome(), environment, DevHooks.none());
    }

    /** This process's options: {@code args}, then this JVM's system properties, then defaults. */
    public static Parsed fromProcess(String[] args) {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
        Environment environment = new Environment(System.getenv(), properties.getOrDefault("os.name", ""),
                Path.of(properties.getOrDefault("user.home", ".")), properties.getOrDefault("glass.platform", ""));
        return parse(List.of(args), properties, environment);
    }

    /**
     * Leading {@code --theme=}, {@code --no-demo}, {@code --memory-budget=} and {@code --config-dir=} are taken;
     * everything from the first other argument on is returned untouched. A system property overrides the option.
     *
     * @throws IllegalArgumentException naming the option and the value when one cannot be read
     */
    public static Parsed parse(List<String> args, Map<String, String> properties, Environment environment) {
        Map<String, String> given = new HashMap<>();
        int i = 0;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--no-demo")) {
                given.put("noDemo", "true");
            } else if (a.startsWith("--theme=")) {
                given.put("theme", a.substring("--theme=".length()));
            } else if (a.startsWith("--memory-budget=")) {
                given.put("memoryBudget", a.substring("--memory-budget=".length()));
            } else if (a.startsWith("--config-dir=")) {
                given.put("configDir", a.substring("--config-dir=".length()));
            } else {
                break;
            }
        }
        properties.forEach((k, v) -> {
            if (k.startsWith("framescope.")) {
                given.put(k.substring("framescope.".length()), v);
            }
        });
        AppOptions d = defaults(environment);
        String theme = given.getOrDefault("theme", d.theme()).trim().toLowerCase(Locale.ROOT);
        if (!theme.equals("light") && !theme.equals("dark")) {
            throw new IllegalArgumentException("--theme is light or dark, not '" + theme + "'");
        }
        OptionalLong budget = given.containsKey("memoryBudget") && !given.get("memoryBudget").isBlank()
                ? OptionalLong.of(parseSize("--memory-budget", given.get("memoryBudget"))) : OptionalLong.empty();
        Optional<Path> configDir = Optional.ofNullable(given.get("configDir")).filter(s -> !s.isBlank()).map(Path::of);
        Path formerHome = Optional.ofNullable(given.get("home")).filter(s -> !s.isBlank()).map(Path::of)
                .orElse(environment.userHome());
        OptionalInt bench = given.containsKey("bench.seconds")
                ? OptionalInt.of(parseInt("framescope.bench.seconds", given.get("bench.seconds"))) : OptionalInt.empty();
        DevHooks hooks = new DevHooks(Optional.ofNullable(given.get("show")).filter(s -> !s.isBlank()),
                given.containsKey("show.after") ? parseSeconds(given.get("show.after")) : 3, bench,
                Optional.ofNullable(given.get("bench.open")).filter(s -> !s.isBlank()).map(Path::of));
        AppOptions options = new AppOptions(theme, !Boolean.parseBoolean(given.getOrDefault("noDemo", "false")),
                given.containsKey("demo.tickerRate") ? parseInt("framescope.demo.tickerRate", given.get("demo.tickerRate"))
                        : d.demoTickerRate(),
                given.containsKey("demo.tickers") ? parseInt("framescope.demo.tickers", given.get("demo.tickers"))
                        : d.demoTickers(),
                budget, Boolean.parseBoolean(given.getOrDefault("libraryReadsEveryFrame", "false")), configDir,
                formerHome, environment, hooks);
        return new Parsed(options, new ArrayList<>(args.subList(i, args.size())));
    }

    /** A size such as {@code 64m}, {@code 1g}, {@code 4096} (bytes); k, m, g are powers of 1024. */
    public static long parseSize(String what, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        try {
            long bytes = Math.multiplyExact(Long.parseLong(t), unit);
            if (bytes < 0) {
                throw new NumberFormatException();
            }
            return bytes;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(what + " is a number of bytes with an optional k, m or g, such as"
                    + " 512m, not '" + text + "'");
        }
    }

    private static int parseInt(String what, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is a whole number, not '" + text + "'");
        }
    }

    private static double parseSeconds(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("framescope.show.after is a number of seconds, not '" + text + "'");
        }
    }
}
