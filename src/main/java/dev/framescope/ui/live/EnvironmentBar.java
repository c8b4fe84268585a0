package dev.framescope.ui.live;

import dev.framescope.engine.Environments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * "Environment: [local ▾]" above the connections — which environment {{variables}} come from — and, under it, why
 * the saved environments could not be loaded or saved, until clicked away.
 */
final class EnvironmentBar extends VBox {

    private final SessionModel session;
    private final ChoiceBox<String> chooser = new ChoiceBox<>();
    private final Label problem = new Label();

    EnvironmentBar(SessionModel session, StatusModel status) {
        super(4);
        this.session = session;
        chooser.setId("environment-chooser");
        chooser.setTooltip(new Tooltip("The environment {{variables}} come from "
                + "(Edit → Environments… to define them, Ctrl+Shift+E)"));
        chooser.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(chooser, Priority.ALWAYS);
        fill(session.environments().get());
        session.environments().addListener((o, was, now) -> fill(now));
        // fill() mirrors the session: the values it sets equal the session's choice, so choose() changes nothing.
        chooser.setOnAction(e -> choose(chooser.getValue()));
        HBox bar = new HBox(6, chooser);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(2, 4, 2, 4));
        problem.setId("environments-problem");
        problem.getStyleClass().add("filter-problem");
        problem.setWrapText(true);
        problem.setMaxWidth(Double.MAX_VALUE);
        problem.setTooltip(new Tooltip("Click to dismiss"));
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setOnMouseClicked(e -> problem.setVisible(false));
        showProblem(session.environmentsProblem().get(), status);
        session.environmentsProblem().addListener((o, was, now) -> showProblem(now, status));
        getChildren().addAll(bar, problem);
    }

    ChoiceBox<String> chooser() {
        return chooser;
    }

    private void fill(Environments envs) {
        List<String> names = new ArrayList<>();
        names.add(EnvironmentsDialog.NO_ACTIVE);
        envs.all().forEach(e -> names.add(e.name()));
        chooser.getItems().setAll(names);
        chooser.setValue(envs.active().orElse(EnvironmentsDialog.NO_ACTIVE));
    }

    /** A value the chooser took; null while its items are being replaced, which chooses nothing. */
    private void choose(String name) {
        if (name == null) {
            return;
        }
        Environments envs = session.environments().get();
        Optional<String> active = name.equals(EnvironmentsDialog.NO_ACTIVE) ? Optional.empty() : Optional.of(name);
        if (!active.equals(envs.active()) && (active.isEmpty()
                || envs.all().stream().anyMatch(e -> e.name().equals(active.get())))) {
            session.environments().set(envs.withActive(active));
        }
    }

    private void showProblem(String text, StatusModel status) {
        problem.setText(text.isEmpty() ? "" : "⚠ " + text);
        problem.setVisible(!text.isEmpty());
        if (!text.isEmpty()) {
            status.notice(text, Duration.ofSeconds(30));
        }
    }
}
