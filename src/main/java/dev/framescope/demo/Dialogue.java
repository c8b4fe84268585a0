package dev.framescope.demo;

/**
 * A subprotocol scenario's side of the conversation (STOMP, MQTT, JSON-RPC, GraphQL, Socket.IO): it answers what
 * the client sends through its {@link Peer}. Called on the server's thread or the demo timer, one at a time.
 */
interface Dialogue {

    /** What a dialogue may do to its connection. */
    interface Peer {
        void send(String text);

        void send(byte[] binary);

        /** Runs once after {@code millis}; cancelled when the connection closes. */
        void later(long millis, Runnable task);

        /** Runs every {@code millis}, first after {@code millis}; cancelled when the connection closes. */
        void every(long millis, Runnable task);

        void close(int code, String reason);

        /** A numeric query parameter of the scenario path. */
        long param(String key, long fallback);
    }

    default void onOpen() {
    }

    default void onText(String text) {
    }

    default void onBinary(byte[] bytes) {
    }

    /** The subprotocols the demo server accepts, most specific first (RFC 6455 §4.2.2: the server picks one). */
    String[] SUBPROTOCOLS = {"v12.stomp", "v11.stomp", "v10.stomp", "mqtt", "graphql-transport-ws", "graphql-ws"};

    static Dialogue create(String scenario, Peer peer) {
        return switch (scenario) {
            case "stomp" -> new StompDialogue(peer);
            case "mqtt" -> new MqttDialogue(peer);
            case "jsonrpc" -> new JsonRpcDialogue(peer);
            case "graphql" -> new GraphqlDialogue(peer);
            case "socketio" -> new SocketIoDialogue(peer);
            default -> throw new IllegalArgumentException("no dialogue for scenario " + scenario);
        };
    }

    static boolean exists(String scenario) {
        return switch (scenario) {
            case "stomp", "mqtt", "jsonrpc", "graphql", "socketio" -> true;
            default -> false;
        };
    }
}
