package dev.framescope.ui.frame;

import dev.framescope.decode.DecoderRegistry;
import dev.framescope.decode.ProtobufSchema;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One connection's decoding choices, shared by its frame and message detail views: the decoder chosen (or
 * {@link DecoderRegistry#AUTO}), which sticks for the connection's other frames, and an optional protobuf schema.
 * FX thread only.
 */
public final class DecodeSettings {

    private static final DecoderRegistry STANDARD = DecoderRegistry.standard();

    private final StringProperty decoderId = new SimpleStringProperty(this, "decoderId", DecoderRegistry.AUTO);
    private final ObjectProperty<Optional<ProtobufSchema>> schema =
            new SimpleObjectProperty<>(this, "schema", Optional.empty());
    private final Supplier<Optional<String>> subprotocol;

    public DecodeSettings() {
        this(Optional::empty);
    }

    /** @param subprotocol the negotiated {@code Sec-WebSocket-Protocol}, looked up when a payload is decoded */
    public DecodeSettings(Supplier<Optional<String>> subprotocol) {
        this.subprotocol = subprotocol;
    }

    public StringProperty decoderIdProperty() {
        return decoderId;
    }

    public ObjectProperty<Optional<ProtobufSchema>> schemaProperty() {
        return schema;
    }

    public Optional<String> subprotocol() {
        return subprotocol.get();
    }

    /** The standard decoders, plus typed protobuf when a schema is loaded. */
    public DecoderRegistry registry() {
        Optional<ProtobufSchema> s = schema.get();
        return s == null || s.isEmpty() ? STANDARD : STANDARD.withProtobufSchema(s.get());
    }
}
