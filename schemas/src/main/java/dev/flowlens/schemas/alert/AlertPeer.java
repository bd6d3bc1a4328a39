package dev.flowlens.schemas.alert;

import dev.flowlens.schemas.PeerClass;
import java.util.ArrayList;
import java.util.List;

/** The other end of an alert's flows. */
public class AlertPeer {
    /** An address, or a CIDR when the flows went to many addresses in it (a sweep of a subnet). */
    public String address;
    /** The peer's port; {@code null} when there are many (a port scan). */
    public Integer port;
    /** IANA protocol number; {@code null} when mixed. */
    public Integer protocol;
    public PeerClass peerClass;
    /** Names of the deny or threat lists the peer is on; empty when none. */
    public List<String> threatLists = new ArrayList<>();

    public AlertPeer() {}
}
