package dev.framescope.ui.live;

import dev.framescope.capture.io.Redactor;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.ConnectionTemplate;
import dev.framescope.engine.Environments;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/**
 * New, edit, duplicate, close, remove and restore connections (File → New Connection…, the connection list's menu), and
 * Edit → Environments…. The dialogs resolve {{variables}} against the active environment.
 */
public final class ConnectionActions {

    private final SessionModel session;
    private final Node owner;
    private final StatusModel status;
    private final Supplier<Optional<LiveConnection>> selected;
    private final Consumer<LiveConnection> select;
    /** Where a removed capture is set aside (file I/O). */
    private final Executor io;
    /** URLs typed in the dialog this session, newest first, as written (variables unresolved). */
    private final List<String> history = new ArrayList<>();

    ConnectionActions(SessionModel session, Node owner, StatusModel status, Supplier<Optional<LiveConnection>> selected,
                      Consumer<LiveConnection> select, Executor io) {
        this.session = session;
        this.owner = owner;
        this.status = status;
        this.selected = selected;
        this.select = select;
        this.io = io;
    }

    /** Edit → Restore Removed Connection: the capture removed last comes back to the list, selected. */
    void restoreRemoved() {
        session.restoreRemoved().ifPresent(select);
    }

    /** The connection list's menu; the heartbeat actions open the Heartbeat tab first. */
    ContextMenu menu(HeartbeatView heartbeat, Runnable showHeartbeat) {
        MenuItem duplicate = item("Duplicate (connect again)", () -> selected.get().ifPresent(this::connectAgain));
        MenuItem edit = item("Edit and reconnect…", () -> selected.get().ifPresent(this::editAndReconnect));
        MenuItem close = item("Close (1000)", () -> selected.get().flatMap(LiveConnection::connection)
                .ifPresent(c -> c.close(1000, "closed from Framescope")));
        MenuItem remove = item("Remove", () -> selected.get().ifPresent(c -> session.remove(c, io)));
        MenuItem probe = item("Probe idle timeout", () -> {
            showHeartbeat.run();
            heartbeat.probeIdle(heartbeat.probeLimit());
        });
        MenuItem storm = item("Ping storm…", () -> {
            showHeartbeat.run();
            heartbeat.focusStorm();
        });
        ContextMenu menu = new ContextMenu(edit, duplicate, close, remove, new SeparatorMenuItem(), probe, storm);
        // A connection that never opened or has ended has nothing to close, ping or probe.
        menu.setOnShowing(e -> {
            boolean live = selected.get().flatMap(LiveConnection::connection).map(c -> !c.ended()).orElse(false);
            for (MenuItem needsLive : List.of(close, probe, storm)) {
                needsLive.setDisable(!live);
            }
        });
        return menu;
    }

    private static MenuItem item(String text, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> action.run());
        return item;
    }

    /** File → New Connection…: the dialog; the new connection is selected. */
    void newConnection() {
        ConnectionDialog dialog = connectionDialog();
        dialog.showAndWait().ifPresent(spec -> open(dialog.template(), spec));
    }

    /** The dialog, resolving variables against the active environment. */
    public ConnectionDialog connectionDialog() {
        return new ConnectionDialog(owner.getScene().getWindow(), history)
                .usingVariables(() -> session.environments().get().variables());
    }

    /** The dialog filled with a connection's settings: the live spec's, or those its session file kept. */
    ConnectionDialog editDialog(LiveConnection live) {
        return connectionDialog().editing(live.options(), live.template());
    }

    private void editAndReconnect(LiveConnection live) {
        ConnectionDialog dialog = editDialog(live);
        dialog.showAndWait().ifPresent(spec -> {
            live.connection().ifPresent(c -> c.close(1000, "reconnecting with new settings"));
            open(dialog.template(), spec);
        });
    }

    /**
     * Opens a connection from the dialog: history and name keep the URL as written (variables unresolved), so a
     * secret never lands in either.
     */
    public LiveConnection open(ConnectionTemplate template, ConnectionSpec spec) {
        history.remove(template.url());
        history.add(0, template.url());
        Environments envs = session.environments().get();
        String name = Redactor.url(template.url(), template.resolve(envs.variables()).secrets());
        LiveConnection c = session.open(name, template, spec, envs);
        select.accept(c);
        return c;
    }

    /** A new connection with the same template and options, resolved against the active environment. */
    private void connectAgain(LiveConnection live) {
        try {
            open(live.template(), live.template().spec(live.options(), session.environments().get().variables()));
        } catch (IllegalArgumentException ex) {
            status.problem("Cannot connect again: " + ex.getMessage());
        }
    }

    /** Edit → Environments…; on OK the session takes them (and saves them), and the chooser follows. */
    EnvironmentsDialog editEnvironments() {
        EnvironmentsDialog dialog = new EnvironmentsDialog(owner.getScene().getWindow(), session.environments().get());
        dialog.show(envs -> session.environments().set(envs));
        return dialog;
    }
}
