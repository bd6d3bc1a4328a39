package dev.flowlens.schemas;

import java.util.Objects;

/**
 * An input that could not become a record, kept with everything needed to find and fix it: the raw input (its
 * start, up to {@link #MAX_RAW_CHARS}), where it came from, a stable reason code and a message for a person.
 */
public class DeadLetter {
    /** Bound on the raw input kept, so a giant line cannot make a giant dead letter. */
    public static final int MAX_RAW_CHARS = 4096;

    /** The raw input, truncated to {@link #MAX_RAW_CHARS}. */
    public String raw;
    /** Length of the raw input before truncation, in characters (bytes for binary input). */
    public long rawLength;
    public Origin origin;
    public DeadLetterReason reason;
    /** What was wrong, in one line. */
    public String message;

    public DeadLetter() {}

    public static DeadLetter of(CharSequence raw, Origin origin, DeadLetterReason reason, String message) {
        DeadLetter letter = new DeadLetter();
        String text = raw == null ? "" : raw.toString();
        letter.rawLength = text.length();
        letter.raw = text.length() > MAX_RAW_CHARS ? text.substring(0, MAX_RAW_CHARS) : text;
        letter.origin = origin;
        letter.reason = reason;
        letter.message = message;
        return letter;
    }

    public boolean isRawTruncated() {
        return raw != null && rawLength > raw.length();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DeadLetter)) {
            return false;
        }
        DeadLetter that = (DeadLetter) o;
        return rawLength == that.rawLength && Objects.equals(raw, that.raw) && Objects.equals(origin, that.origin)
                && reason == that.reason && Objects.equals(message, that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(raw, origin, reason, message);
    }

    @Override
    public String toString() {
        return "DeadLetter{" + reason + " at " + origin + ": " + message + "}";
    }
}
