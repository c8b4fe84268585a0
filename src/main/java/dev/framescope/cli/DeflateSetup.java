package dev.framescope.cli;

import dev.framescope.wire.DeflateParams;
import dev.framescope.wire.ExtensionHeader;
import dev.framescope.wire.ExtensionOffer;
import dev.framescope.wire.Finding;
import dev.framescope.wire.Sender;
import dev.framescope.wire.StreamDissector;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns a negotiated Sec-WebSocket-Extensions value into the dissector's inflater settings for one direction. */
final class DeflateSetup {

    private DeflateSetup() {
    }

    /** Enables inflation; returns a problem when the value is not a usable permessage-deflate response. */
    static Optional<String> apply(String extensions, Sender sender, long maxInflated, StreamDissector dissector) {
        ExtensionHeader.Parsed parsed = ExtensionHeader.parse(extensions);
        if (!parsed.ok()) {
            return Optional.of(describe(parsed.findings().get(0)));
        }
        Optional<ExtensionOffer> deflate = parsed.offers().stream()
                .filter(o -> o.name().equalsIgnoreCase(DeflateParams.NAME)).findFirst();
        if (deflate.isEmpty()) {
            return Optional.of("no permessage-deflate in '" + extensions + "'");
        }
        DeflateParams.Parsed params = DeflateParams.from(deflate.get(), true);
        if (!params.findings().isEmpty()) {
            return Optional.of(params.findings().stream().map(DeflateSetup::describe).collect(Collectors.joining("; ")));
        }
        DeflateParams p = params.params();
        boolean server = sender == Sender.SERVER;
        int bits = (server ? p.serverMaxWindowBits() : p.clientMaxWindowBits()).orElse(15);
        boolean takeover = !(server ? p.serverNoContextTakeover() : p.clientNoContextTakeover());
        dissector.enableDeflate(bits, takeover, maxInflated);
        return Optional.empty();
    }

    private static String describe(Finding f) {
        return f.violation().id() + ": " + f.detail();
    }
}
