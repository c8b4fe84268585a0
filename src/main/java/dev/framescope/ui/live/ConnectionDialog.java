package dev.framescope.ui.live;

import dev.framescope.engine.ConnectionOptions;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.ConnectionTemplate;
import dev.framescope.engine.HeartbeatPolicy;
import dev.framescope.engine.ReconnectPolicy;
import dev.framescope.engine.TlsOptions;
import dev.framescope.engine.Variables;
import dev.framescope.ui.fx.Forms;
import dev.framescope.ui.fx.Labels;
import dev.framescope.ui.fx.NumberFields;
import dev.framescope.wire.ExtensionHeader;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * New / edit connection: URL (with history), protocol mode (Strict or Observe), headers, subprotocols, extension
 * offers (permessage-deflate parameters as controls, plus free-form offers such as {@code x-webkit-deflate-frame}),
 * heartbeat, TLS, proxy, timeouts and reconnect; on its second tab the auth helper and the query parameters. URL,
 * header values and auth fields may hold {@code {{variables}}} of the active environment: the form keeps them as a
 * {@link ConnectionTemplate} and produces the resolved {@link ConnectionSpec}; a field that cannot be read, or an
 * undefined variable, is named in the error line before anything connects.
 */
public final class ConnectionDialog {

    private final Dialog<ConnectionSpec> dialog = new Dialog<>();
    private final ComboBox<String> url = new ComboBox<>();
    private final TextArea headers = new TextArea();
    private final TextField subprotocols = new TextField();
    private final DeflateOfferRow deflate = new DeflateOfferRow();
    private final TextField freeOffers = new TextField();
    private final Spinner<Integer> heartbeatSeconds = NumberFields.spinner(0, 3600, 0);
    private final Spinner<Integer> pongTimeoutSeconds = NumberFields.spinner(1, 600, 5);
    private final ChoiceBox<HeartbeatPolicy.OnMissed> onMissed = new ChoiceBox<>();
    private final PongModeField pongMode = new PongModeField();
    private final ModeField mode = new ModeField();
    private final TextField caFile = new TextField();
    private final TextField clientCert = new TextField();
    private final PasswordField clientCertPassword = new PasswordField();
    private final CheckBox insecure = new CheckBox("Do not verify certificate or host name (this connection only)");
    private final TextField proxy = new TextField();
    private final Spinner<Integer> connectTimeout = NumberFields.spinner(1, 600, 10);
    private final Spinner<Integer> handshakeTimeout = NumberFields.spinner(1, 600, 10);
    private final CheckBox reconnect = new CheckBox("Reconnect after an abnormal close");
    private final Spinner<Integer> reconnectAttempts = NumberFields.spinner(1, 100, 5);
    private final Label error = new Label();
    private final AuthSection auth = new AuthSection();
    private final QueryEditor query;
    private Supplier<Variables> variables = () -> Variables.NONE;
    /** The connection being edited (defaults for a new one): what the form has no field for comes from here. */
    private ConnectionOptions edited = ConnectionOptions.DEFAULTS;
    private final Map<Spinner<Integer>, Shown> shown = new HashMap<>();
    private int shownAttempts = -1;

    public ConnectionDialog(Window owner, List<String> history) {
        dialog.initOwner(owner);
        dialog.setTitle("New connection");
        dialog.setHeaderText("Connect to a WebSocket endpoint");
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        query = new QueryEditor(url.getEditor().textProperty());
        GridPane grid = form();
        dialog.getDialogPane().setContent(tabs(grid));
        dialog.getDialogPane().setPrefWidth(880);
        // With the tabs, the dialog window was sized narrower than the form (600 px under Xvfb): hold it wide.
        dialog.getDialogPane().setMinWidth(880);
        dialog.setResizable(true);
        url.setEditable(true);
        url.getItems().setAll(history);
        url.setValue(history.isEmpty() ? "wss://" : history.get(0));
        url.setPrefWidth(460);
        url.setId("dialog-url");
        onMissed.getItems().addAll(HeartbeatPolicy.OnMissed.values());
        onMissed.setValue(HeartbeatPolicy.OnMissed.REPORT);
        Labels.use(onMissed, Labels::onMissed);
        insecure.getStyleClass().add("insecure-switch");
        Label warning = new Label("⚠ Anyone on the path can read and change this connection's traffic.");
        warning.getStyleClass().add("filter-problem");
        warning.setId("dialog-insecure-warning");
        warning.visibleProperty().bind(insecure.selectedProperty());
        error.getStyleClass().add("filter-problem");
        dialog.getDialogPane().lookupButton(ButtonType.OK).addEventFilter(ActionEvent.ACTION, e -> {
            try {
                spec();
            } catch (IllegalArgumentException ex) {
                error.setText(ex.getMessage());
                e.consume();
            }
        });
        dialog.setResultConverter(b -> b == ButtonType.OK ? spec() : null);
        grid.add(warning, 1, grid.getRowCount());
    }

