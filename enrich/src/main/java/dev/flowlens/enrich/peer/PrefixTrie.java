package dev.flowlens.enrich.peer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Longest-prefix match over IPv4 and IPv6 CIDRs: a binary trie in int arrays (two children per node), one trie per
 * address family. Lookups walk at most 32 (IPv4) or 128 (IPv6) bits, with no allocation for IPv4.
 */
public final class PrefixTrie<V> {
    private final Family v4 = new Family();
    private final Family v6 = new Family();
    private final List<V> values = new ArrayList<>();

    /** Adds {@code cidr} ({@code 10.0.0.0/16}, {@code 2600:1f00::/24}, or a bare address); a later add wins. */
    public void add(String cidr, V value) {
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        byte[] bytes = Addresses.bytes(address);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP address or CIDR: '" + cidr + "'");
        }
        int bits = bytes.length * 8;
        int length = bits;
        if (slash >= 0) {
            try {
                length = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in '" + cidr + "'");
            }
            if (length < 0 || length > bits) {
                throw new IllegalArgumentException("prefix length out of range in '" + cidr + "'");
            }
        }
        values.add(value);
        (bytes.length == 4 ? v4 : v6).insert(bytes, length, values.size() - 1);
    }

    /** The value of the longest prefix containing {@code address} (text), or {@code null}. */
    public V find(String address) {
        if (address == null) {
            return null;
        }
        long ipv4 = Addresses.ipv4(address);
        if (ipv4 >= 0) {
            return findIpv4((int) ipv4);
        }
        byte[] bytes = Addresses.bytes(address);
        if (bytes != null && isIpv4Mapped(bytes)) { // ::ffff:a.b.c.d is the IPv4 address a.b.c.d
            return findIpv4((bytes[12] & 0xff) << 24 | (bytes[13] & 0xff) << 16 | (bytes[14] & 0xff) << 8
                    | bytes[15] & 0xff);
        }
        return bytes == null ? null : value(v6.find(bytes));
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        if (bytes.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    /** {@link #find} for an IPv4 address given as its 32 bits. */
    public V findIpv4(int address) {
        return value(v4.findIpv4(address));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    private V value(int index) {
        return index < 0 ? null : values.get(index);
    }

    /** One family's trie: node 0 is the root; child index 0 means none; value -1 means none. */
    private static final class Family {
        private int[] zero = new int[64];
        private int[] one = new int[64];
        private int[] value = filled(64);
        private int nodes = 1;

        void insert(byte[] address, int length, int valueIndex) {
            int node = 0;
            for (int bit = 0; bit < length; bit++) {
                boolean set = (address[bit >>> 3] & (0x80 >>> (bit & 7))) != 0;
                if ((set ? one : zero)[node] == 0) {
                    int created = newNode(); // may grow the arrays: index them only after
                    (set ? one : zero)[node] = created;
                }
                node = (set ? one : zero)[node];
            }
            value[node] = valueIndex;
        }

        int find(byte[] address) {
            int best = value[0];
            int node = 0;
            for (int bit = 0; bit < address.length * 8; bit++) {
                boolean set = (address[bit >>> 3] & (0x80 >>> (bit & 7))) != 0;
                node = set ? one[node] : zero[node];
                if (node == 0) {
                    break;
                }
                if (value[node] >= 0) {
                    best = value[node];
                }
            }
            return best;
        }

        int findIpv4(int address) {
            int best = value[0];
            int node = 0;
            for (int bit = 31; bit >= 0; bit--) {
                node = ((address >>> bit) & 1) != 0 ? one[node] : zero[node];
                if (node == 0) {
                    break;
                }
                if (value[node] >= 0) {
                    best = value[node];
                }
            }
            return best;
        }

        private int newNode() {
            if (nodes == zero.length) {
                int size = zero.length * 2;
                zero = Arrays.copyOf(zero, size);
                one = Arrays.copyOf(one, size);
                int old = value.length;
                value = Arrays.copyOf(value, size);
                Arrays.fill(value, old, size, -1);
            }
            return nodes++;
        }

        private static int[] filled(int size) {
            int[] array = new int[size];
            Arrays.fill(array, -1);
            return array;
        }
    }
}
