package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Secrets;
import dev.framescope.capture.io.Redactor;
import dev.framescope.engine.ProtocolMode;
import dev.framescope.engine.io.ConnectionSetup;
import dev.framescope.ui.fx.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Handshake tab: the status line (Accept check, subprotocol, or the phase that failed and why), the protocol
 * mode the connection runs in (Strict or Observe, in words), the connect timing waterfall, the request and response
 * as they crossed the wire, and the TLS session.
 */
final class HandshakeView {

    private final Label handshakeSummary = new Label("No handshake yet");
    private final VBox waterfall = new VBox(4);
    private final TextArea request = ConnectionDetails.mono();
    private final TextArea response = ConnectionDetails.mono();
    private final ToggleButton revealHeads = new ToggleButton("Reveal secrets");
    private final Label negotiation = new Label();
    private final Label mode = new Label();
    private final List<CaptureEvent.TimingEvent> timings = new ArrayList<>();
    private Optional<CaptureEvent.HandshakeEvent> lastHandshake = Optional.empty();
    /** The connect phase that failed, drawn after those that completed. */
    private Optional<String> failedPhase = Optional.empty();
    private Optional<CaptureLog> log = Optional.empty();

    /** Another connection: empty until its events arrive. */
    void show(Optional<CaptureLog> selected) {
        log = selected;
        timings.clear();
        waterfall.getChildren().clear();
        handshakeSummary.setText("No handshake yet");
        request.clear();
        response.clear();
        request.setPromptText("");
        response.setPromptText("");
        lastHandshake = Optional.empty();
        failedPhase = Optional.empty();
        revealHeads.setSelected(false);
        negotiation.setText("");
        // An import (HAR, pcapng) kept no set-up: no client of ours made it, so no mode is claimed.
        showMode(selected.filter(l -> l.setup().tree(false).containsKey("options"))
                .map(l -> ConnectionSetup.read(l.setup(), l.label()).options().mode()));
    }

    /** The mode as a sentence; Observe also in its colour, as the list's badge. */
    private void showMode(Optional<ProtocolMode> shown) {
        mode.setText(shown.map(m -> m.label() + " mode: " + m.explanation().substring(0, 1).toLowerCase(Locale.ROOT)
                + m.explanation().substring(1)).orElse(""));
        mode.getStyleClass().remove("mode-observe");
        if (shown.orElse(ProtocolMode.STRICT) == ProtocolMode.OBSERVE) {
            mode.getStyleClass().add("mode-observe");
        }
    }

    /** Takes the events this tab shows; false for the others. */
    boolean take(CaptureEvent e) {
        if (e instanceof CaptureEvent.HandshakeEvent h) {
            handshake(h);
        } else if (e instanceof CaptureEvent.TimingEvent t) {
            timings.add(t);
            drawWaterfall();
        } else if (e instanceof CaptureEvent.TlsEvent t) {
            negotiation.setText(negotiation.getText() + "TLS: " + t.protocol() + " " + t.cipherSuite()
                    + (t.insecureOverride() ? "  ⚠ NOT VERIFIED (insecure)" : "  verified") + "\n"
                    + String.join("\n", t.peerChain()) + "\n");
        } else {
            return false;
        }
        return true;
    }

    /** The connection failed: the phase and the reason where the status line would be, unless a response came. */
    void failed(FailureReason why) {
        if (lastHandshake.isEmpty()) {
            handshakeSummary.setText(why.withPhase());
            failedPhase = Optional.of(why.phase());
            drawWaterfall();
            // Empty boxes read as "still loading"; say what there is to see instead.
            boolean sent = why.phase().equals("Upgrade");
            request.setPromptText(sent ? "" : "Nothing sent: the connection failed during " + why.phase()
                    + ", before the upgrade request.");
            response.setPromptText("No response: " + why.reason() + ".");
        }
    }

    Label summary() {
        return handshakeSummary;
    }

    Label modeLine() {
        return mode;
    }

    /** Subprotocols we offered of which the server chose none (RFC 6455 §4.2.2 allows it; then none is spoken). */
    static String notSelected(CaptureEvent.HandshakeEvent h) {
        String offered = new String(h.rawRequest(), StandardCharsets.ISO_8859_1).lines()
                .filter(l -> l.regionMatches(true, 0, "Sec-WebSocket-Protocol:", 0, 23))
                .map(l -> l.substring(23).trim()).collect(Collectors.joining(", "));
        return offered.isEmpty() || h.status() != 101 ? ""
                : "   ⚠ none of the offered subprotocols (" + offered + ") was selected";
    }

