package dev.framescope.ui.live;

import dev.framescope.ui.fx.NumberFields;
import dev.framescope.wire.ExtensionOffer;
import java.util.Optional;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * The permessage-deflate offer of the connection dialog (RFC 7692 section 7.1): the switch, the two context
 * takeover parameters and the two window sizes, read back as one offer.
 */
final class DeflateOfferRow {

    private final CheckBox deflate = new CheckBox("permessage-deflate");
    private final CheckBox serverNoTakeover = new CheckBox("server_no_context_takeover");
    private final CheckBox clientNoTakeover = new CheckBox("client_no_context_takeover");
    private final CheckBox clientBits = new CheckBox("client_max_window_bits");
    private final Spinner<Integer> clientBitsValue = NumberFields.spinner(8, 15, 15);
    private final CheckBox serverBits = new CheckBox("server_max_window_bits");
    private final Spinner<Integer> serverBitsValue = NumberFields.spinner(8, 15, 15);

    DeflateOfferRow() {
        deflate.setId("dialog-deflate");
        clientBitsValue.setId("dialog-client-bits");
        serverBitsValue.setId("dialog-server-bits");
        clientBits.setTooltip(new Tooltip("Offer client_max_window_bits (RFC 7692 §7.1.2.2); with a value we also "
                + "limit our own window"));
    }

    CheckBox deflateSwitch() {
        return deflate;
    }

    CheckBox serverNoTakeoverSwitch() {
        return serverNoTakeover;
    }

    HBox takeover() {
        return new HBox(12, serverNoTakeover, clientNoTakeover);
    }

    HBox windowBits() {
        return new HBox(8, clientBits, clientBitsValue, NumberFields.unit("bits"), serverBits, serverBitsValue,
                NumberFields.unit("bits"));
    }

    /** Shows an offer the connection made; false when this row already shows one (a second goes to "others"). */
    boolean show(ExtensionOffer o) {
        if (deflate.isSelected() || !o.name().equalsIgnoreCase("permessage-deflate")) {
            return false;
        }
        deflate.setSelected(true);
        serverNoTakeover.setSelected(o.has("server_no_context_takeover"));
        clientNoTakeover.setSelected(o.has("client_no_context_takeover"));
        serverBits.setSelected(o.has("server_max_window_bits"));
        o.all("server_max_window_bits").stream().findFirst().flatMap(p -> p.value())
                .ifPresent(v -> serverBitsValue.getValueFactory().setValue(Integer.parseInt(v)));
        clientBits.setSelected(o.has("client_max_window_bits"));
        o.all("client_max_window_bits").stream().findFirst().flatMap(p -> p.value())
                .ifPresent(v -> clientBitsValue.getValueFactory().setValue(Integer.parseInt(v)));
        return true;
    }

    /** The offer as a header value, when the switch is on. */
    Optional<String> offer() {
        if (!deflate.isSelected()) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder("permessage-deflate");
        if (serverNoTakeover.isSelected()) {
            sb.append("; server_no_context_takeover");
        }
        if (clientNoTakeover.isSelected()) {
            sb.append("; client_no_context_takeover");
        }
        if (serverBits.isSelected()) {
            sb.append("; server_max_window_bits=").append(serverBitsValue.getValue());
        }
        if (clientBits.isSelected()) {
            sb.append("; client_max_window_bits");
            if (clientBitsValue.getValue() < 15) {
                sb.append('=').append(clientBitsValue.getValue());
            }
        }
        return Optional.of(sb.toString());
    }
}
