package dev.framescope.ui.live;

import java.net.URI;
import java.net.URISyntaxException;
import javafx.scene.control.ComboBox;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;

/**
 * Paths a user would otherwise have to know: "Socket.IO v4" fills {@code /socket.io/?EIO=4&transport=websocket}
 * (Engine.IO protocol 4 over a WebSocket from the start) on the host already typed.
 */
final class UrlTemplates {

    static final String SOCKET_IO_V4 = "/socket.io/?EIO=4&transport=websocket";

    private UrlTemplates() {
    }

    /** A "Templates" button beside the URL field. */
    static MenuButton menu(ComboBox<String> url) {
        MenuItem socketIo = new MenuItem("Socket.IO v4 (Engine.IO 4)");
        socketIo.setOnAction(e -> url.getEditor().setText(withPath(url.getEditor().getText(), SOCKET_IO_V4)));
        MenuButton templates = new MenuButton("Templates", null, socketIo);
        templates.setId("dialog-url-templates");
        templates.setTooltip(new Tooltip("Fill in the path a kind of server expects, on the host typed"));
        return templates;
    }

    /** {@code typed} with its path and query replaced; a URL that does not parse gets the path appended. */
    static String withPath(String typed, String pathAndQuery) {
        String t = typed.trim();
        try {
            URI u = new URI(t);
            if (u.getScheme() != null && u.getRawAuthority() != null) {
                return u.getScheme() + "://" + u.getRawAuthority() + pathAndQuery;
            }
        } catch (URISyntaxException e) {
            // Not a URL yet: the path goes after what there is.
        }
        return (t.isEmpty() ? "ws://localhost:3000" : t.replaceAll("/+$", "")) + pathAndQuery;
    }
}
