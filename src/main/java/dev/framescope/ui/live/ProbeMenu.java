package dev.framescope.ui.live;

import dev.framescope.probe.CaseResult;
import dev.framescope.ui.MainWindowController;
import dev.framescope.ui.fx.FxPump;
import dev.framescope.ui.probe.ProbeModel;
import dev.framescope.ui.probe.ProbeWindow;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;

/**
 * Tools ▸ Conformance Probe: opens the Probe window (docs/probe.md) over the session's engine. A case's capture,
 * double-clicked, joins the connections list as "probe N.N.N" and is selected, so it shows in the normal views.
 */
public final class ProbeMenu {

    private final MainWindowController window;
    private final SessionModel session;
    private final WindowServices services;
    private final Consumer<LiveConnection> select;

    ProbeMenu(MainWindowController window, SessionModel session, WindowServices services,
              Consumer<LiveConnection> select) {
        this.window = window;
        this.session = session;
        this.services = services;
        this.select = select;
        MenuItem item = new MenuItem("Conformance _Probe…");
        item.setOnAction(e -> open(""));
        Menu tools = new Menu("_Tools");
        tools.getItems().add(item);
        window.menuBar().getMenus().add(tools);
    }

    /** Opens a Probe window with {@code url} filled in; its pump registration ends when it closes. */
    public ProbeWindow open(String url) {
        ProbeModel model = new ProbeModel(session.engine(), services.background());
        FxPump.Registration pulses = services.pump().register(model);
        ProbeWindow view = new ProbeWindow(model, url, this::show);
        Stage stage = new Stage();
        stage.setTitle("Conformance Probe");
        Scene scene = new Scene(view.root(), 1000, 720);
        if (window.root().getScene() != null) {
            scene.getStylesheets().setAll(window.root().getScene().getStylesheets());
            stage.initOwner(window.root().getScene().getWindow());
        }
        stage.setScene(scene);
        stage.setOnHidden(e -> {
            model.stop();
            pulses.close();
        });
        stage.show();
        return view;
    }

    /** The case's capture in the main window: a connection of its own, selected. */
    private void show(CaseResult result) {
        LiveConnection c = session.connections().stream().filter(x -> x.log() == result.log()).findFirst()
                .orElseGet(() -> session.add("probe " + result.id(), result.log()));
        select.accept(c);
    }
}
