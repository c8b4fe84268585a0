package dev.framescope.ui.live;

import dev.framescope.engine.Environment;
import dev.framescope.engine.Environments;
import dev.framescope.engine.Variables.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.converter.DefaultStringConverter;

/**
 * Edit → Environments…: named sets of variables (e.g. "local", "staging") and which one is active. Each variable has
 * a name, a value and a secret flag; secret values show as •••• unless "Reveal secret values" is ticked.
 */
public final class EnvironmentsDialog {

    /** One editable variable row. */
    static final class Row {
        final SimpleStringProperty name = new SimpleStringProperty("");
        final SimpleStringProperty value = new SimpleStringProperty("");
        final SimpleBooleanProperty secret = new SimpleBooleanProperty();

        Row(Variable v) {
            name.set(v.name());
            value.set(v.value());
            secret.set(v.secret());
        }
    }

    static final String NO_ACTIVE = "No environment";

    private final Dialog<Environments> dialog = new Dialog<>();
    private final Map<String, ObservableList<Row>> rows = new LinkedHashMap<>();
    private final ListView<String> names = new ListView<>();
    private final TableView<Row> table = new TableView<>();
    private final ChoiceBox<String> active = new ChoiceBox<>();
    private final CheckBox reveal = new CheckBox("Reveal secret values");
    private final Label error = new Label();

