package dev.flowlens.detect;

import dev.flowlens.schemas.FlowEndpoint;
import dev.flowlens.schemas.alert.AlertPeer;
import java.util.ArrayList;

/** Builds the {@code peer} of an alert from the flows' other end. */
final class Peers {
    private Peers() {}

    /** The flow's peer, with the given port ({@code null} when there are many). */
    static AlertPeer of(TaskFlow flow, Integer port) {
        FlowEndpoint end = flow.peer();
        AlertPeer peer = new AlertPeer();
        peer.address = end == null ? null : end.address;
        peer.port = port;
        peer.protocol = flow.protocol();
        peer.peerClass = end == null ? null : end.peerClass;
        peer.threatLists = end == null || end.threatLists == null ? new ArrayList<>() : new ArrayList<>(end.threatLists);
        return peer;
    }

    /** The smallest IPv4 CIDR holding every address given as its 32 bits (unsigned, in longs). */
    static String ipv4Cover(long low, long high) {
        int prefix = 32;
        while (prefix > 0 && (low >>> (32 - prefix)) != (high >>> (32 - prefix))) {
            prefix--;
        }
        long network = prefix == 0 ? 0 : (low >>> (32 - prefix)) << (32 - prefix);
        return (network >>> 24) + "." + ((network >>> 16) & 255) + "." + ((network >>> 8) & 255) + "." + (network & 255)
                + "/" + prefix;
    }
}
