package dev.flowlens.detect;

import dev.flowlens.enrich.index.IpKeys;
import dev.flowlens.enrich.peer.PrefixTrie;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Address blocks detection reasons about: the prefix an internet peer belongs to (providers assign and move addresses
 * in /24s for IPv4 and /64s for IPv6, so a peer's neighbours are usually the same party), and CIDR allow-lists.
 * Addresses are read by the index's own {@link IpKeys} (literals only, no DNS look-up) and blocks matched by its
 * {@link PrefixTrie}.
 */
final class AddressBlocks {
    private AddressBlocks() {}

    /** {@code a.b.c.0/24} of an IPv4 address, the /64 of an IPv6 one, or {@code null} when it is not an address. */
    static String prefixOf(String address) {
        if (address == null) {
            return null;
        }
        long v4 = IpKeys.ipv4(address);
        if (v4 != IpKeys.NOT_IPV4) {
            return (v4 >>> 24) + "." + ((v4 >>> 16) & 255) + "." + ((v4 >>> 8) & 255) + ".0/24";
        }
        long[] v6 = IpKeys.ipv6(address);
        if (v6 == null) {
            return null;
        }
        byte[] network = new byte[16];
        for (int i = 0; i < 8; i++) {
            network[i] = (byte) (v6[0] >>> (56 - 8 * i));
        }
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/64"; // from bytes: no look-up
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 16-byte address is always valid", e);
        }
    }

    /**
     * The blocks of {@code cidrs} as a trie; an {@link IllegalArgumentException} naming a block that is not one and
     * the expected form.
     */
    static PrefixTrie<Boolean> blocks(List<String> cidrs) {
        PrefixTrie<Boolean> trie = new PrefixTrie<>();
        for (String cidr : cidrs) {
            String text = cidr == null ? "" : cidr.trim();
            try {
                trie.add(text, Boolean.TRUE);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + cidr + "' is not a CIDR block; write it as 198.51.100.0/24"
                        + " or 2001:db8::/32", e);
            }
        }
        return trie;
    }
}
