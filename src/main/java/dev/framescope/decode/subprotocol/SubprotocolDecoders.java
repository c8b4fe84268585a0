package dev.framescope.decode.subprotocol;

import dev.framescope.decode.PayloadDecoder;
import java.util.List;

/** The built-in subprotocol decoders (Socket.IO / Engine.IO, STOMP, MQTT, GraphQL over WebSocket, JSON-RPC 2.0). */
public final class SubprotocolDecoders {

    private SubprotocolDecoders() {
    }

    public static List<PayloadDecoder> all() {
        return List.of(new SocketIoDecoder(), new StompDecoder(), new MqttDecoder(), new GraphqlWsDecoder(),
                new JsonRpcDecoder());
    }
}
