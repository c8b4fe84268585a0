package dev.framescope.demo;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A tiny STOMP 1.2 broker: CONNECTED, RECEIPT when asked, MESSAGE frames for each SUBSCRIBE and each SEND. */
final class StompDialogue implements Dialogue {

    private final Peer peer;
    private final Map<String, String> subscriptions = new LinkedHashMap<>();
    private long messageId;

    StompDialogue(Peer peer) {
        this.peer = peer;
    }

    @Override
    public void onText(String text) {
        String frame = text.replace("\r\n", "\n");
        if (frame.isBlank()) {
            return;
        }
        while (frame.startsWith("\n")) {
            frame = frame.substring(1);
        }
        int blank = frame.indexOf("\n\n");
        String head = blank < 0 ? frame : frame.substring(0, blank);
        String body = blank < 0 ? "" : frame.substring(blank + 2);
        int nul = body.indexOf('\0');
        body = nul < 0 ? body : body.substring(0, nul);
        String[] lines = head.split("\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(lines[i].substring(0, colon), lines[i].substring(colon + 1));
            }
        }
        handle(lines[0], headers, body);
    }

    private void handle(String command, Map<String, String> headers, String body) {
        switch (command) {
            case "CONNECT", "STOMP" -> send("CONNECTED", headers("version", "1.2", "heart-beat", "0,0",
                    "server", "framescope-demo/1.0", "session", "demo-" + Long.toHexString(System.nanoTime())), "");
            case "SUBSCRIBE" -> {
                String id = headers.getOrDefault("id", "0");
                String destination = headers.getOrDefault("destination", "/topic/demo");
                subscriptions.put(id, destination);
                receipt(headers);
                for (int i = 1; i <= peer.param("count", 3); i++) {
                    int n = i;
                    peer.later(100L * i, () -> message(id, destination, "{\"n\":" + n + ",\"price\":"
                            + String.format(Locale.ROOT, "%.2f", 100 + n / 4.0) + "}"));
                }
            }
            case "SEND" -> {
                receipt(headers);
                String destination = headers.getOrDefault("destination", "");
                subscriptions.forEach((id, d) -> {
                    if (d.equals(destination)) {
                        message(id, d, body);
                    }
                });
            }
            case "UNSUBSCRIBE" -> {
                subscriptions.remove(headers.getOrDefault("id", ""));
                receipt(headers);
            }
            case "ACK", "NACK", "BEGIN", "COMMIT", "ABORT" -> receipt(headers);
            case "DISCONNECT" -> {
                receipt(headers);
                peer.later(50, () -> peer.close(1000, "STOMP DISCONNECT"));
            }
            default -> send("ERROR", headers("message", "unknown command", "content-type", "text/plain"),
                    "The demo broker does not know the command \"" + command + "\".");
        }
    }

    /** Headers in the order given (Map.of would shuffle them). */
    private static Map<String, String> headers(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private void receipt(Map<String, String> headers) {
        if (headers.containsKey("receipt")) {
            send("RECEIPT", headers("receipt-id", headers.get("receipt")), "");
        }
    }

    private void message(String subscription, String destination, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("subscription", subscription);
        headers.put("message-id", String.valueOf(++messageId));
        headers.put("destination", destination);
        headers.put("content-type", "application/json");
        send("MESSAGE", headers, body);
    }

    private void send(String command, Map<String, String> headers, String body) {
        StringBuilder frame = new StringBuilder(command).append('\n');
        headers.forEach((k, v) -> frame.append(k).append(':').append(v).append('\n'));
        if (!body.isEmpty()) {
            frame.append("content-length:").append(body.getBytes(StandardCharsets.UTF_8).length).append('\n');
        }
        frame.append('\n').append(body).append('\0');
        peer.send(frame.toString());
    }
}
