package dev.framescope.ui.fx;

import javafx.application.Platform;

/** Dispatches to the JavaFX application thread; runs inline when already on it. */
final class FxUiDispatcher implements UiDispatcher {

    static final FxUiDispatcher INSTANCE = new FxUiDispatcher();

    private FxUiDispatcher() {
    }

    @Override
    public void execute(Runnable task) {
        if (Platform.isFxApplicationThread()) {
            task.run();
        } else {
            Platform.runLater(task);
        }
    }

    @Override
    public void post(Runnable task) {
        Platform.runLater(task);
    }

    @Override
    public boolean isUiThread() {
        return Platform.isFxApplicationThread();
    }
}
