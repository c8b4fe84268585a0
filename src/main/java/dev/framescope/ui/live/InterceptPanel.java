package dev.framescope.ui.live;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The Intercept panel: start and stop the intercepting proxy, its listen address, forward or reverse mode, where it
 * may connect, and how to point an app at it. What it records appears in the connections list ("via proxy").
 */
final class InterceptPanel extends VBox {

    static final String FORWARD = "Forward proxy (the app's proxy setting)";
    static final String REVERSE = "Reverse proxy (the app connects here instead)";

    private final InterceptModel model;

    InterceptPanel(InterceptModel model) {
        super(8);
        this.model = model;
        setPadding(new Insets(12));
        setId("interceptPanel");

        TextField listen = field("interceptListen", "127.0.0.1:8080");
        listen.textProperty().bindBidirectional(model.listen);
        ChoiceBox<String> mode = new ChoiceBox<>();
        mode.setId("interceptMode");
        mode.getItems().setAll(FORWARD, REVERSE);
        mode.setValue(model.reverseMode.get() ? REVERSE : FORWARD);
        mode.valueProperty().addListener((o, was, now) -> model.reverseMode.set(REVERSE.equals(now)));
        TextField reverse = field("interceptReverse", "ws://HOST:PORT or wss://HOST:PORT");
        reverse.textProperty().bindBidirectional(model.reverseUrl);
        reverse.disableProperty().bind(model.reverseMode.not());
        TextField allow = field("interceptAllow", "any; e.g. 127.0.0.0/8,::1");
        allow.textProperty().bindBidirectional(model.upstreamAllow);

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label("Listen on"), listen);
        form.addRow(1, new Label("Mode"), mode);
        form.addRow(2, new Label("Server (reverse)"), reverse);
        form.addRow(3, new Label("Upstream allowed"), allow);
        form.disableProperty().bind(model.running().or(model.busy()));

        Button start = new Button("Start");
        start.setId("interceptStart");
        start.setDefaultButton(true);
        start.disableProperty().bind(model.running().or(model.busy()));
        start.setOnAction(e -> model.start());
        Button stop = new Button("Stop");
        stop.setId("interceptStop");
        stop.disableProperty().bind(model.running().not().or(model.busy()));
        stop.setOnAction(e -> model.stop());

        TextField chromiumUrl = field("interceptChromiumUrl", "a page to open, e.g. http://localhost:3000/");
        chromiumUrl.textProperty().bindBidirectional(model.chromiumUrl);
        Button chromium = new Button("Open in Chromium");
        chromium.setId("interceptChromium");
        chromium.disableProperty().bind(model.running().not());
        chromium.setOnAction(e -> model.launchChromium());

        Label status = new Label();
        status.setId("interceptStatus");
        status.setWrapText(true);
        status.textProperty().bind(model.status());
        Label notice = new Label();
        notice.setId("interceptNotice");
        notice.setWrapText(true);
        notice.textProperty().bind(model.lastNotice());
        TextArea howTo = new TextArea();
        howTo.setId("interceptInstructions");
        howTo.setEditable(false);
        howTo.setWrapText(true);
        howTo.setPrefRowCount(7);
        howTo.textProperty().bind(model.instructions());

        getChildren().setAll(new Label("Record the WebSockets of another app, frame-exact, through a proxy."), form,
                new HBox(8, start, stop), status, new HBox(8, chromiumUrl, chromium), notice, howTo,
                new BreakpointPane(model.breakpoints()));
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(28);
        return f;
    }

    InterceptModel model() {
        return model;
    }
}
