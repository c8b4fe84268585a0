package dev.framescope.engine;

import dev.framescope.engine.spi.ExtensionProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.java_websocket.extensions.DefaultExtension;
import org.java_websocket.extensions.IExtension;

/** Extension offers other than permessage-deflate: from an {@link ExtensionProvider} when one handles it. */
public final class Extensions {

    private Extensions() {
    }

    /** Providers found on the class path. */
    public static List<ExtensionProvider> providers() {
        List<ExtensionProvider> found = new ArrayList<>();
        ServiceLoader.load(ExtensionProvider.class).forEach(found::add);
        return found;
    }

    static List<IExtension> forOffers(List<String> offers) {
        List<ExtensionProvider> providers = providers();
        List<IExtension> out = new ArrayList<>();
        for (String offer : offers) {
            Optional<IExtension> provided = providers.stream().map(p -> p.forOffer(offer)).flatMap(Optional::stream)
                    .findFirst();
            out.add(provided.orElseGet(() -> new OfferOnly(offer)));
        }
        return out;
    }

    /**
     * Sends an offer verbatim (e.g. {@code x-webkit-deflate-frame}) without implementing it: a server that accepts it
     * is recorded with what it then sends, and the library refuses frames it cannot process.
     */
    static final class OfferOnly extends DefaultExtension {
        private final String offer;

        OfferOnly(String offer) {
            this.offer = offer;
        }

        @Override
        public String getProvidedExtensionAsClient() {
            return offer;
        }

        @Override
        public boolean acceptProvidedExtensionAsClient(String response) {
            return false;
        }

        @Override
        public IExtension copyInstance() {
            return new OfferOnly(offer);
        }

        @Override
        public String toString() {
            return offer;
        }
    }
}
