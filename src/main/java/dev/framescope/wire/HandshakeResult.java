package dev.framescope.wire;

import java.util.List;
import java.util.Optional;

/**
 * What the opening handshake settled and what was wrong with it.
 *
 * @param expectedAccept     the Sec-WebSocket-Accept the key calls for (empty string when the request had no key)
 * @param receivedAccept     what the server sent
 * @param subprotocol        the selected Sec-WebSocket-Protocol
 * @param offeredExtensions  the client's offers, in order
 * @param acceptedExtensions the extensions of the response, in order
 * @param deflate            the permessage-deflate outcome, when the response accepted it
 * @param findings           violations of RFC 6455 §4 and RFC 7692 §7.1, in the order checked
 */
public record HandshakeResult(String expectedAccept, Optional<String> receivedAccept, Optional<String> subprotocol,
                              List<ExtensionOffer> offeredExtensions, List<ExtensionOffer> acceptedExtensions,
                              Optional<NegotiatedDeflate> deflate, List<Finding> findings) {

    public HandshakeResult {
        offeredExtensions = List.copyOf(offeredExtensions);
        acceptedExtensions = List.copyOf(acceptedExtensions);
        findings = List.copyOf(findings);
    }

    public boolean acceptOk() {
        return receivedAccept.map(expectedAccept::equals).orElse(false);
    }

    public boolean ok() {
        return findings.isEmpty();
    }
}