    /** Variables for {@code {{name}}} in the URL, headers and auth fields (the active environment's). */
    public ConnectionDialog usingVariables(Supplier<Variables> source) {
        this.variables = source;
        return this;
    }

    /** Edit connection, with the URL, headers and auth helper as the user wrote them (variables unresolved). */
    public ConnectionDialog editing(ConnectionSpec spec, ConnectionTemplate template) {
        return editing(ConnectionOptions.of(spec), template);
    }

    /**
     * Edit connection from its template and options — also a connection loaded from a session file, which has no
     * spec (its URL may hold variables) but kept both.
     */
    public ConnectionDialog editing(ConnectionOptions options, ConnectionTemplate template) {
        dialog.setTitle("Edit connection");
        dialog.setHeaderText("Change the settings and reconnect");
        url.setValue(template.url());
        url.getEditor().setText(template.url());
        headers.setText(String.join("\n", template.headers().stream().map(h -> h.name() + ": " + h.value())
                .toList()));
        auth.set(template.auth());
        fill(options);
        return this;
    }

    /** The URL, headers and auth helper as written, variables unresolved: what the window and session file keep. */
    public ConnectionTemplate template() {
        String typed = Optional.ofNullable(url.getEditor().getText()).orElse("");
        String target = (typed.isBlank() ? Optional.ofNullable(url.getValue()).orElse("") : typed).trim();
        List<ConnectionSpec.Header> fields = new ArrayList<>();
        for (String line : headers.getText().split("\\R")) {
            if (!line.isBlank()) {
                fields.add(ConnectionSpec.Header.parse(line));
            }
        }
        return new ConnectionTemplate(target, fields, auth.auth());
    }

    private VBox tabs(GridPane connection) {
        TabPane tabs = new TabPane();
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        // Scrolls rather than growing past a 1280×800 screen: OK and Cancel stay on it.
        ScrollPane scroll = new ScrollPane(connection);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(500);
        Tab main = new Tab("Connection", scroll);
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.setPadding(new Insets(12));
        Label urlMirror = new Label();
        urlMirror.textProperty().bind(url.getEditor().textProperty());
        urlMirror.getStyleClass().add("connection-url");
        g.addRow(0, new Label("URL"), urlMirror);
        g.addRow(1, new Label("Auth"), auth);
        g.addRow(2, new Label("Query"), query);
        Label hint = new Label("{{name}} in the URL, headers, auth fields and composer messages takes the active "
                + "environment's value (Edit → Environments…); \\{{ writes a literal {{.");
        hint.getStyleClass().add("field-hint");
        hint.setWrapText(true);
        g.add(hint, 1, 3);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(110);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(labels, fields);
        Tab authTab = new Tab("Auth & query", g);
        authTab.setId("dialog-auth-tab");
        tabs.getTabs().addAll(main, authTab);
        // A TabPane asks for less width than its widest tab needs; the form's own width keeps it whole.
        tabs.setPrefWidth(860);
        this.tabPane = tabs;
        return new VBox(6, tabs, error);
    }

    private TabPane tabPane;

    /** Fills the form from an existing connection's settings (Edit connection). */
    public ConnectionDialog editing(ConnectionSpec spec) {
        dialog.setTitle("Edit connection");
        dialog.setHeaderText("Change the settings and reconnect");
        url.setValue(spec.uri().toString());
        url.getEditor().setText(spec.uri().toString());
        headers.setText(String.join("\n", spec.headers().stream().map(h -> h.name() + ": " + h.value()).toList()));
        fill(ConnectionOptions.of(spec));
        return this;
    }

