package dev.framescope.ui.frame;

import dev.framescope.wire.Finding;
import dev.framescope.wire.FrameHeader;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * A frame header drawn as its bit fields, left to right in wire order like RFC 6455 §5.2's diagram. Each cell shows
 * the field name, its bits and the decoded value; its tooltip explains the field. Cells of fields a finding is about
 * carry the CSS class {@code violation}.
 */
public final class HeaderBitsView extends FlowPane {

    public static final String STYLE_CLASS = "header-bits";
    public static final String VIOLATION_CLASS = "violation";
    /** Pixels per bit for short fields, so FIN is narrow and the opcode visibly four bits wide. */
    private static final double PX_PER_BIT = 14;

    private final ObjectProperty<FrameHeader> header = new SimpleObjectProperty<>(this, "header");
    private final ObjectProperty<List<Finding>> findings = new SimpleObjectProperty<>(this, "findings", List.of());

    public HeaderBitsView() {
        getStyleClass().add(STYLE_CLASS);
        header.addListener((obs, old, now) -> rebuild());
        findings.addListener((obs, old, now) -> rebuild());
    }

    /** The header shown; null shows nothing. */
    public ObjectProperty<FrameHeader> headerProperty() {
        return header;
    }

    public void setHeader(FrameHeader value) {
        header.set(value);
    }

    public FrameHeader getHeader() {
        return header.get();
    }

    /** Findings of the frame; fields they are about are marked. */
    public ObjectProperty<List<Finding>> findingsProperty() {
        return findings;
    }

    public void setFindings(List<Finding> value) {
        findings.set(value == null ? List.of() : List.copyOf(value));
    }

    private void rebuild() {
        getChildren().clear();
        FrameHeader h = header.get();
        if (h == null) {
            return;
        }
        Set<HeaderField> marked = implicated(findings.get() == null ? List.of() : findings.get());
        for (HeaderCell cell : HeaderCell.of(h)) {
            getChildren().add(cellNode(cell, marked.contains(cell.field())));
        }
    }

    private static Set<HeaderField> implicated(List<Finding> list) {
        Set<HeaderField> fields = EnumSet.noneOf(HeaderField.class);
        for (Finding f : list) {
            fields.addAll(HeaderField.implicatedBy(f.violation()));
        }
        return fields;
    }

    private static VBox cellNode(HeaderCell cell, boolean violated) {
        Label name = styled(new Label(cell.field().label()), "header-cell-name");
        Label bits = styled(new Label(cell.bits()), "header-cell-bits");
        Label value = styled(new Label(cell.value()), "header-cell-value");
        VBox box = new VBox(name, bits, value);
        box.getStyleClass().addAll("header-cell", "field-" + cell.field().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (violated) {
            box.getStyleClass().add(VIOLATION_CLASS);
        }
        if (cell.width() < 8) {
            box.setMinWidth(Math.max(44, cell.width() * PX_PER_BIT + 16));
        }
        box.setUserData(cell);
        Tooltip tip = new Tooltip(cell.field().tooltip());
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        tip.setShowDelay(Duration.millis(250));
        Tooltip.install(box, tip);
        return box;
    }

    private static Label styled(Label label, String styleClass) {
        label.getStyleClass().add(styleClass);
        return label;
    }
}
