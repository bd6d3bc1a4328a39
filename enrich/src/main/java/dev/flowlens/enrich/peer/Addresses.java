package dev.flowlens.enrich.peer;

import dev.flowlens.enrich.index.IpKeys;

/** Address text to bytes, on top of {@link IpKeys}. */
final class Addresses {
    private Addresses() {}

    /** IPv4 as an unsigned 32-bit value, or -1. */
    static long ipv4(String address) {
        return IpKeys.ipv4(address);
    }

    /** 4 bytes for IPv4, 16 for IPv6, {@code null} for anything else. */
    static byte[] bytes(String address) {
        long v4 = IpKeys.ipv4(address);
        if (v4 != IpKeys.NOT_IPV4) {
            return new byte[] {(byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8), (byte) v4};
        }
        long[] v6 = IpKeys.ipv6(address);
        if (v6 == null) {
            return null;
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (v6[0] >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (v6[1] >>> (56 - 8 * i));
        }
        return bytes;
    }
}
