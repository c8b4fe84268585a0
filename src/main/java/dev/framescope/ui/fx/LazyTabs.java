package dev.framescope.ui.fx;

import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * Tab content that joins the scene only when its tab is first selected. A tab pane's skin puts every tab's content
 * into the scene, hidden, so the first show styles, skins and lays out all of them; the window's first paint needs
 * only the selected one (docs/benchmarks.md, "Start-up"). The content node still exists and is fed while it waits,
 * so a view updates as before; it just has no skin, no CSS and no layout until its tab opens. FX thread only.
 */
public final class LazyTabs {

    /** Tab property: the content waiting for the tab's first selection. */
    private static final String PENDING = LazyTabs.class.getName() + ".pending";
    /** Tab property: the tab has been selected once, so its content stays. */
    private static final String OPENED = LazyTabs.class.getName() + ".opened";

    private LazyTabs() {
    }

    /** Defers the content of every tab of {@code tabs} not selected yet, including tabs added later. */
    public static void install(TabPane tabs) {
        tabs.getTabs().forEach(t -> defer(tabs, t));
        tabs.getTabs().addListener((ListChangeListener<Tab>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(t -> defer(tabs, t));
            }
        });
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                open(now);
            }
        });
    }

    private static void defer(TabPane tabs, Tab tab) {
        if (tab.getProperties().containsKey(PENDING) || isOpen(tab)) {
            return;
        }
        tab.getProperties().put(PENDING, tab.getContent());
        tab.setContent(null);
        tab.contentProperty().addListener((o, was, now) -> {
            if (now != null && tab.getProperties().containsKey(PENDING)) {
                tab.getProperties().put(PENDING, now);
                tab.setContent(null);
            }
        });
        if (tab.isSelected() || tabs.getSelectionModel().getSelectedItem() == tab) {
            open(tab);
        }
    }

    private static boolean isOpen(Tab tab) {
        return tab.getProperties().containsKey(OPENED);
    }

    private static void open(Tab tab) {
        tab.getProperties().put(OPENED, Boolean.TRUE);
        if (tab.getProperties().containsKey(PENDING)) {
            Node content = (Node) tab.getProperties().remove(PENDING);
            tab.setContent(content);
        }
    }
}
