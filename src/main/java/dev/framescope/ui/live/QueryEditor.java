package dev.framescope.ui.live;

import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The URL's query parameters as an editable table that stays in sync with the URL field both ways: typing in the URL
 * refills the rows, editing a row rewrites the URL's query (values as typed, {@code {{variables}}} included).
 */
final class QueryEditor extends HBox {

    /** One editable row. */
    static final class Row {
        final StringProperty name = new SimpleStringProperty("");
        final StringProperty value = new SimpleStringProperty("");

        Row(String n, String v) {
            name.set(n);
            value.set(v);
        }
    }

    private final TableView<Row> table = new TableView<>();
    private final StringProperty url;
    private boolean syncing;

    QueryEditor(StringProperty url) {
        super(6);
        this.url = url;
        table.setId("query-table");
        table.setEditable(true);
        table.setPrefHeight(118);
        table.setPlaceholder(new Label("No query parameters (+ adds one)"));
        TableColumn<Row, String> name = new TableColumn<>("Parameter");
        name.setCellValueFactory(c -> c.getValue().name);
        name.setCellFactory(TextFieldTableCell.forTableColumn());
        name.setPrefWidth(200);
        TableColumn<Row, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> c.getValue().value);
        value.setCellFactory(TextFieldTableCell.forTableColumn());
        value.setPrefWidth(360);
        table.getColumns().add(name);
        table.getColumns().add(value);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        Button add = new Button("+");
        add.setId("query-add");
        add.setTooltip(new Tooltip("Add a query parameter"));
        add.setOnAction(e -> {
            table.getItems().add(watched(new Row("name", "value")));
            writeUrl();
        });
        Button remove = new Button("−");
        remove.setId("query-remove");
        remove.setTooltip(new Tooltip("Remove the selected parameter"));
        remove.setOnAction(e -> {
            Row row = table.getSelectionModel().getSelectedItem();
            if (row != null) {
                table.getItems().remove(row);
                writeUrl();
            }
        });
        HBox.setHgrow(table, Priority.ALWAYS);
        getChildren().addAll(table, new VBox(4, add, remove));
        url.addListener((o, was, now) -> readUrl());
        readUrl();
    }

    private Row watched(Row row) {
        row.name.addListener((o, was, now) -> writeUrl());
        row.value.addListener((o, was, now) -> writeUrl());
        return row;
    }

    private void readUrl() {
        if (syncing) {
            return;
        }
        syncing = true;
        try {
            table.getItems().setAll(QueryString.parse(text()).stream().map(p -> watched(new Row(p.name(),
                    p.value()))).toList());
        } finally {
            syncing = false;
        }
    }

    private void writeUrl() {
        if (syncing) {
            return;
        }
        syncing = true;
        try {
            url.set(QueryString.withParams(text(), params()));
        } finally {
            syncing = false;
        }
    }

    private String text() {
        return url.get() == null ? "" : url.get();
    }

    List<QueryString.Param> params() {
        return table.getItems().stream().map(r -> new QueryString.Param(r.name.get(), r.value.get())).toList();
    }

    TableView<Row> table() {
        return table;
    }
}
