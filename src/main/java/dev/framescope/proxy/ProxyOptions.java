package dev.framescope.proxy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How a proxy runs.
 *
 * @param listen           where the app connects
 * @param reverse          reverse mode's one upstream ({@code ws://} or {@code wss://}); empty for a forward proxy
 * @param allow            where the proxy may connect
 * @param ca               the CA that signs the app-facing certificates; empty passes TLS tunnels through unread
 * @param upstreamTls      the context for TLS toward servers (verifying, unless {@code insecureUpstream})
 * @param insecureUpstream whether {@code upstreamTls} skips verification: shown on every connection it affects
 * @param headTimeout      how long an app may take to send a request head
 * @param connectTimeout   how long a dial to the server may take
 * @param breakpoints      the rules that hold messages, and who is told ({@link Breakpoints#off()} for none)
 */
public record ProxyOptions(InetSocketAddress listen, Optional<URI> reverse, UpstreamAllowList allow,
        Optional<LocalCa> ca, SSLContext upstreamTls, boolean insecureUpstream, Duration headTimeout,
        Duration connectTimeout, Breakpoints breakpoints) {

    public static ProxyOptions forward(InetSocketAddress listen, UpstreamAllowList allow, SSLContext upstreamTls) {
        return new ProxyOptions(listen, Optional.empty(), allow, Optional.empty(), upstreamTls, false,
                Duration.ofSeconds(30), Duration.ofSeconds(10), Breakpoints.off());
    }

    public ProxyOptions withReverse(URI upstream) {
        return new ProxyOptions(listen, Optional.of(upstream), allow, ca, upstreamTls, insecureUpstream, headTimeout,
                connectTimeout, breakpoints);
    }

    public ProxyOptions withCa(LocalCa authority) {
        return new ProxyOptions(listen, reverse, allow, Optional.of(authority), upstreamTls, insecureUpstream,
                headTimeout, connectTimeout, breakpoints);
    }

    public ProxyOptions withUpstreamTls(SSLContext context, boolean insecure) {
        return new ProxyOptions(listen, reverse, allow, ca, context, insecure, headTimeout, connectTimeout,
                breakpoints);
    }

    public ProxyOptions withHeadTimeout(Duration timeout) {
        return new ProxyOptions(listen, reverse, allow, ca, upstreamTls, insecureUpstream, timeout, connectTimeout,
                breakpoints);
    }

    public ProxyOptions withBreakpoints(Breakpoints rules) {
        return new ProxyOptions(listen, reverse, allow, ca, upstreamTls, insecureUpstream, headTimeout, connectTimeout,
                rules);
    }

    /** "forward" or "reverse to ws://…", for the status line. */
    public String modeText() {
        return reverse.map(u -> "reverse to " + u).orElse("forward");
    }
}
