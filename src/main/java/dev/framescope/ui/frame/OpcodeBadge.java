package dev.framescope.ui.frame;

import dev.framescope.wire.Opcode;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Label;

/** A small coloured label naming an opcode; colours come from the theme's looked-up variables. */
public final class OpcodeBadge extends Label {

    public static final String STYLE_CLASS = "opcode-badge";
    private static final String[] KIND_CLASSES = {
        "opcode-text", "opcode-binary", "opcode-continuation", "opcode-ping", "opcode-pong", "opcode-close",
        "opcode-reserved"
    };

    private final ObjectProperty<Opcode> opcode = new SimpleObjectProperty<>(this, "opcode", Opcode.TEXT);

    public OpcodeBadge() {
        this(Opcode.TEXT);
    }

    public OpcodeBadge(Opcode initial) {
        getStyleClass().add(STYLE_CLASS);
        opcode.addListener((obs, old, now) -> update(now));
        opcode.set(initial);
        update(initial);
    }

    public ObjectProperty<Opcode> opcodeProperty() {
        return opcode;
    }

    public Opcode getOpcode() {
        return opcode.get();
    }

    public void setOpcode(Opcode value) {
        opcode.set(value);
    }

    /** The CSS class for an opcode: one per kind, all reserved values sharing one. */
    public static String styleClassFor(Opcode op) {
        if (op.isReserved()) {
            return "opcode-reserved";
        }
        switch (op) {
            case TEXT:
                return "opcode-text";
            case BINARY:
                return "opcode-binary";
            case CONTINUATION:
                return "opcode-continuation";
            case PING:
                return "opcode-ping";
            case PONG:
                return "opcode-pong";
            default:
                return "opcode-close";
        }
    }

    private void update(Opcode op) {
        Opcode shown = op == null ? Opcode.TEXT : op;
        getStyleClass().removeAll(KIND_CLASSES);
        getStyleClass().add(styleClassFor(shown));
        setText(shown.shortName());
    }
}
