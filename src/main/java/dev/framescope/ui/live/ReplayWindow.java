package dev.framescope.ui.live;

import dev.framescope.ui.fx.Plural;
import dev.framescope.replay.JsonMask;
import dev.framescope.replay.Recording;
import dev.framescope.replay.ReplayResult;
import dev.framescope.replay.Replayer;
import dev.framescope.replay.Timing;
import dev.framescope.ui.fx.Background;
import dev.framescope.ui.fx.FxPump;
import dev.framescope.ui.fx.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Connection → Replay…: a window of its own per recorded connection. The form says where to replay (the recorded URL
 * or another), with which timing and which JSON fields to leave out; Replay runs it off the FX thread with a
 * progress bar and Cancel; the result shows below ({@link ReplayResultView}). Change the form and replay again as
 * often as needed.
 */
final class ReplayWindow {

    /** What the form asks for. */
    record Request(Optional<String> url, Timing timing, List<JsonMask> masks, boolean exactFrames) {
    }

    /** Runs a replay in the background; the outcome comes back on the FX thread. */
    interface Runner {
        Background.Job run(Request request, Replayer.Progress progress, Background.Outcome<ReplayResult> outcome);
    }

    private final Stage stage = new Stage();
    private final Recording recording;
    private final Runner runner;
    private final FxPump pump;
    private final TextField url = new TextField();
    private final ChoiceBox<Timing> timing = new ChoiceBox<>();
    private final TextField ignore = new TextField();
    private final CheckBox exactFrames = new CheckBox("Exact frames: the recorded fragmentation, compression, opcodes "
            + "and pings");
    private final Button run = new Button("Replay");
    private final Button cancel = new Button("Cancel");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressWords = new Label();
    private final Label formProblem = new Label();
    private final ReplayResultView result = new ReplayResultView();
    private Optional<Background.Job> job = Optional.empty();

    ReplayWindow(Window owner, String name, Recording recording, Runner runner, FxPump pump) {
        this.recording = recording;
        this.runner = runner;
        this.pump = pump;
        stage.initOwner(owner);
        stage.setTitle("Replay of " + name);
        Label title = new Label("Replay of ‘" + name + "’: " + Plural.of(recording.client().size(), "message") + " of ours to "
                + "send again, " + Plural.of(recording.server().size(), "server message") + " to compare");
        title.getStyleClass().add("replay-title");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        VBox root = new VBox(8, title, form(), result);
        root.setPadding(new Insets(12));
        root.getStyleClass().add("replay-window");
        VBox.setVgrow(result, Priority.ALWAYS);
        Scene scene = new Scene(root, 1180, 760);
        scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        root.getStyleClass().addAll(owner.getScene().getRoot().getStyleClass().filtered(c -> c.startsWith("theme-")));
        stage.setScene(scene);
        stage.setOnHidden(e -> cancel());
        result.clear("Press Replay to connect to the server with the recorded set-up, send our messages again and "
                + "compare its answers with the recording.");
    }

    private GridPane form() {
        url.setId("replay-url");
        url.setText(recording.label());
        url.setPromptText("the recorded URL");
        url.setPrefColumnCount(48);
        timing.setId("replay-timing");
        timing.getItems().setAll(Timing.REACTIVE, Timing.FAST, Timing.RECORDED);
        Labels.use(timing, ReplayWindow::describe);
        timing.setValue(Timing.REACTIVE);
        ignore.setId("replay-ignore");
        ignore.setPromptText("JSON fields to leave out, e.g. $.id, $..timestamp");
        exactFrames.setId("replay-exact-frames");
        if (!recording.hasFrames()) {
            exactFrames.setDisable(true);
            exactFrames.setText(exactFrames.getText() + " (this session has messages only)");
        }
        run.setId("replay-run");
        run.setDefaultButton(true);
        run.setOnAction(e -> start());
        cancel.setId("replay-cancel");
        cancel.setOnAction(e -> cancel());
        progress.setId("replay-progress");
        progress.setPrefWidth(220);
        progressWords.setId("replay-progress-words");
        formProblem.setId("replay-form-problem");
        formProblem.getStyleClass().add("filter-problem");
        formProblem.setWrapText(true);
        HBox running = new HBox(8, run, cancel, progress, progressWords);
        running.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        showRunning(false);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label("Against"), url);
        grid.addRow(1, new Label("Timing"), timing);
        grid.addRow(2, new Label("Ignore"), ignore);
        grid.add(exactFrames, 1, 3);
        grid.add(running, 1, 4);
        grid.add(formProblem, 1, 5);
        GridPane.setHgrow(url, Priority.ALWAYS);
        return grid;
    }

    static String describe(Timing t) {
        return switch (t) {
            case REACTIVE -> "reactive: each message once the server has answered as in the recording";
            case FAST -> "fast: back to back";
            case RECORDED -> "recorded: with the original gaps";
        };
    }

    void show() {
        stage.show();
        stage.toFront();
    }

    /** Replays with what the form says; a bad ignore path is named under the form and nothing runs. */
    void start() {
        if (job.isPresent()) {
            return;
        }
        List<JsonMask> masks = new ArrayList<>();
        try {
            for (String path : ignore.getText().split("[,\\s]+")) {
                if (!path.isBlank()) {
                    masks.add(JsonMask.parse(path));
                }
            }
        } catch (IllegalArgumentException e) {
            formProblem.setText("Ignore: " + e.getMessage());
            return;
        }
        formProblem.setText("");
        String target = url.getText().strip();
        Request request = new Request(target.isEmpty() || target.equals(recording.label()) ? Optional.empty()
                : Optional.of(target), timing.getValue(), masks, exactFrames.isSelected());
        Replayer.Progress progress = new Replayer.Progress();
        result.clear("Replaying against " + (target.isEmpty() ? recording.label() : target) + "…");
        showRunning(true);
        pump.registerUntilDone(now -> {
            this.progress.setProgress(progress.fraction());
            progressWords.setText(progress.words());
            return job.isEmpty();
        });
        job = Optional.of(runner.run(request, progress, new Background.Outcome<>() {
            @Override
            public void succeeded(ReplayResult value) {
                ended();
                result.show(value, masks);
                result.outcomes().requestFocus();
            }

            @Override
            public void failed(Exception problem) {
                ended();
                result.clear("");
                formProblem.setText("The replay could not run: " + problem.getMessage());
            }

            @Override
            public void cancelled() {
                ended();
                result.clear("Replay cancelled.");
            }
        }));
    }

    private void ended() {
        job = Optional.empty();
        showRunning(false);
    }

    /** Stops the replay running now, if any (its connection is closed). */
    void cancel() {
        job.ifPresent(Background.Job::cancel);
    }

    private void showRunning(boolean running) {
        run.setDisable(running);
        cancel.setDisable(!running);
        progress.setVisible(running);
        progressWords.setVisible(running);
        if (!running) {
            progress.setProgress(0);
        }
    }

    Stage stage() {
        return stage;
    }

    ReplayResultView result() {
        return result;
    }
}
