package dev.framescope.ui.live;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a connection failed, in plain words, from the engine's detail ("TCP: cannot connect to 127.0.0.1:9199
 * (Connection refused)"): the phase that failed and what the operating system or TLS said, translated where we know
 * what it means.
 *
 * @param phase  the step that failed: DNS, TCP, TLS, Proxy or Upgrade
 * @param reason what went wrong, e.g. "connection refused — nothing listens on 127.0.0.1:9199"
 */
public record FailureReason(String phase, String reason) {

    private static final Pattern TCP = Pattern.compile("TCP: cannot connect to (\\S+) \\((.*)\\)", Pattern.DOTALL);

    /** The engine's failure detail explained. */
    public static FailureReason explain(String detail) {
        String d = detail.strip();
        Matcher tcp = TCP.matcher(d);
        if (tcp.matches()) {
            return new FailureReason("TCP", tcpReason(tcp.group(1), tcp.group(2)));
        }
        if (d.startsWith("DNS: ")) {
            return new FailureReason("DNS", d.substring(5).replace("cannot resolve host", "no such host:")
                    + " (the name did not resolve)");
        }
        if (d.startsWith("TLS: ")) {
            String tls = d.substring(5);
            if (tls.contains("Unsupported or unrecognized SSL message")) {
                return new FailureReason("TLS", "TLS handshake failed: the server spoke plain HTTP — try ws://");
            }
            return new FailureReason("TLS", "TLS handshake failed: " + tls);
        }
        if (d.startsWith("proxy ")) {
            return new FailureReason("Proxy", d);
        }
        if (d.startsWith("upgrade failed: ")) {
            String why = d.substring("upgrade failed: ".length());
            if (why.startsWith("closed during the handshake")) {
                return new FailureReason("Upgrade", "the server hung up during the upgrade, before answering "
                        + "101 Switching Protocols");
            }
            if (why.contains("Unsupported or unrecognized SSL message")) {
                return new FailureReason("TLS", "TLS handshake failed: the server spoke plain HTTP — try ws://");
            }
            return new FailureReason("Upgrade", "the upgrade failed: " + why);
        }
        return new FailureReason("Connect", d);
    }

    private static String tcpReason(String target, String os) {
        String lower = os.toLowerCase(Locale.ROOT);
        if (lower.contains("connection refused")) {
            return "connection refused — nothing listens on " + target;
        }
        if (lower.contains("timed out")) {
            return "no answer from " + target + " within the connect timeout";
        }
        if (lower.contains("no route") || lower.contains("unreachable")) {
            return target + " cannot be reached (" + os + ")";
        }
        return "cannot connect to " + target + " (" + os + ")";
    }

    /** "connection refused — nothing listens on 127.0.0.1:9199". */
    @Override
    public String toString() {
        return reason;
    }

    /** "Failed during TCP: connection refused — …", for the Handshake tab. */
    public String withPhase() {
        return "Failed during " + phase + ": " + reason;
    }

    /** A failure from a connection's state detail, when it failed. */
    static Optional<FailureReason> of(Optional<String> detail) {
        return detail.filter(s -> !s.isBlank()).map(FailureReason::explain);
    }
}
