package dev.framescope.probe;

import dev.framescope.capture.CaptureLog;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.RawUpgrade;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * A case that is one crafted opening handshake (20.1.3, 20.1.4): a request our driver would never write, sent on a
 * socket of its own through {@link RawUpgrade}, recorded like any upgrade, and watched for the server's answer.
 */
final class UpgradeRun {

    private UpgradeRun() {
    }

    /** The observation of {@code step}'s exchange, its capture in {@code log}. */
    static Observation run(ConnectionSpec target, Step.Upgrade step, CaptureLog log, LongSupplier clock,
                           Duration wait) {
        RawUpgrade.exchange(target, request(target, step), log, clock, wait);
        Watch watch = new Watch(log, false);
        watch.drain();
        return watch.observation(watch.upgradeStatus() == 101, false, false);
    }

    /** The request of RFC 6455 §4.1, with {@code step}'s version and, if it says so, no key; the user's fields too. */
    static byte[] request(ConnectionSpec target, Step.Upgrade step) {
        URI uri = target.uri();
        StringBuilder sb = new StringBuilder(256);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        sb.append("GET ").append(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery())
                .append(" HTTP/1.1\r\n");
        boolean userHost = target.headers().stream().anyMatch(h -> h.name().equalsIgnoreCase("Host"));
        if (!userHost) {
            line(sb, "Host", host(uri, target.secure()));
        }
        line(sb, "Upgrade", "websocket");
        line(sb, "Connection", "Upgrade");
        if (step.withKey()) {
            byte[] nonce = new byte[16];
            new Random().nextBytes(nonce);
            line(sb, "Sec-WebSocket-Key", Base64.getEncoder().encodeToString(nonce));
        }
        line(sb, "Sec-WebSocket-Version", step.version());
        target.headers().forEach(h -> line(sb, h.name(), h.value()));
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String host(URI uri, boolean secure) {
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]"
                : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        return port < 0 || port == (secure ? 443 : 80) ? host : host + ":" + port;
    }

    private static void line(StringBuilder sb, String name, String value) {
        sb.append(name).append(": ").append(value).append("\r\n");
    }
}
