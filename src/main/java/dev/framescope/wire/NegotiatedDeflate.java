package dev.framescope.wire;

import java.util.List;

/**
 * What permessage-deflate negotiation settled (RFC 7692 §7.1), per direction.
 *
 * @param offerIndex       which of the client's offers the response answered (0-based), or -1 when none allows it
 * @param accepted         the response's parameters
 * @param serverToClient   how the server compresses (what our inflater must honour)
 * @param clientToServer   how the client must compress
 * @param effects          one plain-English line per parameter
 * @param findings         DEFLATE_PARAM_NOT_OFFERED / DEFLATE_PARAM_INVALID
 */
public record NegotiatedDeflate(int offerIndex, DeflateParams accepted, Direction serverToClient,
                                Direction clientToServer, List<String> effects, List<Finding> findings) {

    /** One direction's compressor: its LZ77 window and whether it keeps it between messages. */
    public record Direction(int windowBits, boolean contextTakeover) {
    }

    public NegotiatedDeflate {
        effects = List.copyOf(effects);
        findings = List.copyOf(findings);
    }

    public Direction of(Sender sender) {
        return sender == Sender.SERVER ? serverToClient : clientToServer;
    }
}
