package dev.framescope.ui.fx;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.engine.Auth;
import dev.framescope.engine.HeartbeatPolicy;
import dev.framescope.wire.Severity;
import java.util.Objects;
import java.util.function.Function;
import javafx.scene.control.ChoiceBox;
import javafx.util.StringConverter;

/**
 * Words for values the user sees: a choice box over an enum shows each constant's display name, never the constant's
 * Java name ({@code RELATIVE}, {@code RAW_FRAME}).
 */
public final class Labels {

    /** A value with a display name. */
    public interface Labelled {
        /** What the user reads, e.g. "Relative time". */
        String label();
    }

    private Labels() {
    }

    /** What happens when a pong does not come back in time. */
    public static String onMissed(HeartbeatPolicy.OnMissed value) {
        return switch (value) {
            case REPORT -> "report it";
            case CLOSE -> "close the connection";
            case RECONNECT -> "reconnect";
        };
    }

    /** A phase of the connect waterfall: the protocols' own acronyms, and the HTTP upgrade as a word. */
    public static String phase(CaptureEvent.Phase value) {
        return switch (value) {
            case DNS -> "DNS";
            case TCP -> "TCP";
            case TLS -> "TLS";
            case UPGRADE -> "Upgrade";
        };
    }

    public static String severity(Severity value) {
        return switch (value) {
            case ERROR -> "Error";
            case WARNING -> "Warning";
            case INFO -> "Note";
        };
    }

    /** Where an API key goes. */
    public static String placement(Auth.Placement value) {
        return switch (value) {
            case HEADER -> "a header";
            case QUERY -> "the query string";
        };
    }

    /** Shows a {@link Labelled} value's label. */
    public static <T extends Labelled> StringConverter<T> converter() {
        return converter(Labelled::label);
    }

    /** Shows {@code label.apply(value)}; for enums of lower layers, which know no display names of their own. */
    public static <T> StringConverter<T> converter(Function<T, String> label) {
        Objects.requireNonNull(label, "label");
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : label.apply(value);
            }

            @Override
            public T fromString(String text) {
                throw new UnsupportedOperationException("a choice is picked, not typed");
            }
        };
    }

    /** A choice box over {@code values}, each shown by its label, {@code initial} selected. */
    @SafeVarargs
    public static <T extends Labelled> ChoiceBox<T> choiceBox(T initial, T... values) {
        ChoiceBox<T> box = new ChoiceBox<>();
        box.getItems().setAll(values);
        box.setConverter(converter());
        box.setValue(initial);
        return box;
    }

    /** Uses {@code label} for {@code box}'s items. */
    public static <T> void use(ChoiceBox<T> box, Function<T, String> label) {
        box.setConverter(converter(label));
    }
}
