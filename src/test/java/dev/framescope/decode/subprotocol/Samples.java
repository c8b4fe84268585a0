package dev.framescope.decode.subprotocol;

import dev.framescope.decode.DecodeInput;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Byte fixtures for the subprotocol decoders: real packet shapes, written out by hand. */
final class Samples {

    private Samples() {
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }

    static DecodeInput text(String s) {
        return DecodeInput.of(s.getBytes(StandardCharsets.UTF_8), true);
    }

    static DecodeInput text(String s, String subprotocol) {
        return new DecodeInput(s.getBytes(StandardCharsets.UTF_8), true, Optional.of(subprotocol));
    }

    static DecodeInput binary(String hex) {
        return DecodeInput.of(hex(hex), false);
    }

    static DecodeInput mqtt(String hex) {
        return new DecodeInput(hex(hex), false, Optional.of("mqtt"));
    }

    static final List<String> SOCKET_IO = List.of(
            "0{\"sid\":\"lv_VI97HAXpY6yYWAAAC\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000,"
                    + "\"maxPayload\":1000000}",
            "40", "40{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}", "40/admin,{\"token\":\"x\"}", "41",
            "42[\"chat\",\"hello\"]", "423[\"chat\",\"hi\"]", "42/admin,13[\"project:delete\",123]", "433[\"ok\"]",
            "451-[\"upload\",{\"_placeholder\":true,\"num\":0}]", "461-3[{\"_placeholder\":true,\"num\":0}]",
            "44{\"message\":\"Not authorized\"}", "2", "3", "2probe", "3probe", "5", "6", "1");

    static final List<String> STOMP = List.of(
            "CONNECT\naccept-version:1.2\nhost:demo\nheart-beat:10000,10000\n\n\0",
            "CONNECTED\nversion:1.2\nheart-beat:0,0\nserver:framescope-demo\n\n\0",
            "SEND\ndestination:/queue/a\ncontent-type:text/plain\ncontent-length:12\n\nhello world!\0",
            "SUBSCRIBE\r\nid:0\r\ndestination:/queue/a\r\nreceipt:r-1\r\n\r\n\0",
            "RECEIPT\nreceipt-id:r-1\n\n\0",
            "MESSAGE\nsubscription:0\nmessage-id:007\ndestination:/topic/a\\cb\\\\c\\nd\n\nhi\0\n\n",
            "SEND\ndestination:/q\ncontent-length:3\n\na\0b\0",
            "ERROR\nmessage:malformed frame received\ncontent-type:text/plain\n\nno destination\0",
            "RECEIPT\nreceipt-id:1\n\n\0\nRECEIPT\nreceipt-id:2\n\n\0",
            "DISCONNECT\nreceipt:77\n\n\0", "\n", "\r\n");

    static final List<String> MQTT = List.of(
            // 3.1.1 CONNECT clientId fs1, clean session, keep alive 60
            "10 0F 0004 4D515454 04 02 003C 0003 667331",
            // 5.0 CONNECT, user name + password, properties: session expiry 30, receive maximum 10
            "10 22 0004 4D515454 05 C2 003C 08 11 0000001E 21 000A 0003 667331 0004 75736572 0002 7077",
            // 3.1.1 CONNECT with a will (QoS 1, retain) on topic w, payload "bye"
            "10 17 0004 4D515454 04 2E 003C 0003 667331 0001 77 0003 627965",
            "20 02 00 00", "20 02 01 05", "20 06 00 00 03 22 000A",
            // 3.1.1 PUBLISH QoS 1 id 7 on sensors/t, payload "21.5"
            "32 11 0009 73656e736f72732f74 0007 32312e35",
            // 5.0 PUBLISH QoS 0 on a/b with content type application/json, payload {"t":1}
            "30 20 0003 612f62 13 03 0010 6170706c69636174696f6e2f6a736f6e 7b2274223a317d",
            "31 07 0003 612f62 6869", "40 02 0007", "50 02 0007", "62 02 0007", "70 02 0007",
            "40 04 0007 10 00",
            "82 0E 0001 0009 73656e736f72732f23 01",
            "82 0D 0001 00 0007 612f622f632f64 15",
            "90 03 0001 01", "90 05 0001 00 01 80",
            "A2 0B 0002 0007 612f622f632f64", "B0 02 0002", "B0 04 0002 00 11",
            "C0 00", "D0 00", "E0 00", "E0 01 8E",
            // two packets in one message
            "D0 00 40 02 0009");

    static final List<String> GRAPHQL = List.of(
            "{\"type\":\"connection_init\",\"payload\":{\"token\":\"t\"}}", "{\"type\":\"connection_ack\"}",
            "{\"type\":\"ping\"}", "{\"type\":\"pong\"}",
            "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription OnTick { tick }\"}}",
            "{\"id\":\"1\",\"type\":\"next\",\"payload\":{\"data\":{\"tick\":1}}}",
            "{\"id\":\"1\",\"type\":\"complete\"}",
            "{\"id\":\"2\",\"type\":\"error\",\"payload\":[{\"message\":\"boom\"}]}",
            "{\"type\":\"ka\"}",
            "{\"id\":\"1\",\"type\":\"start\",\"payload\":{\"query\":\"subscription { ticks }\"}}",
            "{\"id\":\"1\",\"type\":\"data\",\"payload\":{\"data\":{\"ticks\":3}}}",
            "{\"id\":\"1\",\"type\":\"stop\"}", "{\"type\":\"connection_terminate\"}",
            "{\"type\":\"connection_error\",\"payload\":{\"message\":\"denied\"}}");

    static final List<String> JSON_RPC = List.of(
            "{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":[42,23],\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"result\":19,\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"update\",\"params\":[1,2,3,4,5]}",
            "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":\"1\"}",
            "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"Parse error\"},\"id\":null}",
            "[{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[1,2,4],\"id\":\"1\"},"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"notify_hello\",\"params\":[7]},"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"get_data\",\"id\":\"9\"}]",
            "[{\"jsonrpc\":\"2.0\",\"result\":7,\"id\":\"1\"},{\"jsonrpc\":\"2.0\",\"result\":[\"hello\",5],"
                    + "\"id\":\"9\"}]");
}
