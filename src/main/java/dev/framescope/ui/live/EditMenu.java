package dev.framescope.ui.live;

import dev.framescope.ui.MainWindowController;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.MenuItem;

/**
 * The Connection and Edit menus' items that act on the window's parts (new connection, copy, find, clear,
 * environments, protobuf schema) and restoring a removed connection, offered on the strip as it is removed.
 */
final class EditMenu {

    private EditMenu() {
    }

    static void install(MainWindowController window, SessionModel session, ConnectionActions actions,
                        FrameNavigation navigation, FilterBar filterBar, Runnable clearView,
                        NotificationStrip notifications) {
        enable(window.newConnectionItem()).setOnAction(e -> actions.newConnection());
        enable(window.copyItem()).setOnAction(e -> navigation.copyPayload());
        enable(window.findItem()).setOnAction(e -> filterBar.focusSearch());
        enable(window.clearItem()).setOnAction(e -> clearView.run());
        enable(window.environmentsItem()).setOnAction(e -> actions.editEnvironments());
        window.protobufSchemaItem().setOnAction(e -> navigation.chooseSchema());
        window.restoreRemovedItem().disableProperty().bind(Bindings.isEmpty(session.removed()));
        window.restoreRemovedItem().setOnAction(e -> actions.restoreRemoved());
        session.removed().addListener((ListChangeListener<LiveConnection>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(c -> notifications.offerHere("Removed ‘" + c.name()
                        + "’. Its capture is kept until Framescope quits (Edit → Restore Removed Connection).",
                        "Restore", actions::restoreRemoved));
            }
        });
    }

    private static MenuItem enable(MenuItem item) {
        item.setDisable(false);
        return item;
    }
}
