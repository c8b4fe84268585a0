package dev.framescope.ui.frame;

import dev.framescope.decode.DecodeInput;
import dev.framescope.ui.fx.Background;
import dev.framescope.ui.fx.Labels;
import dev.framescope.wire.ClosePayload;
import dev.framescope.wire.Finding;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Frame;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.VBox;

/**
 * The Frame detail tab: a summary line with the opcode badge, the header diagram, the frame's findings and the
 * payload. Shows an empty-state label when no frame is selected.
 */
public final class FrameDetailPane extends StackPane {

    public static final String STYLE_CLASS = "frame-detail";

    private final ObjectProperty<Optional<FrameDetail>> detail =
            new SimpleObjectProperty<>(this, "detail", Optional.empty());
    private final OpcodeBadge badge = new OpcodeBadge();
    private final Label summary = new Label();
    private final HeaderBitsView headerBits = new HeaderBitsView();
    private final VBox findings = new VBox();
    private final PayloadView payload;
    private final VBox body;
    private final Label empty = new Label("Select a frame to see its header, findings and payload.");

    /** @param background where large payloads decode */
    public FrameDetailPane(Background background) {
        payload = new PayloadView(background);
        getStyleClass().add(STYLE_CLASS);
        summary.getStyleClass().add("frame-summary");
        summary.setId("frame-summary");
        HBox summaryRow = new HBox(10, badge, summary);
        summaryRow.setAlignment(Pos.CENTER_LEFT);
        summaryRow.getStyleClass().add("frame-summary-row");
        findings.getStyleClass().add("findings");
        findings.setId("frame-findings");
        // Header and findings beside the payload, not above it: the detail area is wide and short in a window of
        // 1280×800, and stacked the payload got a few pixels.
        VBox headerSide = new VBox(section("Header"), headerBits, findings);
        headerSide.getStyleClass().add("frame-detail-header-side");
        ScrollPane headerScroll = new ScrollPane(headerSide);
        headerScroll.setFitToWidth(true);
        headerScroll.getStyleClass().add("frame-detail-scroll");
        VBox.setVgrow(payload, Priority.ALWAYS);
        VBox payloadSide = new VBox(section("Payload"), payload);
        payloadSide.getStyleClass().add("frame-detail-payload-side");
        SplitPane sides = new SplitPane(headerScroll, payloadSide);
        sides.setDividerPositions(0.5);
        sides.getStyleClass().add("frame-detail-sides");
        SplitPane.setResizableWithParent(headerScroll, false);
        VBox.setVgrow(sides, Priority.ALWAYS);
        body = new VBox(summaryRow, sides);
        body.getStyleClass().add("frame-detail-body");
        empty.getStyleClass().add("empty-state");
        // The body joins the scene with the first frame shown: until then it would only be styled and laid out hidden.
        getChildren().add(empty);
        detail.addListener((obs, old, now) -> refresh());
        refresh();
    }

    public ObjectProperty<Optional<FrameDetail>> detailProperty() {
        return detail;
    }

    public void show(FrameDetail value) {
        detail.set(Optional.of(value));
    }

    public void clear() {
        detail.set(Optional.empty());
    }

    public HeaderBitsView headerBitsView() {
        return headerBits;
    }

    public PayloadView payloadView() {
        return payload;
    }

    private void refresh() {
        Optional<FrameDetail> d = detail.get() == null ? Optional.empty() : detail.get();
        if (d.isPresent() && body.getParent() == null) {
            getChildren().add(0, body);
        }
        body.setVisible(d.isPresent());
        empty.setVisible(d.isEmpty());
        d.ifPresent(this::fill);
        if (d.isEmpty()) {
            payload.decodedView().setInput(Optional.empty());
        }
    }

    private void fill(FrameDetail d) {
        Frame frame = d.frame();
        badge.setOpcode(frame.opcode());
        summary.setText(d.summary());
        headerBits.setHeader(frame.header());
        headerBits.setFindings(frame.findings());
        fillFindings(frame.findings());
        Optional<Integer> key = frame.header().masked() ? Optional.of(frame.header().maskingKey()) : Optional.empty();
        Optional<String> close = frame.opcode() == Opcode.CLOSE && frame.chunkOffset() == 0
                ? Optional.of("Close frame: " + ClosePayload.parse(frame.payload()).describe()) : Optional.empty();
        payload.setContent(new PayloadView.Content(frame.payload(), key, frame.chunkOffset(), d.inflated(), close));
        payload.decodedView().setInput(Optional.of(DecodeInput.of(d.inflated().orElse(frame.payload()),
                frame.opcode() == Opcode.TEXT)));
    }

    private void fillFindings(List<Finding> list) {
        findings.getChildren().clear();
        findings.setVisible(!list.isEmpty());
        findings.setManaged(!list.isEmpty());
        for (Finding f : list) {
            findings.getChildren().add(findingRow(f));
        }
    }

    private static HBox findingRow(Finding f) {
        Label severity = new Label(Labels.severity(f.violation().severity()));
        severity.getStyleClass().addAll("finding-severity",
                "severity-" + f.violation().severity().name().toLowerCase(Locale.ROOT));
        Label id = new Label(f.violation().id());
        id.getStyleClass().add("finding-id");
        Label section = new Label(f.violation().rfcSection());
        section.getStyleClass().add("finding-section");
        String where = f.streamOffset() >= 0 ? String.format(" at byte %,d", f.streamOffset()) : "";
        String detail = f.detail().isEmpty() ? "" : " — " + f.detail();
        Label message = new Label(f.violation().message() + detail + where);
        message.getStyleClass().add("finding-message");
        message.setWrapText(true);
        HBox.setHgrow(message, Priority.ALWAYS);
        for (Label fixed : new Label[] {severity, id, section}) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox row = new HBox(8, severity, id, section, message);
        row.setAlignment(Pos.BASELINE_LEFT);
        row.getStyleClass().add("finding-row");
        Tooltip.install(row, new Tooltip(f.describe()));
        return row;
    }

    private static Label section(String title) {
        Label label = new Label(title);
        label.getStyleClass().add("section-title");
        return label;
    }
}
