package dev.flowlens.ingest;

import java.nio.charset.StandardCharsets;

/**
 * Validation of IPv4 and IPv6 address text straight from bytes, without DNS, and the one text each address is
 * stored as, so that equal addresses are equal strings.
 *
 * <p>IPv4 octets with leading zeros ({@code 010.000.001.005}) are rejected, not normalised: some parsers read them
 * as octal ({@code 010} = 8), so the writer's meaning is uncertain, and AWS never writes them; a flow record with one
 * did not come from AWS as written. IPv6 is stored in RFC 5952's canonical form, except IPv4-mapped IPv6
 * ({@code ::ffff:10.0.1.5}, {@code ::ffff:0a00:0105}), which names an IPv4 host and is stored as that IPv4 address
 * ({@code 10.0.1.5}): one address, one text, so a mapped spelling is looked up, compared and grouped as the IPv4 one.
 * The written form is not kept anywhere (the record's raw line, in a dead letter only, is the only place it shows).
 */
final class IpAddresses {
    private IpAddresses() {}

    /**
     * The address in {@code buf[start, end)} as stored (IPv6 canonical, IPv4-mapped IPv6 as IPv4), or {@code null}
     * if it is not one.
     */
    static String canonical(byte[] buf, int start, int end) {
        for (int i = start; i < end; i++) {
            if (buf[i] == ':') {
                return canonicalIpv6(buf, start, end);
            }
        }
        // not cached: peers on the internet make addresses too many to reuse, and filling an old cache with young
        // strings costs more (GC write barriers) than it saves
        return isIpv4(buf, start, end) ? new String(buf, start, end - start, StandardCharsets.ISO_8859_1) : null;
    }

    /** Dotted quad, each part 0-255 written with 1-3 digits and no leading zero. */
    static boolean isIpv4(byte[] buf, int start, int end) {
        return ipv4(buf, start, end) >= 0;
    }

    /** The 32 bits of a dotted quad as a non-negative long, or -1 if it is not one. */
    private static long ipv4(byte[] buf, int start, int end) {
        int dots = 0;
        int digits = 0;
        int part = 0;
        long value = 0;
        for (int i = start; i < end; i++) {
            byte b = buf[i];
            if (b >= '0' && b <= '9') {
                if (digits == 1 && part == 0) {
                    return -1; // a leading zero
                }
                if (++digits > 3) {
                    return -1;
                }
                part = part * 10 + (b - '0');
                if (part > 255) {
                    return -1;
                }
            } else if (b == '.') {
                if (digits == 0 || ++dots > 3) {
                    return -1;
                }
                value = value << 8 | part;
                digits = 0;
                part = 0;
            } else {
                return -1;
            }
        }
        return dots == 3 && digits > 0 ? value << 8 | part : -1;
    }

    /** Whether an address token has a dotted (IPv4) part with a leading zero, to say so in the dead letter. */
    static boolean hasLeadingZeroOctet(byte[] buf, int start, int end) {
        int from = start;
        for (int i = start; i < end; i++) {
            if (buf[i] == ':') {
                from = i + 1; // the dotted tail of an IPv6 address
            }
        }
        boolean dotted = false;
        boolean leadingZero = false;
        boolean partStart = true;
        for (int i = from; i < end; i++) {
            leadingZero |= partStart && buf[i] == '0' && i + 1 < end && buf[i + 1] >= '0' && buf[i + 1] <= '9';
            partStart = buf[i] == '.';
            dotted |= partStart;
        }
        return dotted && leadingZero;
    }

    /**
     * RFC 4291 text (up to 8 groups of 1-4 hex digits, at most one {@code ::}, optionally an IPv4 tail) as RFC 5952
     * text: lower case, no leading zeros, the longest run of two or more zero groups (the first of equal ones)
     * shortened to {@code ::}; NAT64 ({@code 64:ff9b::/96}) addresses keep their IPv4 part dotted, as RFC 5952
     * section 5 recommends for well-known prefixes; IPv4-mapped ones ({@code ::ffff:0:0/96}) become the IPv4 address
     * they map. {@code null} if invalid.
     */
    static String canonicalIpv6(byte[] buf, int start, int end) {
        int[] groups = new int[8];
        int n = 0;
        int gap = -1; // where :: stands, as an index into groups
        int i = start;
        if (end - i >= 2 && buf[i] == ':' && buf[i + 1] == ':') {
            gap = 0;
            i += 2;
        } else if (i < end && buf[i] == ':') {
            return null;
        }
        while (i < end) {
            int groupStart = i;
            int value = 0;
            while (i < end && i - groupStart < 5 && hex(buf[i]) >= 0) {
                value = value << 4 | hex(buf[i]);
                i++;
            }
            if (i < end && buf[i] == '.') {
                long v4 = ipv4(buf, groupStart, end);
                if (v4 < 0 || n > 6) {
                    return null;
                }
                groups[n++] = (int) (v4 >>> 16);
                groups[n++] = (int) (v4 & 0xffff);
                break;
            }
            if (i == groupStart || i - groupStart > 4 || n == 8) {
                return null;
            }
            groups[n++] = value;
            if (i == end) {
                break;
            }
            if (buf[i] != ':') {
                return null;
            }
            i++;
            if (i < end && buf[i] == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = n;
                i++;
            } else if (i == end) {
                return null; // a single trailing colon
            }
        }
        if (gap >= 0) {
            if (n > 7) {
                return null; // :: stands for at least one group
            }
            int tail = n - gap;
            System.arraycopy(groups, gap, groups, 8 - tail, tail);
            java.util.Arrays.fill(groups, gap, 8 - tail, 0);
        } else if (n != 8) {
            return null;
        }
        return format(groups);
    }

    private static String format(int[] g) {
        boolean mapped = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff;
        if (mapped) {
            return (g[6] >>> 8) + "." + (g[6] & 0xff) + "." + (g[7] >>> 8) + "." + (g[7] & 0xff);
        }
        boolean nat64 = g[0] == 0x64 && g[1] == 0xff9b && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0;
        int hexGroups = nat64 ? 6 : 8;
        int runStart = -1;
        int runLength = 1; // only runs of two or more are shortened
        for (int k = 0; k < hexGroups; ) {
            if (g[k] != 0) {
                k++;
                continue;
            }
            int from = k;
            while (k < hexGroups && g[k] == 0) {
                k++;
            }
            if (k - from > runLength) {
                runStart = from;
                runLength = k - from;
            }
        }
        StringBuilder text = new StringBuilder(45);
        for (int k = 0; k < hexGroups; k++) {
            if (k == runStart) {
                text.append("::");
                k += runLength - 1;
                continue;
            }
            if (k > 0 && k != runStart + runLength) {
                text.append(':');
            }
            text.append(Integer.toHexString(g[k]));
        }
        if (hexGroups == 6) {
            if (runStart + runLength != 6) {
                text.append(':');
            }
            text.append(g[6] >>> 8).append('.').append(g[6] & 0xff).append('.').append(g[7] >>> 8).append('.')
                    .append(g[7] & 0xff);
        }
        return text.toString();
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
