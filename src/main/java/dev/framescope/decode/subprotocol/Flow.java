package dev.framescope.decode.subprotocol;

/** Which way a message travelled; a response travels the opposite way of its request. */
public enum Flow {
    CLIENT_TO_SERVER, SERVER_TO_CLIENT;

    public Flow opposite() {
        return this == CLIENT_TO_SERVER ? SERVER_TO_CLIENT : CLIENT_TO_SERVER;
    }
}
