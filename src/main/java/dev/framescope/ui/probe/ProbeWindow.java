package dev.framescope.ui.probe;

import dev.framescope.probe.CaseResult;
import dev.framescope.probe.Catalogue;
import dev.framescope.probe.CaseSelection;
import dev.framescope.probe.Verdict;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Probe window's content: the URL, a category picker, Run and Stop, progress, the results table with its
 * verdicts coloured, and below it the selected case's detail ({@link CaseDetail}). A double-click on a case opens its
 * capture in the main window's views ({@code open}). Builds no I/O of its own:
 * the model runs everything off the FX thread.
 */
public final class ProbeWindow {

    private final ProbeModel model;
    private final TextField url = new TextField();
    private final Map<String, CheckBox> categories = new LinkedHashMap<>();
    private final Button run = new Button("Run");
    private final Button stop = new Button("Stop");
    private final TableView<CaseResult> table = new TableView<>();
    private final CaseDetail detail = new CaseDetail();
    private final VBox root;

    public ProbeWindow(ProbeModel model, String initialUrl, Consumer<CaseResult> open) {
        this.model = model;
        url.setText(initialUrl);
        url.setPromptText("ws://host:port/echo — the server must echo every message");
        url.getStyleClass().add("probe-url");
        HBox.setHgrow(url, Priority.ALWAYS);
        FlowPane picker = new FlowPane(8, 4);
        Catalogue.CATEGORIES.entrySet().stream()
                .sorted((a, b) -> Integer.compare(Integer.parseInt(a.getKey()), Integer.parseInt(b.getKey())))
                .forEach(e -> {
                    CheckBox box = new CheckBox(e.getKey() + " " + e.getValue());
                    box.setSelected(CaseSelection.DEFAULT.contains(e.getKey() + ".*"));
                    box.getStyleClass().add("probe-category");
                    box.setUserData(e.getKey());
                    categories.put(e.getKey(), box);
                    picker.getChildren().add(box);
                });
        run.setDefaultButton(true);
        run.setOnAction(e -> model.start(url.getText(), chosen()));
        stop.setOnAction(e -> model.stop());
        run.disableProperty().bind(model.running());
        stop.disableProperty().bind(model.running().not());
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(model.progress());
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        Label status = new Label();
        status.textProperty().bind(model.status());
        status.getStyleClass().add("probe-status");
        columns();
        table.setItems(new javafx.collections.transformation.SortedList<>(model.results(),
                (a, b) -> Catalogue.compareIds(a.id(), b.id())));
        table.setPlaceholder(new Label("The server must echo every message back, as Autobahn's fuzzing client "
                + "assumes. Pick categories and press Run; double-click a case to open its capture."));
        table.setRowFactory(t -> {
            TableRow<CaseResult> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    open.accept(row.getItem());
                }
            });
            return row;
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) ->
                detail.show(Optional.ofNullable(now)));
        SplitPane results = new SplitPane(table, detail.root());
        results.setOrientation(Orientation.VERTICAL);
        results.setDividerPositions(0.55);
        VBox.setVgrow(results, Priority.ALWAYS);
        root = new VBox(8, new HBox(8, new Label("URL"), url, run, stop), picker, new HBox(8, progress, status),
                results);
        root.setPadding(new Insets(10));
        root.getStyleClass().add("probe-window");
    }

    private void columns() {
        table.getColumns().add(column("Case", 70, CaseResult::id));
        table.getColumns().add(verdict("Behavior", r -> r.grade().behavior()));
        table.getColumns().add(verdict("Close", r -> r.grade().close()));
        table.getColumns().add(column("ms", 60, r -> String.valueOf(r.durationMillis())));
        TableColumn<CaseResult, String> did = column("What the server did", 600, r -> r.grade().serverDid());
        table.getColumns().add(did);
    }

    private static TableColumn<CaseResult, String> column(String name, double width,
                                                          Function<CaseResult, String> value) {
        TableColumn<CaseResult, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }

    private static TableColumn<CaseResult, Verdict> verdict(String name, Function<CaseResult, Verdict> value) {
        TableColumn<CaseResult, Verdict> c = new TableColumn<>(name);
        // Wide enough for the longest verdict word ("Failed by client", "Unimplemented") at the default font.
        c.setPrefWidth(150);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Verdict v, boolean empty) {
                super.updateItem(v, empty);
                getStyleClass().removeAll(VerdictStyle.CLASSES);
                setText(empty || v == null ? null : VerdictStyle.text(v));
                if (!empty && v != null) {
                    getStyleClass().add(VerdictStyle.styleClass(v));
                }
            }
        });
        return c;
    }

    /** The categories ticked, as "1", "6", "20". */
    public Set<String> chosen() {
        return categories.entrySet().stream().filter(e -> e.getValue().isSelected()).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /** Ticks exactly these categories. */
    public void choose(Set<String> wanted) {
        categories.forEach((k, box) -> box.setSelected(wanted.contains(k)));
    }

    public Parent root() {
        return root;
    }

    /** The selected case's expectation, explanation, grades, RFC clause and violation id. */
    public CaseDetail detail() {
        return detail;
    }

    public TableView<CaseResult> table() {
        return table;
    }

    public Button runButton() {
        return run;
    }

    public TextField url() {
        return url;
    }

    public ProbeModel model() {
        return model;
    }
}