    private void handshake(CaptureEvent.HandshakeEvent h) {
        String accept = h.status() != 101 ? "" : h.acceptOk()
                ? "   Sec-WebSocket-Accept ✓ " + h.expectedAccept()
                : "   Sec-WebSocket-Accept ✗ expected " + h.expectedAccept() + ", received "
                        + h.receivedAccept().orElse("(none)");
        handshakeSummary.setText((h.status() == 0 ? "No response" : "Status " + h.status()) + accept
                + h.subprotocol().map(p -> "   subprotocol " + p).orElse(notSelected(h)));
        lastHandshake = Optional.of(h);
        showHeads();
    }

    /**
     * The request and response as they crossed the wire, secrets (Authorization, cookies, API keys, secret variable
     * values) shown as •••• until the user reveals them: it is their own traffic, but a screen is often shared.
     */
    private void showHeads() {
        if (lastHandshake.isEmpty()) {
            return;
        }
        CaptureEvent.HandshakeEvent h = lastHandshake.get();
        Secrets secrets = log.map(CaptureLog::secrets).orElse(Secrets.NONE);
        boolean clear = revealHeads.isSelected();
        request.setText(clear ? new String(h.rawRequest(), StandardCharsets.ISO_8859_1)
                : Redactor.headForScreen(h.rawRequest(), secrets));
        String body = h.responseBody().length == 0 ? ""
                : "\n" + new String(h.responseBody(), StandardCharsets.UTF_8);
        response.setText((clear ? new String(h.rawResponse(), StandardCharsets.ISO_8859_1)
                : Redactor.headForScreen(h.rawResponse(), secrets)) + body);
    }

    ToggleButton revealHeadsToggle() {
        return revealHeads;
    }

    TextArea requestText() {
        return request;
    }

    private void drawWaterfall() {
        waterfall.getChildren().clear();
        // At least a millisecond wide: a lone DNS lookup of 0.00 ms is no full-width bar.
        double total = Math.max(1e6, timings.stream().mapToLong(CaptureEvent.TimingEvent::durationNanos).sum());
        double offset = 0;
        for (CaptureEvent.TimingEvent t : timings) {
            Region spacer = new Region();
            spacer.setPrefWidth(300 * offset / Math.max(1, total));
            Region bar = new Region();
            bar.getStyleClass().addAll("waterfall-bar", "waterfall-" + t.phase().name().toLowerCase(Locale.ROOT));
            bar.setPrefWidth(Math.max(2, 300 * t.durationNanos() / Math.max(1, total)));
            bar.setPrefHeight(12);
            Label name = new Label(String.format(Locale.ROOT, "%-8s %8.2f ms", Labels.phase(t.phase()), t.durationNanos() / 1e6));
            name.getStyleClass().add("mono");
            name.setMinWidth(150);
            waterfall.getChildren().add(new HBox(8, name, new HBox(spacer, bar)));
            offset += t.durationNanos();
        }
        failedPhase.ifPresent(phase -> {
            Label failed = new Label(String.format(Locale.ROOT, "%-8s   failed", phase));
            failed.getStyleClass().addAll("mono", "waterfall-failed");
            waterfall.getChildren().add(failed);
        });
    }

    /** The tab's content. */
    VBox node() {
        GridPane raw = new GridPane();
        raw.setHgap(8);
        revealHeads.setId("handshake-reveal");
        revealHeads.setMnemonicParsing(false);
        revealHeads.setTooltip(new Tooltip("Show Authorization, cookies, API keys and secret "
                + "variable values in clear (exports still redact them unless File → Keep Secrets in Exports)"));
        revealHeads.selectedProperty().addListener((o, was, now) -> showHeads());
        HBox requestTitle = new HBox(8, new Label("Request (as sent)"), revealHeads);
        requestTitle.setAlignment(Pos.CENTER_LEFT);
        raw.add(requestTitle, 0, 0);
        raw.add(new Label("Response (as received)"), 1, 0);
        raw.add(request, 0, 1);
        raw.add(response, 1, 1);
        GridPane.setHgrow(request, Priority.ALWAYS);
        GridPane.setHgrow(response, Priority.ALWAYS);
        handshakeSummary.setId("handshake-summary");
        handshakeSummary.getStyleClass().add("detail-heading");
        negotiation.setWrapText(true);
        mode.setId("handshake-mode");
        mode.getStyleClass().add("handshake-mode");
        mode.visibleProperty().bind(mode.textProperty().isNotEmpty());
        mode.managedProperty().bind(mode.visibleProperty());
        VBox box = new VBox(10, handshakeSummary, mode, new Label("Timing"), waterfall, raw, negotiation);
        box.setPadding(new Insets(10));
        return box;
    }
}
