package dev.framescope.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Checks a server's response against the client's request (RFC 6455 §4.1 step by step, §9.1, RFC 7692 §7.1). */
public final class HandshakeChecker {

    private HandshakeChecker() {
    }

    public static HandshakeResult check(HandshakeRequest request, HandshakeResponse response) {
        List<Finding> findings = new ArrayList<>();
        checkRequest(request, findings);
        HttpHeaders rh = response.headers();
        String expected = request.headers().first("Sec-WebSocket-Key").map(Handshake::acceptFor).orElse("");
        Optional<String> received = rh.first("Sec-WebSocket-Accept");
        if (response.status() != 101) {
            findings.add(finding(Violation.HANDSHAKE_STATUS, response.status() + " " + response.reason()));
        } else {
            checkUpgrade(rh, expected, received, findings);
        }
        Optional<String> subprotocol = rh.first("Sec-WebSocket-Protocol").map(String::trim);
        List<String> offeredProtocols = request.headers().tokens("Sec-WebSocket-Protocol");
        subprotocol.filter(p -> !offeredProtocols.contains(p.toLowerCase(Locale.ROOT)))
                .ifPresent(p -> findings.add(finding(Violation.HANDSHAKE_SUBPROTOCOL_NOT_OFFERED,
                        "\"" + p + "\"; offered " + offeredProtocols)));
        ExtensionHeader.Parsed offered = ExtensionHeader.parse(request.headers().all("Sec-WebSocket-Extensions"));
        ExtensionHeader.Parsed accepted = ExtensionHeader.parse(rh.all("Sec-WebSocket-Extensions"));
        findings.addAll(accepted.findings());
        Optional<NegotiatedDeflate> deflate = Optional.empty();
        for (ExtensionOffer ext : accepted.offers()) {
            boolean wasOffered = offered.offers().stream().anyMatch(o -> o.name().equalsIgnoreCase(ext.name()));
            if (!wasOffered) {
                findings.add(finding(Violation.HANDSHAKE_EXTENSION_NOT_OFFERED, "\"" + ext + "\""));
            } else if (ext.name().equalsIgnoreCase(DeflateParams.NAME) && deflate.isEmpty()) {
                deflate = Optional.of(DeflateNegotiation.check(offered.offers(), ext));
                findings.addAll(deflate.get().findings());
            }
        }
        return new HandshakeResult(expected, received, subprotocol, offered.offers(), accepted.offers(), deflate,
                findings);
    }

    private static void checkUpgrade(HttpHeaders rh, String expected, Optional<String> received,
                                     List<Finding> findings) {
        if (!rh.containsToken("Upgrade", "websocket")) {
            findings.add(finding(Violation.HANDSHAKE_UPGRADE_HEADER, "Upgrade: " + rh.first("Upgrade").orElse("(missing)")));
        }
        if (!rh.containsToken("Connection", "upgrade")) {
            findings.add(finding(Violation.HANDSHAKE_CONNECTION_HEADER,
                    "Connection: " + rh.first("Connection").orElse("(missing)")));
        }
        if (received.isEmpty() || !received.get().trim().equals(expected)) {
            findings.add(finding(Violation.HANDSHAKE_ACCEPT_MISMATCH,
                    "expected " + expected + ", received " + received.orElse("(missing)")));
        }
    }

    private static void checkRequest(HandshakeRequest request, List<Finding> findings) {
        HttpHeaders h = request.headers();
        List<String> missing = new ArrayList<>();
        if (!"GET".equals(request.method())) {
            missing.add("method GET (was " + request.method() + ")");
        }
        if (!h.containsToken("Upgrade", "websocket")) {
            missing.add("Upgrade: websocket");
        }
        if (!h.containsToken("Connection", "upgrade")) {
            missing.add("Connection: Upgrade");
        }
        if (h.first("Sec-WebSocket-Key").isEmpty()) {
            missing.add("Sec-WebSocket-Key");
        }
        if (!h.first("Sec-WebSocket-Version").map(String::trim).filter("13"::equals).isPresent()) {
            missing.add("Sec-WebSocket-Version: 13");
        }
        if (!missing.isEmpty()) {
            findings.add(finding(Violation.HANDSHAKE_REQUEST_INVALID, String.join(", ", missing)));
        }
    }

    private static Finding finding(Violation violation, String detail) {
        return Finding.at(violation, -1, detail);
    }
}
