package dev.flowlens.enrich.index;

/**
 * Address text to compact keys without allocation or DNS: IPv4 to an int (as a non-negative long), IPv6 to two
 * longs. The index keys addresses by value, so {@code 2001:db8::1} and {@code 2001:DB8:0:0:0:0:0:1} are one key.
 */
public final class IpKeys {
    /** Returned by {@link #ipv4} for text that is not an IPv4 address. */
    public static final long NOT_IPV4 = -1;

    private IpKeys() {}

    /** The address as an unsigned 32-bit value, or {@link #NOT_IPV4}. */
    public static long ipv4(CharSequence text) {
        int length = text.length();
        if (length < 7 || length > 15) {
            return NOT_IPV4;
        }
        long address = 0;
        int part = 0;
        int digits = 0;
        int dots = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                part = part * 10 + (c - '0');
                if (++digits > 3 || part > 255) {
                    return NOT_IPV4;
                }
            } else if (c == '.' && digits > 0 && dots < 3) {
                address = (address << 8) | part;
                part = 0;
                digits = 0;
                dots++;
            } else {
                return NOT_IPV4;
            }
        }
        if (dots != 3 || digits == 0) {
            return NOT_IPV4;
        }
        return (address << 8) | part;
    }

    /** Whether {high, low} is an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}); its IPv4 bits are the low 32. */
    public static boolean isIpv4Mapped(long[] v6) {
        return v6[0] == 0 && (v6[1] >>> 32) == 0xffffL;
    }

    /**
     * Whether two address texts name the same address: by value, so {@code 2001:db8::1} equals
     * {@code 2001:DB8:0:0:0:0:0:1} and {@code ::ffff:10.0.1.5} equals {@code 10.0.1.5}. {@code false} when either is
     * {@code null} or not an address (texts that are no address are equal only as equal text).
     */
    public static boolean sameAddress(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        long v4a = v4Value(a);
        long v4b = v4Value(b);
        if (v4a != NOT_IPV4 || v4b != NOT_IPV4) {
            return v4a == v4b;
        }
        long[] v6a = ipv6(a);
        long[] v6b = ipv6(b);
        return v6a != null && v6b != null && v6a[0] == v6b[0] && v6a[1] == v6b[1];
    }

    /** The IPv4 value of an IPv4 address or of an IPv4-mapped IPv6 one, else {@link #NOT_IPV4}. */
    private static long v4Value(String text) {
        long v4 = ipv4(text);
        if (v4 != NOT_IPV4) {
            return v4;
        }
        long[] v6 = text.indexOf(':') < 0 ? null : ipv6(text);
        return v6 != null && isIpv4Mapped(v6) ? v6[1] & 0xffffffffL : NOT_IPV4;
    }

    /** The 16 bytes of an IPv6 address as {high, low}, or {@code null} when the text is not one. */
    public static long[] ipv6(String text) {
        int[] groups = new int[8];
        int count = 0;
        int compressedAt = -1;
        int i = 0;
        int length = text.length();
        if (length < 2 || text.indexOf(':') < 0) {
            return null;
        }
        if (text.charAt(0) == ':') {
            if (text.charAt(1) != ':') {
                return null;
            }
            compressedAt = 0;
            i = 2;
        }
        while (i < length) {
            int start = i;
            int value = 0;
            while (i < length && Character.digit(text.charAt(i), 16) >= 0 && i - start < 5) {
                value = value * 16 + Character.digit(text.charAt(i), 16);
                i++;
            }
            if (i < length && text.charAt(i) == '.') { // IPv4 tail
                long v4 = ipv4(text.subSequence(start, length));
                if (v4 == NOT_IPV4 || count > 6) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xffff);
                i = length;
                break;
            }
            if (i == start || i - start > 4 || count == 8) {
                return null;
            }
            groups[count++] = value;
            if (i == length) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < length && text.charAt(i) == ':') {
                if (compressedAt >= 0) {
                    return null;
                }
                compressedAt = count;
                i++;
            } else if (i == length) {
                return null;
            }
        }
        if (compressedAt < 0 ? count != 8 : count > 7) {
            return null;
        }
        int[] full = new int[8];
        if (compressedAt < 0) {
            full = groups;
        } else {
            int tail = count - compressedAt;
            System.arraycopy(groups, 0, full, 0, compressedAt);
            System.arraycopy(groups, compressedAt, full, 8 - tail, tail);
        }
        long high = 0;
        long low = 0;
        for (int g = 0; g < 4; g++) {
            high = (high << 16) | full[g];
            low = (low << 16) | full[g + 4];
        }
        return new long[] {high, low};
    }
}
