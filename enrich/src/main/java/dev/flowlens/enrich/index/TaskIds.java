package dev.flowlens.enrich.index;

/**
 * The texts each task owns alone, packed into primitives: a task id of 32 lowercase hex digits (today's ARNs) or a
 * lowercase UUID (the old {@code task/UUID} ARNs) into two longs, an ENI id {@code eni-} + up to 17 lowercase hex
 * digits into a long and 9 bits, a MAC address {@code hh:hh:hh:hh:hh:hh} into a long. Any other spelling (uppercase,
 * other lengths) has no packed form and stays text: packing is only where the text comes back exactly.
 */
final class TaskIds {
    /** A task id kept as text. */
    static final int ID_TEXT = 0;
    /** 32 lowercase hex digits. */
    static final int ID_HEX32 = 1;
    /** A lowercase UUID, 8-4-4-4-12 hex digits. */
    static final int ID_UUID = 2;

    /** Where {@link #eniBits} says the id has no packed form. */
    static final int ENI_TEXT = 0;

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private TaskIds() {}

    /** The form of the id at {@code text[from, to)}: {@link #ID_HEX32}, {@link #ID_UUID} or {@link #ID_TEXT}. */
    static int idForm(String text, int from, int to) {
        int length = to - from;
        if (length == 32) {
            for (int i = from; i < to; i++) {
                if (digit(text.charAt(i)) < 0) {
                    return ID_TEXT;
                }
            }
            return ID_HEX32;
        }
        if (length == 36) {
            for (int i = 0; i < 36; i++) {
                char c = text.charAt(from + i);
                boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
                if (dash ? c != '-' : digit(c) < 0) {
                    return ID_TEXT;
                }
            }
            return ID_UUID;
        }
        return ID_TEXT;
    }

    /**
     * Half of a packed id of {@code form} at {@code text[from, ...)}: its first 16 digits ({@code high}) or its last
     * 16 (not {@code high}), dashes skipped.
     */
    static long idHalf(String text, int from, int form, boolean high) {
        long value = 0;
        int digits = 0;
        int skip = high ? 0 : 16;
        for (int i = from; digits < skip + 16; i++) {
            char c = text.charAt(i);
            if (form == ID_UUID && c == '-') {
                continue;
            }
            if (digits++ >= skip) {
                value = (value << 4) | digit(c);
            }
        }
        return value;
    }

    /** A packed id's text. */
    static String id(int form, long high, long low) {
        byte[] out = new byte[form == ID_UUID ? 36 : 32];
        int position = 0;
        for (int d = 0; d < 32; d++) {
            if (form == ID_UUID && (d == 8 || d == 12 || d == 16 || d == 20)) {
                out[position++] = '-';
            }
            long half = d < 16 ? high : low;
            out[position++] = HEX[(int) (half >>> (4 * (15 - (d & 15)))) & 15];
        }
        return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * An ENI id's digit count (bits 0-4, 1 to 17) and, for 17 digits, its first digit (bits 5-8), or
     * {@link #ENI_TEXT} when it is not {@code eni-} + 1 to 17 lowercase hex digits. The other 16 (or fewer) digits
     * are {@link #eniLow}.
     */
    static int eniBits(String eniId) {
        int digits = eniId.length() - 4;
        if (digits < 1 || digits > 17 || !eniId.startsWith("eni-")) {
            return ENI_TEXT;
        }
        for (int i = 4; i < eniId.length(); i++) {
            if (digit(eniId.charAt(i)) < 0) {
                return ENI_TEXT;
            }
        }
        return digits == 17 ? digits | digit(eniId.charAt(4)) << 5 : digits;
    }

    /** The last (up to) 16 digits of a packable ENI id (see {@link #eniBits}). */
    static long eniLow(String eniId) {
        long value = 0;
        for (int i = Math.max(4, eniId.length() - 16); i < eniId.length(); i++) {
            value = (value << 4) | digit(eniId.charAt(i));
        }
        return value;
    }

    /** The ENI id text back from {@link #eniBits} and {@link #eniLow}. */
    static String eniId(int bits, long low) {
        int digits = bits & 31;
        byte[] text = new byte[4 + digits];
        text[0] = 'e';
        text[1] = 'n';
        text[2] = 'i';
        text[3] = '-';
        int position = 4;
        if (digits == 17) {
            text[position++] = HEX[(bits >>> 5) & 15];
        }
        for (int d = Math.min(digits, 16) - 1; d >= 0; d--) {
            text[position++] = HEX[(int) (low >>> (4 * d)) & 15];
        }
        return new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Whether {@code mac} is {@code hh:hh:hh:hh:hh:hh} in lowercase hex. */
    static boolean macPackable(String mac) {
        if (mac.length() != 17) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            char c = mac.charAt(i);
            if (i % 3 == 2 ? c != ':' : digit(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The 48 bits of a packable MAC address. */
    static long mac(String mac) {
        long value = 0;
        for (int i = 0; i < 17; i++) {
            if (i % 3 != 2) {
                value = (value << 4) | digit(mac.charAt(i));
            }
        }
        return value;
    }

    /** The MAC address text back from its 48 bits. */
    static String macText(long bits) {
        byte[] text = new byte[17];
        for (int b = 0; b < 6; b++) {
            int octet = (int) (bits >>> (8 * (5 - b))) & 255;
            text[3 * b] = HEX[octet >>> 4];
            text[3 * b + 1] = HEX[octet & 15];
            if (b < 5) {
                text[3 * b + 2] = ':';
            }
        }
        return new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** A lowercase hex digit's value, else -1 (uppercase is not packed: it would not come back as it was). */
    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }
}
