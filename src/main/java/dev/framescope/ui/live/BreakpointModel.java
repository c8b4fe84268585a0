package dev.framescope.ui.live;

import dev.framescope.ui.fx.Plural;
import dev.framescope.proxy.BreakRule;
import dev.framescope.proxy.Breakpoints;
import dev.framescope.proxy.HeldMessage;
import dev.framescope.proxy.Interception;
import dev.framescope.ui.fx.Background;
import dev.framescope.ui.fx.UiDispatcher;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Intercept panel's breakpoints: the rules as the user writes them (one a line), the hold timeout, the messages
 * held now, and what the user does with one — forward, edit (as text or as hex), drop, close the connection — or
 * an injection. The proxy tells of holds on its threads; the list changes on the UI thread. Every action writes to
 * a socket, so it runs on the background executor.
 */
final class BreakpointModel {

    private final Breakpoints breakpoints;
    private final Background background;
    private final UiDispatcher ui;
    final StringProperty rulesText = new SimpleStringProperty("");
    final StringProperty timeoutText = new SimpleStringProperty("30s");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ObservableList<HeldMessage> held = FXCollections.observableArrayList();

    BreakpointModel(Breakpoints breakpoints, Background background) {
        this.breakpoints = breakpoints;
        this.background = background;
        this.ui = background.ui();
        breakpoints.listen(new Breakpoints.Listener() {
            @Override
            public void held(HeldMessage m) {
                ui.execute(() -> held.add(m));
            }

            @Override
            public void resolved(HeldMessage m) {
                ui.execute(() -> held.remove(m));
            }
        });
    }

    Breakpoints breakpoints() {
        return breakpoints;
    }

    ObservableList<HeldMessage> held() {
        return held;
    }

    ReadOnlyStringProperty problem() {
        return problem.getReadOnlyProperty();
    }

    /** Parses the rules and the timeout; on a problem nothing changes and it is shown. UI thread. */
    boolean apply() {
        List<BreakRule> rules = new ArrayList<>();
        try {
            for (String line : rulesText.get().split("\n")) {
                if (!line.isBlank()) {
                    rules.add(BreakRule.parse(line.trim()));
                }
            }
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return false;
        }
        Duration timeout;
        try {
            timeout = seconds(timeoutText.get().trim());
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return false;
        }
        breakpoints.setRules(rules);
        breakpoints.setHoldTimeout(timeout);
        problem.set(rules.isEmpty() ? "No breakpoints: nothing is held." : Plural.of(rules.size(), "breakpoint") + "; a held "
                + "message goes on unchanged after " + timeout.toSeconds() + " s.");
        return true;
    }

    private static Duration seconds(String text) {
        String digits = text.endsWith("s") ? text.substring(0, text.length() - 1).trim() : text;
        try {
            long s = Long.parseLong(digits);
            if (s > 0) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException e) {
            // Explained below.
        }
        throw new IllegalArgumentException("the hold timeout is a whole number of seconds, e.g. 30s, not '" + text
                + "'");
    }

    /** The held message's bytes as the editor shows them: text as text, anything else as hex. */
    static String shown(HeldMessage m, boolean hex) {
        return hex ? HexFormat.ofDelimiter(" ").formatHex(m.payload())
                : new String(m.payload(), StandardCharsets.UTF_8);
    }

    /** A line for the held list. */
    static String describe(HeldMessage m) {
        return "#" + m.id() + (m.sender() == Sender.CLIENT ? " app → server, " : " server → app, ")
                + kind(m.opcode()) + ", " + Plural.of(m.payload().length, "byte") + ", " + Plural.of(m.frames().size(), "frame")
                + (m.compressed() ? ", compressed" : "") + " — " + m.connection();
    }

    private static String kind(Opcode op) {
        return switch (op) {
            case TEXT -> "text";
            case BINARY -> "binary";
            case PING -> "ping";
            case PONG -> "pong";
            case CLOSE -> "close";
            default -> "opcode " + op.code();
        };
    }

    /** Each frame's header as it arrived, for the editor. */
    static String frames(HeldMessage m) {
        StringBuilder sb = new StringBuilder();
        m.frames().forEach(h -> sb.append("at byte ").append(h.streamOffset()).append(": ").append(h.rawHeaderHex())
                .append(h.maskingKeyHex().map(k -> "  masking key " + k).orElse("")).append(h.rsv1() ? "  RSV1" : "")
                .append('\n'));
        return sb.toString().strip();
    }

    void forward(HeldMessage m) {
        act(m::forward, "forwarded");
    }

    void drop(HeldMessage m) {
        act(m::drop, "dropped");
    }

    /** Sends the editor's content instead: as typed, or read as hex digits. */
    void edit(HeldMessage m, String content, boolean hex) {
        byte[] bytes = bytes(content, hex, "edited");
        if (bytes == null) {
            return;
        }
        act(() -> m.edit(bytes), "edited and forwarded");
    }

    void close(HeldMessage m, String codeText, String reason) {
        int code;
        try {
            code = Integer.parseInt(codeText.trim());
        } catch (NumberFormatException e) {
            problem.set("The close code is a number such as 1000 or 4000, not '" + codeText + "'.");
            return;
        }
        act(() -> m.closeConnection(code, reason), "the connection closed with " + code);
    }

    /** The intercepted connections open now, oldest first: where a message can be injected. */
    List<Interception> openConnections() {
        return breakpoints.connections();
    }

    /**
     * Sends a message into {@code into} (the newest open connection when null), toward the server or toward the
     * app: text as typed, or binary from hex digits.
     */
    void inject(Sender as, Interception into, String content, boolean hex) {
        List<Interception> open = breakpoints.connections();
        if (open.isEmpty() || into != null && !open.contains(into)) {
            problem.set(open.isEmpty() ? "No intercepted connection is open to inject into."
                    : "That connection has ended; choose an open one.");
            return;
        }
        Interception target = into != null ? into : open.get(open.size() - 1);
        byte[] bytes = bytes(content, hex, "injected");
        if (bytes != null) {
            act(() -> target.inject(as, hex ? Opcode.BINARY : Opcode.TEXT, bytes), "injected "
                    + (hex ? "a binary" : "a text") + " message into " + target.label());
        }
    }

    /** The content as UTF-8, or read as hex digits in pairs; null (and the problem said) when they are not. */
    private byte[] bytes(String content, boolean hex, String what) {
        try {
            return hex ? HexFormat.of().parseHex(content.replaceAll("\\s+", ""))
                    : content.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            problem.set("The " + what + " bytes are not hex digits in pairs: " + e.getMessage());
            return null;
        }
    }

    private void act(BooleanSupplier action, String done) {
        background.submit(action::getAsBoolean, new Background.Outcome<Boolean>() {
            @Override
            public void succeeded(Boolean ok) {
                problem.set(ok ? "Done: " + done + "." : "Too late: that message is no longer held.");
            }

            @Override
            public void failed(Exception e) {
                problem.set("Could not do it: " + e.getMessage());
            }
        });
    }
}
