package dev.flowlens.investigate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The flows an investigation covers, by their capture start ({@code start}, as the partitions are cut): from
 * {@code from} inclusive to {@code until} exclusive, either end open when {@code null}.
 */
public record TimeRange(Instant from, Instant until) {
    /** Every flow, including those without a time. */
    public static final TimeRange ALL = new TimeRange(null, null);

    public TimeRange {
        if (from != null && until != null && !from.isBefore(until)) {
            throw new InvalidTimeException("the time range is empty: --from " + from + " is not before --until "
                    + until);
        }
    }

    /** A bad time: the message names what was given and the forms expected. */
    public static final class InvalidTimeException extends IllegalArgumentException {
        InvalidTimeException(String message) {
            super(message);
        }
    }

    /**
     * The range from two texts, each {@code null} (open), an ISO instant ({@code 2024-05-01T10:00:00Z}, an offset
     * allowed), a date ({@code 2024-05-01}, UTC) or an ISO duration before now ({@code P2D}, {@code PT6H}: for
     * schedules, "the last two days"): a date as {@code from} is its first instant, as {@code until} the first instant
     * after it, so {@code --from 2024-05-01 --until 2024-05-01} is that whole day.
     */
    public static TimeRange parse(String from, String until) {
        return parse(from, until, Instant.now());
    }

    /** {@link #parse(String, String)} with durations counted back from {@code now}. */
    public static TimeRange parse(String from, String until, Instant now) {
        return new TimeRange(from == null ? null : instant(from, "--from", false, now),
                until == null ? null : instant(until, "--until", true, now));
    }

    private static Instant instant(String text, String option, boolean dateMeansItsEnd, Instant now) {
        String value = text.trim();
        try {
            if (value.startsWith("P")) {
                Duration before = Duration.parse(value);
                if (before.isNegative() || before.isZero()) {
                    throw new InvalidTimeException(option + " '" + text + "' is not a duration before now: give a"
                            + " positive one such as P2D or PT6H");
                }
                return now.minus(before);
            }
            if (value.length() == 10) {
                LocalDate date = LocalDate.parse(value);
                return (dateMeansItsEnd ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidTimeException(option + " '" + text + "' is not an ISO instant such as"
                    + " 2024-05-01T10:00:00Z, a date such as 2024-05-01 (UTC) or a duration before now such as P2D");
        }
    }

    /** Whether flows captured from {@code start} (inclusive) to {@code end} (exclusive) may fall in this range. */
    public boolean overlaps(Instant start, Instant end) {
        return (from == null || end.isAfter(from)) && (until == null || start.isBefore(until));
    }

    /** Whether the range is open at both ends. */
    public boolean unbounded() {
        return from == null && until == null;
    }
}
