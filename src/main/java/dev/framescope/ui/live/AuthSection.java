package dev.framescope.ui.live;

import dev.framescope.engine.Auth;
import dev.framescope.ui.fx.Labels;
import java.util.Arrays;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The connection dialog's auth helper: a type chooser and that type's fields, secrets in {@link SecretField}s. Every
 * field may hold {@code {{variables}}} of the active environment.
 */
final class AuthSection extends VBox {

    /** The chooser's entries. */
    enum Kind implements Labels.Labelled {
        NONE("None"), BEARER("Bearer token"), BASIC("Basic (user + password)"), API_KEY("API key"),
        COOKIES("Cookies");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    private final ChoiceBox<Kind> kind = new ChoiceBox<>();
    private final SecretField token = new SecretField("auth-token", "token, e.g. {{token}}");
    private final TextField user = new TextField();
    private final SecretField password = new SecretField("auth-password", "password, e.g. {{password}}");
    private final TextField keyName = new TextField();
    private final SecretField keyValue = new SecretField("auth-key-value", "key, e.g. {{apiKey}}");
    private final ChoiceBox<Auth.Placement> keyPlacement = new ChoiceBox<>();
    private final SecretField cookies = new SecretField("auth-cookies", "name=value; other=value");

    AuthSection() {
        super(6);
        kind.setId("auth-kind");
        kind.getItems().setAll(Kind.values());
        kind.setValue(Kind.NONE);
        kind.setConverter(Labels.converter());
        user.setId("auth-user");
        user.setPromptText("user");
        keyName.setId("auth-key-name");
        keyName.setPromptText("header or parameter name, e.g. X-API-Key");
        keyPlacement.setId("auth-key-placement");
        keyPlacement.getItems().setAll(Auth.Placement.values());
        keyPlacement.setValue(Auth.Placement.HEADER);
        Labels.use(keyPlacement, Labels::placement);
        HBox fields = new HBox(8);
        fields.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        kind.valueProperty().addListener((o, was, now) -> fields.getChildren().setAll(fieldsOf(now)));
        fields.getChildren().setAll(fieldsOf(Kind.NONE));
        HBox top = new HBox(8, kind, fields);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(fields, Priority.ALWAYS);
        Label hint = new Label("Secret fields show •••• (Show reveals them, here only); the session file and exports "
                + "leave them out unless File → Keep Secrets in Exports.");
        hint.getStyleClass().add("field-hint");
        hint.setWrapText(true);
        getChildren().addAll(top, hint);
    }

    private List<Node> fieldsOf(Kind k) {
        List<Node> nodes = switch (k) {
            case NONE -> List.of(new Label("Headers typed under Headers still go out."));
            case BEARER -> List.of(new Label("Authorization: Bearer"), token);
            case BASIC -> List.of(user, password);
            case API_KEY -> List.of(keyName, new Label("="), keyValue, new Label("in"), keyPlacement);
            case COOKIES -> List.of(new Label("Cookie:"), cookies);
        };
        nodes.forEach(n -> {
            if (n instanceof SecretField || n instanceof TextField) {
                HBox.setHgrow(n, Priority.ALWAYS);
            }
        });
        return nodes;
    }

    /** The helper the fields describe; IllegalArgumentException names the field that is wrong. */
    Auth auth() {
        return switch (kind.getValue()) {
            case NONE -> Auth.NONE;
            case BEARER -> new Auth.Bearer(token.getText().trim());
            case BASIC -> new Auth.Basic(user.getText(), password.getText());
            case API_KEY -> {
                if (keyName.getText().isBlank()) {
                    throw new IllegalArgumentException("Auth: the API key needs a name");
                }
                yield new Auth.ApiKey(keyName.getText().trim(), keyValue.getText().trim(), keyPlacement.getValue());
            }
            case COOKIES -> new Auth.Cookies(Arrays.stream(cookies.getText().split(";")).map(String::trim)
                    .filter(c -> !c.isEmpty()).map(Auth.Cookie::parse).toList());
        };
    }

    void set(Auth auth) {
        if (auth instanceof Auth.Bearer b) {
            kind.setValue(Kind.BEARER);
            token.setText(b.token());
        } else if (auth instanceof Auth.Basic b) {
            kind.setValue(Kind.BASIC);
            user.setText(b.user());
            password.setText(b.password());
        } else if (auth instanceof Auth.ApiKey k) {
            kind.setValue(Kind.API_KEY);
            keyName.setText(k.name());
            keyValue.setText(k.value());
            keyPlacement.setValue(k.placement());
        } else if (auth instanceof Auth.Cookies c) {
            kind.setValue(Kind.COOKIES);
            cookies.setText(String.join("; ", c.cookies().stream().map(x -> x.name() + "=" + x.value()).toList()));
        } else {
            kind.setValue(Kind.NONE);
        }
    }

    ChoiceBox<Kind> kindChoice() {
        return kind;
    }

    SecretField tokenField() {
        return token;
    }

    TextField keyNameField() {
        return keyName;
    }

    SecretField keyValueField() {
        return keyValue;
    }

    ChoiceBox<Auth.Placement> keyPlacementChoice() {
        return keyPlacement;
    }
}
