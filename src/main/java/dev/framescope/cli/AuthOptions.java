package dev.framescope.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framescope.engine.Auth;
import dev.framescope.engine.Environment;
import dev.framescope.engine.Environments;
import dev.framescope.engine.Variables;
import dev.framescope.engine.Variables.Variable;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The {@code capture} options for variables and the auth helper (a picocli mixin). */
final class AuthOptions {

    @Option(names = "--env", paramLabel = "FILE", description = "Variables from an environment file: JSON "
            + "({\"name\": …, \"variables\": [{\"name\", \"value\", \"secret\"}]} or {\"name\": \"value\", …}) or "
            + ".properties (name=value; secret.name=value for a secret).")
    Optional<Path> envFile = Optional.empty();

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A variable for {{NAME}} in the URL, "
            + "--header and --send (repeatable; wins over --env).")
    List<String> vars = new ArrayList<>();

    @Option(names = "--secret", paramLabel = "NAME=VALUE", description = "A secret variable: like --var, and its "
            + "value is redacted from the session file and exports unless --keep-secrets.")
    List<String> secretVars = new ArrayList<>();

    @ArgGroup(exclusive = true)
    Helper helper = new Helper();

    /** One auth helper per connection; more header fields go through --header. */
    static final class Helper {
        @Option(names = "--bearer", paramLabel = "TOKEN", description = "Send Authorization: Bearer TOKEN.")
        Optional<String> bearer = Optional.empty();

        @Option(names = "--basic", paramLabel = "USER:PASS", description = "Send Authorization: Basic "
                + "base64(USER:PASS).")
        Optional<String> basic = Optional.empty();

        @Option(names = "--api-key", paramLabel = "NAME=VALUE[@query]", description = "Send an API key as header "
                + "field NAME, or with @query as query parameter NAME.")
        Optional<String> apiKey = Optional.empty();

        @Option(names = "--cookie", paramLabel = "NAME=VALUE", description = "Send a cookie (repeatable; one "
                + "Cookie header field).")
        List<String> cookies = new ArrayList<>();
    }

    /** The environment file's variables, then --var and --secret (later ones win). */
    Environment environment() throws IOException {
        Environment fromFile = envFile.isPresent() ? read(envFile.get()) : Environment.empty("command line");
        List<Variable> all = new ArrayList<>(fromFile.variables());
        vars.forEach(v -> all.add(variable(v, false, "--var")));
        secretVars.forEach(v -> all.add(variable(v, true, "--secret")));
        return new Environment(fromFile.name(), Variables.of(all).all());
    }

    Auth auth() {
        if (helper.bearer.isPresent()) {
            return new Auth.Bearer(helper.bearer.get());
        }
        if (helper.basic.isPresent()) {
            String text = helper.basic.get();
            int colon = text.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("--basic is USER:PASS, not '" + text.replaceAll(".", "*") + "'");
            }
            return new Auth.Basic(text.substring(0, colon), text.substring(colon + 1));
        }
        if (helper.apiKey.isPresent()) {
            String text = helper.apiKey.get();
            Auth.Placement placement = Auth.Placement.HEADER;
            if (text.endsWith("@query")) {
                placement = Auth.Placement.QUERY;
                text = text.substring(0, text.length() - "@query".length());
            } else if (text.endsWith("@header")) {
                text = text.substring(0, text.length() - "@header".length());
            }
            int eq = text.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--api-key is NAME=VALUE[@query], not '" + helper.apiKey.get()
                        .replaceAll("=.*", "=…") + "'");
            }
            return new Auth.ApiKey(text.substring(0, eq), text.substring(eq + 1), placement);
        }
        if (!helper.cookies.isEmpty()) {
            return new Auth.Cookies(helper.cookies.stream().map(Auth.Cookie::parse).toList());
        }
        return Auth.NONE;
    }

    private static Variable variable(String text, boolean secret, String option) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(option + " is NAME=VALUE, not '" + (secret ? "…" : text) + "'");
        }
        return new Variable(text.substring(0, eq).trim(), text.substring(eq + 1), secret);
    }

    /** Reads an environment file; JSON by its first character, properties otherwise. */
    static Environment read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String defaultName = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        if (text.stripLeading().startsWith("{")) {
            Map<?, ?> tree;
            try {
                tree = new ObjectMapper().readValue(text, Map.class);
            } catch (JsonProcessingException e) {
                throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
            }
            try {
                if (tree.containsKey("environments")) {
                    Environments envs = Environments.fromTree(tree);
                    return envs.activeEnvironment().or(() -> envs.all().size() == 1
                            ? Optional.of(envs.all().get(0)) : Optional.empty())
                            .orElseThrow(() -> new IOException(file + " holds environments "
                                    + envs.all().stream().map(Environment::name).toList() + " and none is \"active\""));
                }
                return Environment.fromTree(tree, defaultName);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
        Properties props = new Properties();
        try (Reader r = new StringReader(text)) {
            props.load(r);
        }
        List<Variable> variables = new ArrayList<>();
        for (String key : props.stringPropertyNames().stream().sorted().toList()) {
            boolean secret = key.startsWith("secret.");
            String name = secret ? key.substring("secret.".length()) : key;
            try {
                variables.add(new Variable(name, props.getProperty(key), secret));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
        return new Environment(defaultName, variables);
    }
}
