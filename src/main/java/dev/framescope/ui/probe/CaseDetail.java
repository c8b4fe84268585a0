package dev.framescope.ui.probe;

import dev.framescope.probe.CaseResult;
import dev.framescope.probe.ProbeCase;
import dev.framescope.probe.Verdict;
import dev.framescope.wire.Violation;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The selected case in words: what we did, what the case expects, what the server did (the one-line explanation),
 * both grades with Autobahn's reasons, the RFC clause and our violation id — the HTML report's detail section,
 * without the frames (a double-click opens those in the main window).
 */
public final class CaseDetail {

    private final Label title = new Label();
    private final Label description = value();
    private final Label expectation = value();
    private final Label happened = value();
    private final Label behavior = value();
    private final Label close = value();
    private final Label rfc = value();
    private final Label rule = value();
    private final GridPane grid = new GridPane();
    private final ScrollPane root;

    CaseDetail() {
        title.getStyleClass().add("probe-detail-title");
        grid.setHgap(12);
        grid.setVgap(6);
        ColumnConstraints keys = new ColumnConstraints();
        // The keys are never cut: their column is as wide as the longest ("What happened").
        keys.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        grid.getColumnConstraints().setAll(keys, values);
        row(0, "What we did", description);
        row(1, "Expectation", expectation);
        row(2, "What happened", happened);
        row(3, "Behavior", behavior);
        row(4, "Close", close);
        row(5, "RFC", rfc);
        row(6, "Violation id", rule);
        VBox box = new VBox(8, title, grid);
        box.setPadding(new Insets(10));
        box.getStyleClass().add("probe-detail");
        root = new ScrollPane(box);
        root.setFitToWidth(true);
        show(Optional.empty());
    }

    private void row(int index, String key, Label value) {
        Label k = new Label(key);
        k.setMinWidth(Region.USE_PREF_SIZE);
        k.getStyleClass().add("probe-detail-key");
        grid.addRow(index, k, value);
    }

    private static Label value() {
        Label l = new Label();
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        l.getStyleClass().add("probe-detail-value");
        return l;
    }

    /** Shows {@code result}, or asks for a selection. */
    void show(Optional<CaseResult> result) {
        grid.setVisible(result.isPresent());
        if (result.isEmpty()) {
            title.setText("Select a case to see what it expects and what the server did.");
            return;
        }
        CaseResult r = result.get();
        ProbeCase c = r.probeCase();
        title.setText("Case " + c.id());
        description.setText(c.description());
        expectation.setText(c.expectation().isEmpty() ? "—" : c.expectation());
        happened.setText(r.grade().serverDid().isEmpty() ? "—" : r.grade().serverDid());
        grade(behavior, r.grade().behavior(), r.grade().result());
        grade(close, r.grade().close(), r.grade().resultClose());
        rfc.setText(c.rfc().isEmpty() ? "—" : c.rfc());
        rule.setText(c.rule().map(CaseDetail::rule).orElse("none for this case"));
    }

    private static void grade(Label label, Verdict v, String why) {
        label.getStyleClass().removeAll(VerdictStyle.CLASSES);
        label.getStyleClass().add(VerdictStyle.styleClass(v));
        label.setText(VerdictStyle.text(v) + (why.isEmpty() ? "" : " — " + why));
    }

    private static String rule(Violation v) {
        return v.id() + " (" + v.message() + ")";
    }

    public Node root() {
        return root;
    }

    public Label title() {
        return title;
    }

    /** The label showing {@code key}'s value ("Expectation", "RFC", …). */
    public Label label(String key) {
        for (int i = 0; i + 1 < grid.getChildren().size(); i += 2) {
            if (((Label) grid.getChildren().get(i)).getText().equals(key)) {
                return (Label) grid.getChildren().get(i + 1);
            }
        }
        throw new IllegalArgumentException("no row " + key);
    }
}
