package dev.framescope.ui.live;

import java.util.Optional;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/** The detail pane's tabs by name (their node ids), so nothing selects a tab by its position. */
public enum DetailTab {
    FRAME("frameTab"), MESSAGE("messageTab"), HANDSHAKE("handshakeTab"), VIOLATIONS("findingsTab"),
    EXTENSIONS("extensionsTab"), HEARTBEAT("heartbeatTab"), CLOSE("closeTab"), NOTES("notesTab");

    private final String id;

    DetailTab(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public Optional<Tab> in(TabPane tabs) {
        return tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst();
    }

    public void select(TabPane tabs) {
        in(tabs).ifPresent(t -> tabs.getSelectionModel().select(t));
    }
}
