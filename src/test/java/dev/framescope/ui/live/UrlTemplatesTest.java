package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The Socket.IO template keeps the host typed and sets the Engine.IO path. */
class UrlTemplatesTest {

    @Test
    void theSocketIoPathGoesOnTheHostTyped() {
        assertEquals("wss://chat.example:8443/socket.io/?EIO=4&transport=websocket",
                UrlTemplates.withPath("wss://chat.example:8443/old?x=1", UrlTemplates.SOCKET_IO_V4));
        assertEquals("ws://localhost:3000/socket.io/?EIO=4&transport=websocket",
                UrlTemplates.withPath("", UrlTemplates.SOCKET_IO_V4));
        assertEquals("ws://10.0.0.2:3000/socket.io/?EIO=4&transport=websocket",
                UrlTemplates.withPath("ws://10.0.0.2:3000", UrlTemplates.SOCKET_IO_V4));
    }
}
