package dev.framescope.replay;

import dev.framescope.wire.ExtensionHeader;
import dev.framescope.wire.ExtensionOffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.framing.Framedata;

/**
 * The mock's permessage-deflate (RFC 7692), answering the offer with the parameters the recorded server accepted
 * with, and compressing as they say: context takeover kept or not in each direction as recorded, and the client's
 * window bits as recorded when the client offers the parameter (§7.1.2.2: a server may only answer it then). A
 * {@code server_max_window_bits} below 15 — recorded, or asked for smaller by the client's offer — is answered as
 * well, though the library's deflater always uses a 32 KiB window: the mock then sends its messages uncompressed
 * (RSV1 clear, which every message may be, §6), so it never refers back farther than it agreed to.
 */
final class RecordedDeflate extends PerMessageDeflateExtension {

    private static final int FULL_WINDOW_BITS = 15;
    private static final String SERVER_WINDOW = "server_max_window_bits";

    private final ExtensionOffer recorded;
    private boolean clientOfferedWindowBits;
    private int serverWindowBits = FULL_WINDOW_BITS;

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

    @Override
    public boolean acceptProvidedExtensionAsServer(String offer) {
        boolean accepted = super.acceptProvidedExtensionAsServer(offer);
        // The library reads the client's wishes into its own flags: the recording's answer decides them.
        setServerNoContextTakeover(recorded.has("server_no_context_takeover"));
        setClientNoContextTakeover(recorded.has("client_no_context_takeover"));
        Optional<ExtensionOffer> deflate = ExtensionHeader.parse(offer).offers().stream()
                .filter(o -> o.name().equalsIgnoreCase("permessage-deflate")).findFirst();
        clientOfferedWindowBits = deflate.map(o -> o.has("client_max_window_bits")).orElse(false);
        // The answer may not exceed what the client offered (§7.1.2.1).
        serverWindowBits = Math.min(windowBits(recorded), deflate.map(RecordedDeflate::windowBits)
                .orElse(FULL_WINDOW_BITS));
        return accepted;
    }

    @Override
    public String getProvidedExtensionAsServer() {
        List<ExtensionOffer.Param> params = new ArrayList<>();
        for (ExtensionOffer.Param p : recorded.params()) {
            String name = p.name().toLowerCase(Locale.ROOT);
            if (!name.equals(SERVER_WINDOW) && (!name.equals("client_max_window_bits") || clientOfferedWindowBits)) {
                params.add(p);
            }
        }
        if (serverWindowBits < FULL_WINDOW_BITS || recorded.has(SERVER_WINDOW)) {
            params.add(ExtensionOffer.param(SERVER_WINDOW, String.valueOf(serverWindowBits)));
        }
        return new ExtensionOffer(recorded.name(), params).toHeaderValue();
    }

    @Override
    public void encodeFrame(Framedata frame) {
        if (serverWindowBits == FULL_WINDOW_BITS) {
            super.encodeFrame(frame);
        }
    }

    @Override
    public IExtension copyInstance() {
        return new RecordedDeflate(recorded);
    }

    /** An offer's or answer's server_max_window_bits; 15 when absent or without a value. */
    private static int windowBits(ExtensionOffer offer) {
        return offer.all(SERVER_WINDOW).stream().map(p -> p.value().orElse("15"))
                .mapToInt(v -> v.matches("\\d{1,2}") ? Integer.parseInt(v) : FULL_WINDOW_BITS)
                .map(b -> Math.max(8, Math.min(FULL_WINDOW_BITS, b))).min().orElse(FULL_WINDOW_BITS);
    }
}
