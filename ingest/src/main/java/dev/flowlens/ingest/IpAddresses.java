package dev.flowlens.ingest;

/** Validation of IPv4 and IPv6 address text straight from bytes, without allocation or DNS. */
final class IpAddresses {
    private IpAddresses() {}

    static boolean isValid(byte[] buf, int start, int end) {
        for (int i = start; i < end; i++) {
            if (buf[i] == ':') {
                return isIpv6(buf, start, end);
            }
        }
        return isIpv4(buf, start, end);
    }

    /** Dotted quad, each part 0-255 written with 1-3 digits. */
    static boolean isIpv4(byte[] buf, int start, int end) {
        int dots = 0;
        int digits = 0;
        int part = 0;
        for (int i = start; i < end; i++) {
            byte b = buf[i];
            if (b >= '0' && b <= '9') {
                if (++digits > 3) {
                    return false;
                }
                part = part * 10 + (b - '0');
                if (part > 255) {
                    return false;
                }
            } else if (b == '.') {
                if (digits == 0 || ++dots > 3) {
                    return false;
                }
                digits = 0;
                part = 0;
            } else {
                return false;
            }
        }
        return dots == 3 && digits > 0;
    }

    /** RFC 4291 text: up to 8 groups of 1-4 hex digits, at most one {@code ::}, optionally an IPv4 tail. */
    static boolean isIpv6(byte[] buf, int start, int end) {
        int i = start;
        int groups = 0;
        boolean compressed = false;
        if (end - i >= 2 && buf[i] == ':' && buf[i + 1] == ':') {
            compressed = true;
            i += 2;
            if (i == end) {
                return true;
            }
        } else if (i < end && buf[i] == ':') {
            return false;
        }
        while (true) {
            int groupStart = i;
            while (i < end && isHex(buf[i])) {
                i++;
            }
            if (i < end && buf[i] == '.') {
                if (!isIpv4(buf, groupStart, end)) {
                    return false;
                }
                groups += 2;
                break;
            }
            int length = i - groupStart;
            if (length == 0 || length > 4) {
                return false;
            }
            groups++;
            if (i == end) {
                break;
            }
            if (buf[i] != ':') {
                return false;
            }
            i++;
            if (i < end && buf[i] == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
                if (i == end) {
                    break;
                }
            } else if (i == end) {
                return false;
            }
        }
        return compressed ? groups <= 7 : groups == 8;
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }
}
