package dev.framescope.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the proxy may connect ({@code --upstream-allow 127.0.0.0/8,::1}): address ranges and exact host names. The
 * check runs on the target as the app named it, before any DNS lookup or dial: an IP literal is matched against the
 * ranges; {@code localhost} stands for the loopback addresses without a lookup (RFC 6761 §6.3); any other name passes
 * only when the list names it, since resolving it to test the ranges would already be a lookup.
 */
public final class UpstreamAllowList {

    /** One entry: a range of addresses, or a host name. */
    private record Rule(String text, Optional<byte[]> network, int prefix) {

        boolean admits(byte[] address) {
            if (network.isEmpty() || network.get().length != address.length) {
                return false;
            }
            byte[] net = network.get();
            int bits = prefix;
            for (int i = 0; i < net.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((net[i] & mask) != (address[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Everything allowed: the default when no list is given. */
    public static final UpstreamAllowList ANY = new UpstreamAllowList("", List.of(), true);

    private final String text;
    private final List<Rule> rules;
    private final boolean any;

    private UpstreamAllowList(String text, List<Rule> rules, boolean any) {
        this.text = text;
        this.rules = rules;
        this.any = any;
    }

    /**
     * Parses {@code 127.0.0.0/8,::1,example.test}: ranges in CIDR notation, single addresses, host names.
     *
     * @throws IllegalArgumentException naming the entry that is none of these
     */
    public static UpstreamAllowList parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            Optional<byte[]> ip = literal(host);
            if (ip.isEmpty()) {
                if (slash >= 0 || !host.matches("[A-Za-z0-9.-]+")) {
                    throw new IllegalArgumentException("--upstream-allow: '" + entry + "' is not an address range "
                            + "(127.0.0.0/8, ::1/128) or a host name");
                }
                rules.add(new Rule(entry.toLowerCase(Locale.ROOT), Optional.empty(), 0));
                continue;
            }
            int max = ip.get().length * 8;
            int prefix = max;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > max) {
                    throw new IllegalArgumentException("--upstream-allow: '" + entry + "' needs a prefix length from "
                            + "0 to " + max);
                }
            }
            rules.add(new Rule(entry, ip, prefix));
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("--upstream-allow needs at least one range or host, e.g. 127.0.0.0/8");
        }
        return new UpstreamAllowList(text, List.copyOf(rules), false);
    }

    /** The list as given, for messages. */
    public String text() {
        return any ? "(any upstream)" : text;
    }

    public boolean admitsAny() {
        return any;
    }

    /**
     * Why the proxy must not connect to {@code host}, or empty when it may. Never looks the name up.
     */
    public Optional<String> refusal(String host) {
        if (any) {
            return Optional.empty();
        }
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        Optional<byte[]> ip = literal(name);
        List<byte[]> addresses = new ArrayList<>();
        ip.ifPresent(addresses::add);
        if (ip.isEmpty() && name.equalsIgnoreCase("localhost")) {
            addresses.add(new byte[] {127, 0, 0, 1});
            addresses.add(loopbackV6());
        }
        for (Rule rule : rules) {
            if (rule.network().isEmpty() && rule.text().equalsIgnoreCase(name)) {
                return Optional.empty();
            }
            if (addresses.stream().anyMatch(rule::admits)) {
                return Optional.empty();
            }
        }
        String what = ip.isPresent() || !addresses.isEmpty() ? "the address " + name
                : "the host name " + name + " (names are not looked up to be checked; list the name itself)";
        return Optional.of(what + " is outside --upstream-allow " + text + "; nothing was looked up or dialled");
    }

    private static byte[] loopbackV6() {
        byte[] a = new byte[16];
        a[15] = 1;
        return a;
    }

    /** The bytes of an IPv4 or IPv6 literal, or empty for anything else (never a lookup). */
    static Optional<byte[]> literal(String host) {
        if (host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            String[] parts = host.split("\\.");
            byte[] a = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    return Optional.empty();
                }
                a[i] = (byte) octet;
            }
            return Optional.of(a);
        }
        if (!host.contains(":") || !host.matches("[0-9A-Fa-f:.]+")) {
            return Optional.empty();
        }
        try {
            // With a colon the text is parsed as an IPv6 literal, never resolved.
            return Optional.of(InetAddress.getByName(host).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
