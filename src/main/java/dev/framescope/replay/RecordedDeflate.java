package dev.framescope.replay;

import dev.framescope.wire.ExtensionHeader;
import dev.framescope.wire.ExtensionOffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;

/**
 * The mock's permessage-deflate (RFC 7692), answering the offer with the parameters the recorded server accepted
 * with, and compressing as they say: context takeover kept or not in each direction as recorded, and the client's
 * window bits as recorded when the client offers the parameter (§7.1.2.2: a server may only answer it then). One
 * parameter cannot be reproduced: {@code server_max_window_bits} below 15, since the library's deflater always uses a
 * 32 KiB window; it is left out of the answer (the client then assumes 15, which is what it gets) and named by
 * {@link #notReproduced}.
 */
final class RecordedDeflate extends PerMessageDeflateExtension {

    private final ExtensionOffer recorded;
    private boolean clientOfferedWindowBits;

    private RecordedDeflate(ExtensionOffer recorded) {
        this.recorded = recorded;
        setServerNoContextTakeover(recorded.has("server_no_context_takeover"));
        setClientNoContextTakeover(recorded.has("client_no_context_takeover"));
    }

    /** The recording's permessage-deflate, if its server accepted one. */
    static Optional<RecordedDeflate> of(String acceptedExtensions) {
        return ExtensionHeader.parse(acceptedExtensions).offers().stream()
                .filter(o -> o.name().toLowerCase(Locale.ROOT).equals("permessage-deflate")).findFirst()
                .map(RecordedDeflate::new);
    }

    /** What of the recorded answer the mock cannot give, in words; empty when it gives it all. */
    List<String> notReproduced() {
        List<String> out = new ArrayList<>();
        for (ExtensionOffer.Param p : recorded.all("server_max_window_bits")) {
            if (!p.value().orElse("15").equals("15")) {
                out.add("the recorded " + p + " is not reproduced: the mock compresses with a 15-bit window and "
                        + "leaves the parameter out of its answer");
            }
        }
        return out;
    }

    @Override
    public boolean acceptProvidedExtensionAsServer(String offer) {
        boolean accepted = super.acceptProvidedExtensionAsServer(offer);
        // The library reads the client's wishes into its own flags: the recording's answer decides them.
        setServerNoContextTakeover(recorded.has("server_no_context_takeover"));
        setClientNoContextTakeover(recorded.has("client_no_context_takeover"));
        clientOfferedWindowBits = ExtensionHeader.parse(offer).offers().stream()
                .anyMatch(o -> o.name().equalsIgnoreCase("permessage-deflate") && o.has("client_max_window_bits"));
        return accepted;
    }

    @Override
    public String getProvidedExtensionAsServer() {
        List<ExtensionOffer.Param> params = new ArrayList<>();
        for (ExtensionOffer.Param p : recorded.params()) {
            String name = p.name().toLowerCase(Locale.ROOT);
            boolean narrowServerWindow = name.equals("server_max_window_bits")
                    && !p.value().orElse("15").equals("15");
            if (!narrowServerWindow && (!name.equals("client_max_window_bits") || clientOfferedWindowBits)) {
                params.add(p);
            }
        }
        return new ExtensionOffer(recorded.name(), params).toHeaderValue();
    }

    @Override
    public IExtension copyInstance() {
        return new RecordedDeflate(recorded);
    }
}