    public EnvironmentsDialog(Window owner, Environments current) {
        dialog.initOwner(owner);
        dialog.setTitle("Environments");
        dialog.setHeaderText("Variables for {{name}} in URLs, headers, auth fields and composer messages");
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        for (Environment e : current.all()) {
            rows.put(e.name(), FXCollections.observableArrayList(e.variables().stream().map(Row::new).toList()));
        }
        names.setId("environments-list");
        names.getItems().setAll(rows.keySet());
        names.getSelectionModel().selectedItemProperty().addListener((o, was, now) ->
                table.setItems(now == null ? FXCollections.observableArrayList() : rows.get(now)));
        active.setId("environments-active");
        refreshActive(current.active().orElse(NO_ACTIVE));
        BorderPane content = content();
        content.setPrefSize(800, 400);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().setMinWidth(820);
        dialog.setResizable(true);
        error.getStyleClass().add("filter-problem");
        dialog.getDialogPane().lookupButton(ButtonType.OK).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            try {
                environments();
            } catch (IllegalArgumentException ex) {
                error.setText(ex.getMessage());
                e.consume();
            }
        });
        dialog.setResultConverter(b -> b == ButtonType.OK ? environments() : null);
        if (!names.getItems().isEmpty()) {
            names.getSelectionModel().select(current.active().orElse(names.getItems().get(0)));
        }
    }

    public Optional<Environments> showAndWait() {
        return dialog.showAndWait();
    }

    /** Shows the dialog without waiting; {@code onOk} gets the environments when it closes with OK. */
    public void show(java.util.function.Consumer<Environments> onOk) {
        dialog.setOnHidden(e -> Optional.ofNullable(dialog.getResult()).ifPresent(onOk));
        dialog.show();
    }

    private BorderPane content() {
        Button add = new Button("Add…");
        add.setId("environments-add");
        add.setOnAction(e -> {
            TextInputDialog ask = new TextInputDialog("local");
            ask.initOwner(dialog.getDialogPane().getScene().getWindow());
            ask.setHeaderText("Name of the new environment");
            ask.showAndWait().map(String::trim).filter(n -> !n.isEmpty()).ifPresent(this::addEnvironment);
        });
        Button remove = new Button("Remove");
        remove.setOnAction(e -> Optional.ofNullable(names.getSelectionModel().getSelectedItem()).ifPresent(n -> {
            rows.remove(n);
            names.getItems().remove(n);
            refreshActive(active.getValue());
        }));
        VBox left = new VBox(6, new Label("Environments"), names, new HBox(6, add, remove));
        names.setPrefWidth(180);
        left.setPadding(new Insets(0, 10, 0, 0));

        table.setId("environments-table");
        table.setEditable(true);
        table.setPlaceholder(new Label("Add an environment, then its variables"));
        TableColumn<Row, String> name = new TableColumn<>("Name");
        name.setCellValueFactory(c -> c.getValue().name);
        name.setCellFactory(TextFieldTableCell.forTableColumn());
        name.setPrefWidth(160);
        TableColumn<Row, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> c.getValue().value);
        value.setCellFactory(col -> new TextFieldTableCell<Row, String>(new DefaultStringConverter()) {
            @Override
            public void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                Row row = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (row != null && row.secret.get() && !reveal.isSelected() && !isEditing()) {
                    setText(item == null || item.isEmpty() ? "" : "••••");
                }
            }
        });
        value.setPrefWidth(300);
        TableColumn<Row, Boolean> secret = new TableColumn<>("Secret");
        secret.setCellValueFactory(c -> c.getValue().secret);
        secret.setCellFactory(CheckBoxTableCell.forTableColumn(secret));
        secret.setPrefWidth(70);
        table.getColumns().add(name);
        table.getColumns().add(value);
        table.getColumns().add(secret);
        reveal.setId("environments-reveal");
        reveal.selectedProperty().addListener((o, was, now) -> table.refresh());
        Button addVar = new Button("+ Variable");
        addVar.setId("environments-add-variable");
        addVar.setOnAction(e -> Optional.ofNullable(table.getItems()).ifPresent(items -> {
            if (names.getSelectionModel().getSelectedItem() != null) {
                items.add(new Row(new Variable("name" + (items.size() + 1), "", false)));
            }
        }));
        Button removeVar = new Button("− Variable");
        removeVar.setOnAction(e -> Optional.ofNullable(table.getSelectionModel().getSelectedItem())
                .ifPresent(r -> table.getItems().remove(r)));
        HBox tools = new HBox(8, addVar, removeVar, reveal, new Label("Active environment"), active);
        tools.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        BorderPane pane = new BorderPane(table);
        pane.setLeft(left);
        pane.setBottom(new VBox(6, tools, error));
        BorderPane.setMargin(tools, new Insets(8, 0, 0, 0));
        return pane;
    }

    /** Adds an environment (a unique name) and selects it. */
    void addEnvironment(String name) {
        if (rows.containsKey(name)) {
            names.getSelectionModel().select(name);
            return;
        }
        rows.put(name, FXCollections.observableArrayList());
        names.getItems().add(name);
        names.getSelectionModel().select(name);
        refreshActive(active.getValue() == null || active.getValue().equals(NO_ACTIVE) ? name : active.getValue());
    }

    /** Adds a variable to the selected environment (for tests and the + button alike). */
    void addVariable(Variable v) {
        table.getItems().add(new Row(v));
    }

    private void refreshActive(String keep) {
        List<String> choices = new ArrayList<>();
        choices.add(NO_ACTIVE);
        choices.addAll(rows.keySet());
        active.getItems().setAll(choices);
        active.setValue(choices.contains(keep) ? keep : NO_ACTIVE);
    }

    /** What the dialog holds; IllegalArgumentException names a bad variable name and its environment. */
    Environments environments() {
        List<Environment> all = new ArrayList<>();
        for (Map.Entry<String, ObservableList<Row>> e : rows.entrySet()) {
            List<Variable> vars = new ArrayList<>();
            for (Row r : e.getValue()) {
                try {
                    vars.add(new Variable(r.name.get().trim(), r.value.get(), r.secret.get()));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(e.getKey() + ": " + ex.getMessage());
                }
            }
            all.add(new Environment(e.getKey(), vars));
        }
        String chosen = active.getValue();
        return new Environments(all, chosen == null || chosen.equals(NO_ACTIVE) ? Optional.empty()
                : Optional.of(chosen));
    }

    ChoiceBox<String> activeChoice() {
        return active;
    }

    TableView<Row> table() {
        return table;
    }

    CheckBox revealSwitch() {
        return reveal;
    }

    Dialog<Environments> dialog() {
        return dialog;
    }
}
