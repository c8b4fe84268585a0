package dev.framescope.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;

/** What Java-WebSocket needs to send a spec's opening handshake: its draft (extensions, subprotocols) and headers. */
final class LibraryHandshake {

    private LibraryHandshake() {
    }

    static Draft draft(ConnectionSpec spec) {
        List<IExtension> extensions = new ArrayList<>();
        List<String> deflateOffers = spec.extensionOffers().stream()
                .filter(o -> o.trim().toLowerCase(Locale.ROOT).startsWith("permessage-deflate")).toList();
        List<String> others = spec.extensionOffers().stream().filter(o -> !deflateOffers.contains(o)).toList();
        if (!deflateOffers.isEmpty()) {
            extensions.add(new DeflateExtension(deflateOffers, spec.maxMessageBytes()));
        }
        others.stream().filter(PerFrameDeflateExtension::handles)
                .forEach(o -> extensions.add(new PerFrameDeflateExtension(o, spec.maxMessageBytes())));
        extensions.addAll(Extensions.forOffers(others.stream().filter(o -> !PerFrameDeflateExtension.handles(o))
                .toList()));
        List<IProtocol> protocols = new ArrayList<>();
        spec.subprotocols().forEach(p -> protocols.add(new Protocol(p)));
        // Accept a response that selects no subprotocol; one we did not offer is still refused (and recorded).
        protocols.add(new Protocol(""));
        return new Draft_6455(extensions, protocols);
    }

    /**
     * Java-WebSocket keeps request headers in a case-insensitive map, so a name can go out only once: repeated
     * names (in any case) are joined into one field as HTTP allows (RFC 9110 §5.3: values joined with ", "; Cookie
     * with "; " as RFC 6265 §5.4 says), under the spelling first given. The tap records the line as sent.
     */
    static Map<String, String> headers(ConnectionSpec spec) {
        Map<String, ConnectionSpec.Header> byName = new LinkedHashMap<>();
        spec.origin().ifPresent(o -> byName.put("origin", new ConnectionSpec.Header("Origin", o)));
        for (ConnectionSpec.Header h : spec.headers()) {
            String key = h.name().toLowerCase(Locale.ROOT);
            String separator = key.equals("cookie") ? "; " : ", ";
            byName.merge(key, h, (a, b) -> new ConnectionSpec.Header(a.name(), a.value() + separator + b.value()));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        byName.values().forEach(h -> headers.put(h.name(), h.value()));
        return headers;
    }
}
