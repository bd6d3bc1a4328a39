package dev.flowlens.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A report's period on the flows' event time (capture start), epoch seconds, {@code [start, end)}.
 *
 * @param start inclusive
 * @param end exclusive, after {@code start}
 */
public record Period(long start, long end) {
    public Period {
        if (end <= start) {
            throw new IllegalArgumentException("a period ends after it starts: " + Instant.ofEpochSecond(start)
                    + " is not before " + Instant.ofEpochSecond(end));
        }
    }

    /**
     * A point in time as the options take it: an instant ({@code 2026-05-01T10:00:00Z}, {@code 2026-05-01T12:00+02:00}), a UTC date-time
     * ({@code 2026-05-01T10:00}) or a UTC date ({@code 2026-05-01}, its midnight); epoch seconds.
     */
    public static long parseTime(String text) {
        try {
            return OffsetDateTime.parse(text).toEpochSecond(); // Z or an offset, seconds optional
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDateTime.parse(text).toEpochSecond(ZoneOffset.UTC);
            } catch (DateTimeParseException notDateTime) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
                } catch (DateTimeParseException notDate) {
                    throw new IllegalArgumentException("expected a UTC date (2026-05-01), date-time"
                            + " (2026-05-01T10:00) or instant (2026-05-01T10:00:00Z), not '" + text + "'");
                }
            }
        }
    }

    /** The first {@code dt=} partition that can hold flows of the period. */
    String firstDay() {
        return LocalDate.ofInstant(Instant.ofEpochSecond(start), ZoneOffset.UTC).toString();
    }

    /** The last {@code dt=} partition that can hold flows of the period. */
    String lastDay() {
        return LocalDate.ofInstant(Instant.ofEpochSecond(end - 1), ZoneOffset.UTC).toString();
    }

    @Override
    public String toString() {
        return Instant.ofEpochSecond(start) + " to " + Instant.ofEpochSecond(end);
    }
}
