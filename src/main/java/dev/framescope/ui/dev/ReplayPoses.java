package dev.framescope.ui.dev;

import dev.framescope.capture.ConnectionState;
import dev.framescope.engine.Connection;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.replay.Timing;
import dev.framescope.ui.fx.FxPump;
import dev.framescope.ui.live.LiveConnection;
import dev.framescope.ui.live.LiveWindow;
import dev.framescope.ui.live.SessionModel;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The screenshot poses of the replay and mock windows (scripts/screenshots.sh), on the demo's JSON-RPC connection:
 * {@code @replay} replays it against the demo's {@code drift=1} variant and is posed once the verdict shows;
 * {@code @mock} serves it as a mock, connects a client of the window's own to it and sends the recorded calls plus
 * one the recording does not know, and is posed once the mock lists them.
 */
final class ReplayPoses {

    private static final List<String> CALLS = List.of(
            "{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":[42,23],\"id\":101}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"fail\",\"id\":102}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"divide\",\"params\":[1,0],\"id\":103}");

    private final LiveWindow live;
    private final SessionModel session;
    private final FxPump pump;

    ReplayPoses(LiveWindow live, SessionModel session, FxPump pump) {
        this.live = live;
        this.session = session;
        this.pump = pump;
    }

    /** "@replay": {@code posed} runs once the replay window shows its verdict. */
    @SuppressWarnings("unchecked")
    void replay(Runnable posed) {
        LiveConnection rpc = jsonRpc();
        live.select(rpc);
        live.replays().replay(rpc);
        boolean[] started = new boolean[1];
        pump.registerUntilDone(now -> {
            Optional<Scene> scene = window("Replay of");
            if (scene.isEmpty()) {
                return false;
            }
            if (!started[0]) {
                started[0] = true;
                ((TextField) scene.get().lookup("#replay-url")).setText(rpc.log().label() + "&drift=1");
                ((ChoiceBox<Timing>) scene.get().lookup("#replay-timing")).setValue(Timing.FAST);
                ((TextField) scene.get().lookup("#replay-ignore")).setText("$.id");
                ((Button) scene.get().lookup("#replay-run")).fire();
                return false;
            }
            if (((Label) scene.get().lookup("#replay-verdict")).getText().isEmpty()) {
                return false;
            }
            posed.run();
            return true;
        });
    }

    /** "@mock": {@code posed} runs once the mock has served a client and listed its unknown call. */
    void mock(Runnable posed) {
        LiveConnection rpc = jsonRpc();
        live.select(rpc);
        live.replays().mock(rpc);
        Optional<Connection>[] client = new Optional[] {Optional.empty()};
        boolean[] sent = new boolean[1];
        pump.registerUntilDone(now -> {
            Optional<Scene> scene = window("Mock of");
            if (scene.isEmpty()) {
                return false;
            }
            Button start = (Button) scene.get().lookup("#mock-start");
            String url = ((TextField) scene.get().lookup("#mock-url")).getText();
            if (url.isEmpty()) {
                if (!start.isDisabled()) {
                    start.fire();
                }
                return false;
            }
            if (client[0].isEmpty()) {
                LiveConnection c = session.open("client of the mock", ConnectionSpec.to(url + "jsonrpc"));
                client[0] = c.connection();
                return false;
            }
            Connection c = client[0].get();
            if (!sent[0] && c.state() == ConnectionState.OPEN) {
                sent[0] = true;
                CALLS.forEach(c::sendText);
            }
            if (!((Label) scene.get().lookup("#mock-counts")).getText().contains("1 unmatched")) {
                return false;
            }
            posed.run();
            return true;
        });
    }

    private LiveConnection jsonRpc() {
        return live.connections().getItems().stream().filter(c -> c.name().contains("JSON-RPC")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the demo's JSON-RPC connection is not open"));
    }

    private static Optional<Scene> window(String titleStart) {
        for (Window w : Window.getWindows()) {
            if (w instanceof Stage s && s.getTitle() != null && s.getTitle().startsWith(titleStart)) {
                Node root = s.getScene().getRoot();
                return Optional.of(root.getScene());
            }
        }
        return Optional.empty();
    }
}