    /**
     * Shows every option the form has a field for; the rest (origin, message size limit, heartbeat payload prefix,
     * backoff delays) is kept as it was for {@link #spec()}.
     */
    private void fill(ConnectionOptions options) {
        edited = options;
        mode.set(options.mode());
        subprotocols.setText(String.join(", ", options.subprotocols()));
        List<String> others = new ArrayList<>();
        for (String offer : options.extensionOffers()) {
            if (!ExtensionHeader.parse(offer).offers().stream().findFirst().map(deflate::show).orElse(false)) {
                others.add(offer);
            }
        }
        freeOffers.setText(String.join(", ", others));
        HeartbeatPolicy heartbeat = options.heartbeat();
        show(heartbeatSeconds, heartbeat.enabled() ? heartbeat.interval() : Duration.ZERO);
        show(pongTimeoutSeconds, heartbeat.pongTimeout());
        onMissed.setValue(heartbeat.onMissed());
        pongMode.set(heartbeat.pong());
        insecure.setSelected(options.tls().insecure());
        caFile.setText(options.tls().extraTrustedCa().map(Path::toString).orElse(""));
        clientCert.setText(options.tls().clientKeyStore().map(Path::toString).orElse(""));
        clientCertPassword.setText(new String(options.tls().clientKeyStorePassword()));
        proxy.setText(options.proxy().map(p -> p.getHostString() + ":" + p.getPort()).orElse(""));
        show(connectTimeout, options.connectTimeout());
        show(handshakeTimeout, options.handshakeTimeout());
        reconnect.setSelected(options.reconnect().enabled());
        if (options.reconnect().enabled() && options.reconnect().maxAttempts() > 0) {
            reconnectAttempts.getValueFactory().setValue(options.reconnect().maxAttempts());
        }
        shownAttempts = reconnectAttempts.getValue();
    }

    /** A duration in whole seconds; {@link #seconds} gives the exact value back while the field is unchanged. */
    private void show(Spinner<Integer> field, Duration exact) {
        long whole = exact.isZero() ? 0 : Math.max(1, exact.toSeconds());
        field.getValueFactory().setValue((int) Math.min(Integer.MAX_VALUE, whole));
        shown.put(field, new Shown(field.getValue(), exact));
    }

    /** The field's duration: what was shown, exactly (500 ms stays 500 ms), unless the user changed it. */
    private Duration seconds(Spinner<Integer> field) {
        Shown s = shown.get(field);
        return s != null && s.value() == field.getValue() ? s.exact() : Duration.ofSeconds(field.getValue());
    }

    private record Shown(int value, Duration exact) {
    }

    public Optional<ConnectionSpec> showAndWait() {
        return dialog.showAndWait();
    }

