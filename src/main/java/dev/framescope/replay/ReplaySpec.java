package dev.framescope.replay;

import dev.framescope.capture.io.Redactor;
import dev.framescope.engine.Auth;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.ConnectionTemplate;
import dev.framescope.engine.Environment;
import dev.framescope.engine.ReconnectPolicy;
import dev.framescope.engine.Variables;
import dev.framescope.engine.io.ConnectionSetup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The spec a replay connects with: the recorded set-up (headers, auth, subprotocols, extension offers, heartbeat),
 * never reconnecting, with the URL possibly overridden and the secrets a redacted session lacks taken from the
 * environment:
 * <ul>
 *   <li>a variable {@code {{name}}}: the environment variable {@code name} (it also overrides the session's
 *       value);</li>
 *   <li>the auth helper's secret: {@code FRAMESCOPE_TOKEN} (bearer), {@code FRAMESCOPE_PASSWORD} (Basic),
 *       {@code FRAMESCOPE_API_KEY} (API key), {@code FRAMESCOPE_COOKIE_<NAME>} (each cookie);</li>
 *   <li>a header written by hand and redacted: {@code FRAMESCOPE_HEADER_<NAME>} ({@code Authorization} →
 *       {@code FRAMESCOPE_HEADER_AUTHORIZATION}, dashes as underscores).</li>
 * </ul>
 */
public final class ReplaySpec {

    private ReplaySpec() {
    }

    /**
     * Builds the spec.
     *
     * @throws ReplayException naming the secret that is missing and the variable to set, or a bad URL
     */
    public static ConnectionSpec build(ConnectionSetup setup, Optional<String> url, Map<String, String> env)
            throws ReplayException {
        ConnectionTemplate template = setup.template();
        if (url.isPresent()) {
            template = new ConnectionTemplate(url.get(), template.headers(), template.auth());
        } else if (template.url().contains(Redactor.MASK)) {
            throw new ReplayException("the recorded URL has a redacted query value (" + template.url()
                    + "): give the URL to replay against");
        }
        template = template.withHeaders(headers(template.headers(), env)).withAuth(auth(template.auth(), env));
        Variables vars = variables(setup.environment(), env, TemplateText.of(template));
        try {
            ConnectionSpec spec = template.spec(setup.options().withReconnect(ReconnectPolicy.OFF), vars);
            return spec;
        } catch (Variables.VariableException e) {
            throw new ReplayException(e.getMessage() + "; set the environment variable " + e.variable());
        } catch (IllegalArgumentException e) {
            throw new ReplayException(e.getMessage());
        }
    }

    private static Variables variables(Optional<Environment> recorded, Map<String, String> env, String uses) {
        List<Variables.Variable> all = new ArrayList<>();
        for (Variables.Variable v : recorded.map(e -> e.variables()).orElse(List.of())) {
            String value = env.getOrDefault(v.name(), v.value());
            if (value != null && !(v.secret() && value.isEmpty() && !env.containsKey(v.name()))) {
                all.add(new Variables.Variable(v.name(), value, v.secret()));
            }
        }
        Variables vars = Variables.of(all);
        for (Map.Entry<String, String> e : env.entrySet()) {
            // Only variables the template refers to: every other environment value stays out of the secrets.
            if (vars.get(e.getKey()).isEmpty() && e.getKey().matches("[A-Za-z0-9_.-]+")
                    && uses.matches("(?s).*\\{\\{\\s*" + Pattern.quote(e.getKey()) + "\\s*}}.*")) {
                vars = vars.with(new Variables.Variable(e.getKey(), e.getValue(), true));
            }
        }
        return vars;
    }

    /** All the text of a template that may refer to variables. */
    private static final class TemplateText {
        static String of(ConnectionTemplate t) {
            StringBuilder all = new StringBuilder(t.url());
            t.headers().forEach(h -> all.append('\n').append(h.name()).append(':').append(h.value()));
            all.append('\n').append(t.auth());
            return all.toString();
        }
    }

    private static List<ConnectionSpec.Header> headers(List<ConnectionSpec.Header> recorded, Map<String, String> env)
            throws ReplayException {
        List<ConnectionSpec.Header> out = new ArrayList<>();
        for (ConnectionSpec.Header h : recorded) {
            if (h.value().contains(Redactor.MASK)) {
                String name = "FRAMESCOPE_HEADER_" + h.name().toUpperCase(Locale.ROOT).replace('-', '_');
                out.add(new ConnectionSpec.Header(h.name(), need(env, name, "header " + h.name())));
            } else {
                out.add(h);
            }
        }
        return out;
    }

    private static Auth auth(Auth recorded, Map<String, String> env) throws ReplayException {
        if (recorded instanceof Auth.Bearer b && b.token().isEmpty()) {
            return new Auth.Bearer(need(env, "FRAMESCOPE_TOKEN", "the bearer token"));
        }
        if (recorded instanceof Auth.Basic b && b.password().isEmpty()) {
            return new Auth.Basic(b.user(), need(env, "FRAMESCOPE_PASSWORD", "the Basic password"));
        }
        if (recorded instanceof Auth.ApiKey k && k.value().isEmpty()) {
            return new Auth.ApiKey(k.name(), need(env, "FRAMESCOPE_API_KEY", "the API key"), k.placement());
        }
        if (recorded instanceof Auth.Cookies c) {
            List<Auth.Cookie> cookies = new ArrayList<>();
            for (Auth.Cookie cookie : c.cookies()) {
                String name = "FRAMESCOPE_COOKIE_" + cookie.name().toUpperCase(Locale.ROOT).replace('-', '_');
                cookies.add(cookie.value().isEmpty()
                        ? new Auth.Cookie(cookie.name(), need(env, name, "cookie " + cookie.name())) : cookie);
            }
            return new Auth.Cookies(cookies);
        }
        return recorded;
    }

    private static String need(Map<String, String> env, String variable, String what) throws ReplayException {
        String value = env.get(variable);
        if (value == null || value.isEmpty()) {
            throw new ReplayException("the session does not keep " + what + " (it was redacted): set the "
                    + "environment variable " + variable);
        }
        return value;
    }
}
