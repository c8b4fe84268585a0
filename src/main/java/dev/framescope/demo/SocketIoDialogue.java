package dev.framescope.demo;

import java.util.List;
import java.util.Optional;

/**
 * An Engine.IO v4 / Socket.IO v5 server over a plain WebSocket: the open packet, then {@code 40} (connected to
 * the main namespace), {@code 42["tick",n]} every {@code interval} ms (default 1000), an Engine.IO ping
 * {@code 2} every {@code ping} ms (default 5000; the client answers {@code 3}). The client's events are echoed
 * as {@code "echo"}, an event with an ack id gets its ack ({@code 43<id>[...]}).
 */
final class SocketIoDialogue implements Dialogue {

    private final Peer peer;
    private final String sid = "demo" + Long.toString(System.nanoTime() & 0xFFFFFFFL, 36);
    private long tick;

    SocketIoDialogue(Peer peer) {
        this.peer = peer;
    }

    @Override
    public void onOpen() {
        long ping = Math.max(100, peer.param("ping", 5000));
        peer.send("0{\"sid\":\"" + sid + "\",\"upgrades\":[],\"pingInterval\":" + ping
                + ",\"pingTimeout\":20000,\"maxPayload\":1000000}");
        // A Socket.IO client would send "40" first; answering at once gives a bare WebSocket client the session.
        peer.send("40{\"sid\":\"" + sid + "-io\"}");
        peer.every(Math.max(10, peer.param("interval", 1000)), () -> peer.send("42[\"tick\"," + ++tick + "]"));
        peer.every(ping, () -> peer.send("2"));
    }

    @Override
    public void onText(String text) {
        switch (text) {
            case "2" -> peer.send("3");
            case "2probe" -> peer.send("3probe");
            case "40" -> peer.send("40{\"sid\":\"" + sid + "-io\"}");
            case "41" -> peer.close(1000, "socket.io disconnect");
            default -> {
                if (text.startsWith("42")) {
                    event(text.substring(2));
                }
            }
        }
    }

    private void event(String rest) {
        int i = 0;
        while (i < rest.length() && Character.isDigit(rest.charAt(i)) && i < 15) {
            i++;
        }
        String ackId = rest.substring(0, i);
        Optional<Object> data = DemoJson.parse(rest.substring(i));
        if (data.isEmpty() || !(data.get() instanceof List<?> args) || args.isEmpty()) {
            peer.send("44{\"message\":\"events are arrays: 42[\\\"name\\\",...]\"}");
            return;
        }
        if (!ackId.isEmpty()) {
            peer.send("43" + ackId + "[\"ok\"," + DemoJson.write(args.get(0)) + "]");
        }
        peer.send("42[\"echo\"," + DemoJson.write(args.subList(1, args.size())) + "]");
    }
}
