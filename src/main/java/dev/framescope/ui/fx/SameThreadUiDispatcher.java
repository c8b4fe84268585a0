package dev.framescope.ui.fx;

/** Treats the calling thread as the UI thread: tasks run before {@link #execute} returns. */
final class SameThreadUiDispatcher implements UiDispatcher {

    static final SameThreadUiDispatcher INSTANCE = new SameThreadUiDispatcher();

    private SameThreadUiDispatcher() {
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public void post(Runnable task) {
        task.run();
    }

    @Override
    public boolean isUiThread() {
        return true;
    }
}
