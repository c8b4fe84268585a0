package dev.framescope.ui.live;

import dev.framescope.capture.CaptureLog;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.Variables;
import dev.framescope.replay.Recording;
import dev.framescope.replay.ReplayException;
import dev.framescope.replay.ReplayResult;
import dev.framescope.replay.ReplaySpec;
import dev.framescope.replay.Replayer;
import dev.framescope.ui.fx.Background;
import dev.framescope.ui.fx.FxPump;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.MenuItem;

/**
 * Connection → Replay… and Serve as mock…: a recorded connection read off the FX thread into a {@link Recording},
 * then a window of its own ({@link ReplayWindow}, {@link MockWindow}). A replay's own capture joins the connection
 * list ("replay of …"), as a mock's clients do.
 */
public final class ReplayActions {

    private final SessionModel session;
    private final StatusModel status;
    private final Background background;
    private final FxPump pump;
    private final Node owner;
    private final Supplier<Optional<LiveConnection>> selected;
    /** The window opened last, for tests and the screenshot hooks. */
    private Optional<ReplayWindow> lastReplay = Optional.empty();
    private Optional<MockWindow> lastMock = Optional.empty();

    ReplayActions(SessionModel session, StatusModel status, Background background, FxPump pump, Node owner,
                  Supplier<Optional<LiveConnection>> selected) {
        this.session = session;
        this.status = status;
        this.background = background;
        this.pump = pump;
        this.owner = owner;
        this.selected = selected;
    }

    /** The two items, for the connection list's menu and the Connection menu; each acts on the selection. */
    MenuItem replayItem() {
        MenuItem item = new MenuItem("Replay…");
        item.setOnAction(e -> selected.get().ifPresent(this::replay));
        return item;
    }

    MenuItem mockItem() {
        MenuItem item = new MenuItem("Serve as mock…");
        item.setOnAction(e -> selected.get().ifPresent(this::mock));
        return item;
    }

    /** Reads the connection's recording in the background, then opens its replay window. */
    public void replay(LiveConnection c) {
        read(c, "replay", recording -> {
            ReplayWindow w = new ReplayWindow(owner.getScene().getWindow(), c.name(), recording,
                    (request, progress, outcome) -> run(c, recording, request, progress, outcome), pump);
            lastReplay = Optional.of(w);
            w.show();
        });
    }

    /** Reads the connection's recording in the background, then opens its mock window. */
    public void mock(LiveConnection c) {
        read(c, "mock", recording -> {
            MockWindow w = new MockWindow(owner.getScene().getWindow(), c.name(), recording, background, pump,
                    (client, label) -> session.newLog(label, System::nanoTime),
                    client -> session.add(client.label(), client));
            lastMock = Optional.of(w);
            w.show();
        });
    }

    private void read(LiveConnection c, String purpose, Consumer<Recording> then) {
        StatusModel.Work work = status.begin("Reading " + c.name() + " for the " + purpose + "…");
        work.cancelWith(background.submit(() -> Recording.of(c.log()), new Background.Outcome<Recording>() {
            @Override
            public void succeeded(Recording value) {
                work.end();
                then.accept(value);
            }

            @Override
            public void failed(Exception problem) {
                work.end();
                status.problem("Cannot " + purpose + " ‘" + c.name() + "’: " + words(problem));
            }

            @Override
            public void cancelled() {
                work.end();
            }
        }));
    }

    /**
     * One replay on the session's engine, on the background executor: the status bar shows it with its progress and
     * Cancel too. Its capture joins the connection list once it ends, whatever the verdict.
     */
    private Background.Job run(LiveConnection c, Recording recording, ReplayWindow.Request request,
                               Replayer.Progress progress, Background.Outcome<ReplayResult> outcome) {
        Map<String, String> env = environment();
        AtomicReference<CaptureLog> capture = new AtomicReference<>();
        StatusModel.Work work = status.begin("Replaying " + c.name() + "…");
        work.progressFrom(progress::fraction);
        Background.Job job = background.submit(() -> {
            ConnectionSpec spec = ReplaySpec.build(recording.setup(), request.url(), env);
            CaptureLog log = session.newLog(spec.uri().toString());
            capture.set(log);
            return Replayer.of(request.timing(), request.masks()).withExactFrames(request.exactFrames())
                    .run(session.engine(), recording, spec, log, progress);
        }, new Background.Outcome<ReplayResult>() {
            @Override
            public void succeeded(ReplayResult value) {
                ended();
                outcome.succeeded(value);
                status.notice("Replay of " + c.name() + ": " + (value.matches() ? "matches" : "differs"));
            }

            @Override
            public void failed(Exception problem) {
                ended();
                outcome.failed(new ReplayException(words(problem)));
            }

            @Override
            public void cancelled() {
                ended();
                outcome.cancelled();
            }

            private void ended() {
                work.end();
                Optional.ofNullable(capture.get()).filter(log -> log.size() > 0)
                        .ifPresent(log -> session.add("replay of " + c.name(), log));
            }
        });
        work.cancelWith(job);
        return job;
    }

    /** Secrets a redacted session lacks: the active environment's variables, by name. */
    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        Variables vars = session.environments().get().variables();
        vars.all().forEach(v -> env.put(v.name(), v.value()));
        return env;
    }

    /** A failure in words: the replay's own messages are; anything else is named generically. */
    static String words(Exception problem) {
        if (problem instanceof ReplayException || problem instanceof IllegalArgumentException) {
            return problem.getMessage();
        }
        return problem.getMessage() == null ? "an unexpected failure" : problem.getMessage();
    }

    Optional<ReplayWindow> lastReplay() {
        return lastReplay;
    }

    Optional<MockWindow> lastMock() {
        return lastMock;
    }
}
