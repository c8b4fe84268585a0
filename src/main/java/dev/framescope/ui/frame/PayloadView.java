package dev.framescope.ui.frame;

import dev.framescope.ui.fx.Background;
import dev.framescope.ui.fx.LazyTabs;
import java.util.Arrays;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A payload as Text, JSON (pretty-printed when valid), Hex, Base64 and Decoded (the decoder registry's tree, see
 * {@link DecodedView}; decoded only while that tab is selected). The hex tab puts the wire form beside the
 * readable one: masked next to unmasked for a masked frame (RFC 6455 §5.3), compressed next to inflated for a
 * compressed one (RFC 7692).
 */
public final class PayloadView extends TabPane {

    /**
     * The payload shown.
     *
     * @param payload    the unmasked payload bytes as carried by the frame
     * @param maskingKey the key, when the frame was masked on the wire
     * @param maskStart  index of {@code payload[0]} within the frame's payload (chunks), which shifts the key
     * @param inflated   the inflated bytes when the payload was compressed
     * @param close      a close frame's payload in words (code and reason, RFC 6455 §5.5.1), for the Text tab
     */
    public record Content(byte[] payload, Optional<Integer> maskingKey, long maskStart, Optional<byte[]> inflated,
                          Optional<String> close) {

        public static final Content EMPTY = new Content(new byte[0], Optional.empty(), 0, Optional.empty());

        public Content {
            payload = payload.clone();
            inflated = inflated.map(byte[]::clone);
        }

        /** A data or ping/pong payload. */
        public Content(byte[] payload, Optional<Integer> maskingKey, long maskStart, Optional<byte[]> inflated) {
            this(payload, maskingKey, maskStart, inflated, Optional.empty());
        }

        /** What the application reads: inflated when compressed, else the payload. */
        public byte[] applicationData() {
            return inflated.orElse(payload);
        }
    }

    public static final String STYLE_CLASS = "payload-view";
    /** Text renderings beyond this are cut: a TextArea with megabytes of text is slow to lay out. */
    static final int TEXT_CAP = 256 * 1024;

    private final ObjectProperty<Content> content = new SimpleObjectProperty<>(this, "content", Content.EMPTY);
    private final TextArea text = readOnly("payload-text");
    private final TextArea json = readOnly("payload-json");
    private final TextArea base64 = readOnly("payload-base64");
    private final Tab hexTab = new Tab("Hex");
    private final DecodedView decoded;
    private final Tab decodedTab;

    /** @param background where large payloads decode */
    public PayloadView(Background background) {
        decoded = new DecodedView("decoded", background);
        decodedTab = new Tab("Decoded", decoded);
        getStyleClass().add(STYLE_CLASS);
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        getTabs().addAll(tab("Text", "payload-tab-text", text), tab("JSON", "payload-tab-json", json), hexTab,
                tab("Base64", "payload-tab-base64", base64));
        hexTab.setId("payload-tab-hex");
        decodedTab.setId("payload-tab-decoded");
        getTabs().add(decodedTab);
        decoded.setActive(false);
        decodedTab.selectedProperty().addListener((o, was, now) -> decoded.setActive(now));
        content.addListener((obs, old, now) -> refresh());
        refresh();
        LazyTabs.install(this);
    }

    public ObjectProperty<Content> contentProperty() {
        return content;
    }

    public void setContent(Content value) {
        content.set(value == null ? Content.EMPTY : value);
    }

    public Content getContent() {
        return content.get();
    }

    public DecodedView decodedView() {
        return decoded;
    }

    public Tab decodedTab() {
        return decodedTab;
    }

    private void refresh() {
        Content c = content.get();
        byte[] data = c.applicationData();
        byte[] head = data.length > TEXT_CAP ? Arrays.copyOf(data, TEXT_CAP) : data;
        String cut = data.length > TEXT_CAP ? "\n… (first " + PayloadFormats.size(TEXT_CAP) + " of "
                + PayloadFormats.size(data.length) + ")" : "";
        text.setText(c.close().orElseGet(() -> PayloadFormats.text(Utf8Edges.trim(head))) + cut);
        json.setText(PayloadFormats.prettyJson(data.length > TEXT_CAP ? new byte[0] : data)
                .orElse(data.length > TEXT_CAP ? "Too large to pretty-print." : "Not valid JSON."));
        base64.setText(PayloadFormats.base64(head) + cut);
        hexTab.setContent(hexContent(c));
    }

    private static Node hexContent(Content c) {
        if (c.inflated().isPresent()) {
            return sideBySide("compressed (on the wire)", c.payload(), "inflated", c.inflated().get());
        }
        if (c.maskingKey().isPresent()) {
            byte[] masked = PayloadFormats.mask(c.payload(), c.maskingKey().get(), c.maskStart());
            return sideBySide("masked (on the wire)", masked, "unmasked", c.payload());
        }
        return titled("payload", c.payload());
    }

    /**
     * The wire form beside the readable one; stacked instead when the tab is too narrow for two dumps of 8 bytes a
     * row, so neither pane is squeezed below a readable row.
     */
    private static SplitPane sideBySide(String leftTitle, byte[] left, String rightTitle, byte[] right) {
        VBox first = titled(leftTitle, left);
        SplitPane split = new SplitPane(first, titled(rightTitle, right));
        split.setOrientation(Orientation.HORIZONTAL);
        split.getStyleClass().add("payload-compare");
        HexDumpView dump = (HexDumpView) first.getChildren().get(1);
        split.widthProperty().addListener((obs, old, now) -> split.setOrientation(
                now.doubleValue() >= 2 * dump.widthFor(8) + 12 ? Orientation.HORIZONTAL : Orientation.VERTICAL));
        return split;
    }

    private static VBox titled(String title, byte[] bytes) {
        Label heading = new Label(title + " · " + PayloadFormats.size(bytes.length));
        heading.getStyleClass().add("payload-hex-title");
        HexDumpView dump = new HexDumpView();
        dump.setData(bytes);
        VBox.setVgrow(dump, Priority.ALWAYS);
        VBox box = new VBox(heading, dump);
        box.getStyleClass().add("payload-hex-pane");
        return box;
    }

    private static Tab tab(String title, String id, Node node) {
        Tab tab = new Tab(title, node);
        tab.setId(id);
        return tab;
    }

    private static TextArea readOnly(String styleClass) {
        TextArea area = new TextArea();
        area.setEditable(false);
        area.setWrapText(true);
        area.getStyleClass().addAll("payload-area", styleClass);
        return area;
    }
}
