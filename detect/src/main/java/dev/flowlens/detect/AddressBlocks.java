package dev.flowlens.detect;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Address blocks detection reasons about: the prefix an internet peer belongs to (providers assign and move addresses
 * in /24s for IPv4 and /64s for IPv6, so a peer's neighbours are usually the same party), and CIDR allow-lists.
 * Only address literals are parsed, never host names (no DNS look-up can happen here).
 */
final class AddressBlocks {
    private AddressBlocks() {}

    /** {@code a.b.c.0/24} of an IPv4 address, the /64 of an IPv6 one, or {@code null} when it is not an address. */
    static String prefixOf(String address) {
        byte[] bytes = parse(address);
        if (bytes == null) {
            return null;
        }
        int keep = bytes.length == 4 ? 3 : 8;
        byte[] masked = new byte[bytes.length];
        System.arraycopy(bytes, 0, masked, 0, keep);
        try {
            return InetAddress.getByAddress(masked).getHostAddress() + (bytes.length == 4 ? "/24" : "/64");
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }

    /** The address's bytes, or {@code null} when {@code text} is not an IPv4 or IPv6 literal. */
    static byte[] parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = text.indexOf(':') >= 0 && text.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** A CIDR block: {@code 198.51.100.0/24}, {@code 2001:db8::/32}, or one address. */
    record Cidr(byte[] network, int bits, String text) {
        /** Parses {@code text}; an {@link IllegalArgumentException} naming it and the expected form otherwise. */
        static Cidr parse(String text) {
            String trimmed = text == null ? "" : text.trim();
            int slash = trimmed.indexOf('/');
            byte[] network = AddressBlocks.parse(slash < 0 ? trimmed : trimmed.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("'" + text + "' is not a CIDR block; write it as 198.51.100.0/24 "
                        + "or 2001:db8::/32");
            }
            int bits;
            try {
                bits = slash < 0 ? network.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has no valid prefix length; use /0 to /"
                        + network.length * 8 + " for this address family");
            }
            return new Cidr(network, bits, trimmed);
        }

        /** Parses every block of a list (see {@link #parse}). */
        static List<Cidr> parseAll(List<String> texts) {
            List<Cidr> blocks = new ArrayList<>();
            for (String text : texts) {
                blocks.add(parse(text));
            }
            return blocks;
        }

        boolean contains(String address) {
            byte[] bytes = AddressBlocks.parse(address);
            if (bytes == null || bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Whether {@code address} is in any of {@code blocks}. */
    static boolean inAny(List<Cidr> blocks, String address) {
        for (Cidr block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
