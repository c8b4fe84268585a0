package dev.framescope.wire;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** One element of a Sec-WebSocket-Extensions list: an extension name and its parameters (RFC 6455 §9.1). */
public record ExtensionOffer(String name, List<Param> params) {

    /** A parameter, with or without a value (quotes removed). */
    public record Param(String name, Optional<String> value) {
        @Override
        public String toString() {
            return name + value.map(v -> "=" + (ExtensionHeader.isToken(v) ? v : "\"" + v + "\"")).orElse("");
        }
    }

    public ExtensionOffer {
        params = List.copyOf(params);
    }

    public static ExtensionOffer of(String name, Param... params) {
        return new ExtensionOffer(name, List.of(params));
    }

    public static Param param(String name) {
        return new Param(name, Optional.empty());
    }

    public static Param param(String name, String value) {
        return new Param(name, Optional.of(value));
    }

    public List<Param> all(String paramName) {
        return params.stream().filter(p -> p.name.equalsIgnoreCase(paramName)).toList();
    }

    public boolean has(String paramName) {
        return !all(paramName).isEmpty();
    }

    public String toHeaderValue() {
        return params.isEmpty() ? name
                : name + "; " + params.stream().map(Param::toString).collect(Collectors.joining("; "));
    }

    @Override
    public String toString() {
        return toHeaderValue();
    }
}