    private GridPane form() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.setPadding(new Insets(12));
        headers.setPromptText("Name: value, one per line (e.g. Authorization: Bearer …)");
        headers.setPrefRowCount(3);
        subprotocols.setPromptText("offered in order, comma-separated (e.g. graphql-transport-ws, v2.chat)");
        clientCert.setPrefWidth(360);
        freeOffers.setPromptText("other offers, comma-separated (e.g. x-webkit-deflate-frame)");
        caFile.setPromptText("PEM file of extra trusted CA certificates");
        clientCert.setPromptText("PKCS#12 file with a client certificate");
        proxy.setPromptText("host:port of an HTTP CONNECT proxy");
        headers.setId("dialog-headers");
        subprotocols.setId("dialog-subprotocols");
        freeOffers.setId("dialog-offers");
        heartbeatSeconds.setId("dialog-heartbeat");
        pongTimeoutSeconds.setId("dialog-pong-timeout");
        onMissed.setId("dialog-on-missed");
        caFile.setId("dialog-ca-file");
        clientCert.setId("dialog-client-cert");
        clientCertPassword.setId("dialog-client-cert-password");
        insecure.setId("dialog-insecure");
        proxy.setId("dialog-proxy");
        connectTimeout.setId("dialog-connect-timeout");
        handshakeTimeout.setId("dialog-handshake-timeout");
        reconnect.setId("dialog-reconnect");
        reconnectAttempts.setId("dialog-reconnect-attempts");
        int row = 0;
        g.addRow(row++, new Label("URL"), new HBox(8, url, UrlTemplates.menu(url)));
        g.addRow(row++, new Label("Mode"), mode.node());
        g.addRow(row++, new Label("Headers"), headers);
        g.addRow(row++, new Label("Subprotocols"), subprotocols);
        g.addRow(row++, new Label("Extensions"), deflate.deflateSwitch());
        g.addRow(row++, new Label(""), deflate.takeover());
        g.addRow(row++, new Label(""), deflate.windowBits());
        g.addRow(row++, new Label(""), freeOffers);
        g.addRow(row++, new Label("Heartbeat"), new VBox(6, new HBox(8, new Label("ping every"), heartbeatSeconds,
                NumberFields.unit("s (0 = off)"), new Label("pong timeout"), pongTimeoutSeconds, NumberFields.unit("s"),
                new Label("when missed"), onMissed), pongMode.node()));
        g.addRow(row++, new Label("TLS"), caFile);
        g.addRow(row++, new Label(""), new HBox(8, clientCert, new Label("password"), clientCertPassword));
        g.addRow(row++, new Label("Proxy"), proxy);
        g.addRow(row++, new Label("Timeouts"), new HBox(8, new Label("connect"), connectTimeout,
                NumberFields.unit("s"), new Label("handshake"), handshakeTimeout, NumberFields.unit("s")));
        g.addRow(row++, new Label("Reconnect"), new HBox(8, reconnect, new Label("attempts"), reconnectAttempts));
        g.addRow(row++, new Label(""), insecure);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(110);
        g.getColumnConstraints().add(labels);
        Forms.tidy(g);
        return g;
    }

    /** The spec the form describes; IllegalArgumentException names the field that is wrong. */
    ConnectionSpec spec() {
        refuseTypos();
        ConnectionTemplate.Resolved resolved = template().resolve(variables.get());
        ConnectionSpec target;
        try {
            target = ConnectionSpec.to(resolved.uri()).withHeaders(resolved.headers());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("URL: " + e.getMessage());
        }
        return options().applyTo(target);
    }

    /** The options the form describes, with those it has no field for as they were in the edited connection. */
    ConnectionOptions options() {
        HeartbeatPolicy base = edited.heartbeat();
        HeartbeatPolicy heartbeat = new HeartbeatPolicy(seconds(heartbeatSeconds), seconds(pongTimeoutSeconds),
                base.payloadPrefix(), onMissed.getValue(), pongMode.value());
        Optional<InetSocketAddress> proxyAddress = Forms.hostAndPort("Proxy", proxy.getText());
        return new ConnectionOptions(list(subprotocols.getText()), offers(), edited.origin(), seconds(connectTimeout),
                seconds(handshakeTimeout), tls(), proxyAddress, heartbeat, reconnectPolicy(),
                edited.maxMessageBytes(), mode.value());
    }

    /** A number field whose text was refused stops OK, named, rather than connecting with the old value. */
    private void refuseTypos() {
        Map<String, Spinner<Integer>> fields = new LinkedHashMap<>();
        fields.put("Ping interval", heartbeatSeconds);
        fields.put("Pong timeout", pongTimeoutSeconds);
        fields.put("Connect timeout", connectTimeout);
        fields.put("Handshake timeout", handshakeTimeout);
        fields.put("Reconnect attempts", reconnectAttempts);
        fields.forEach((name, field) -> NumberFields.refusal(field).ifPresent(why -> {
            // Shown, with the caret in it, where the form scrolled it out of sight.
            tabPane.getSelectionModel().selectFirst();
            Forms.reveal((ScrollPane) tabPane.getTabs().get(0).getContent(), field);
            field.requestFocus();
            throw new IllegalArgumentException(name + ": " + why);
        }));
    }

    /** Backoff delays as they were (1 s doubling up to 30 s for a new connection); attempts from the form. */
    private ReconnectPolicy reconnectPolicy() {
        if (!reconnect.isSelected()) {
            return ReconnectPolicy.OFF;
        }
        ReconnectPolicy base = edited.reconnect();
        int attempts = base.enabled() && reconnectAttempts.getValue() == shownAttempts ? base.maxAttempts()
                : reconnectAttempts.getValue();
        return new ReconnectPolicy(true, base.initialDelay(), base.multiplier(), base.maxDelay(), attempts);
    }

    /** Paths as typed; insecure keeps them (a client certificate still goes to a server we do not verify). */
    private TlsOptions tls() {
        Optional<Path> ca = caFile.getText().isBlank() ? Optional.empty() : Optional.of(Path.of(caFile.getText()));
        if (clientCert.getText().isBlank()) {
            return new TlsOptions(ca, Optional.empty(), new char[0], insecure.isSelected());
        }
        return new TlsOptions(ca, Optional.of(Path.of(clientCert.getText())),
                clientCertPassword.getText().toCharArray(), insecure.isSelected());
    }

    private List<String> offers() {
        List<String> offers = new ArrayList<>(deflate.offer().stream().toList());
        offers.addAll(list(freeOffers.getText()));
        return offers;
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    /** For tests: the form's URL field and the permessage-deflate switches. */
    ComboBox<String> urlField() {
        return url;
    }

    CheckBox deflateSwitch() {
        return deflate.deflateSwitch();
    }

    CheckBox serverNoTakeoverSwitch() {
        return deflate.serverNoTakeoverSwitch();
    }

    TextArea headersField() {
        return headers;
    }

    Spinner<Integer> heartbeatField() {
        return heartbeatSeconds;
    }

    PongModeField pongModeField() {
        return pongMode;
    }

    ModeField modeField() {
        return mode;
    }

    AuthSection authSection() {
        return auth;
    }

    QueryEditor queryEditor() {
        return query;
    }

    public DialogPane dialogPane() {
        return dialog.getDialogPane();
    }

    TabPane tabPane() {
        return tabPane;
    }

    Label errorLine() {
        return error;
    }
}
