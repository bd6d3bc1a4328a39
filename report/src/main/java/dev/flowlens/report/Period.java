package dev.flowlens.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report's period on the flows' event time (capture start), epoch seconds, {@code [start, end)}.
 *
 * @param start inclusive
 * @param end exclusive, after {@code start}
 */
public record Period(long start, long end) {
    private static final Pattern LAST = Pattern.compile("last(?: +(\\d{1,9}))? +(hour|day|week)s?");

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

    /**
     * A period relative to {@code now}, as a scheduled report names it: {@code last N days} (the N whole UTC days
     * before today), {@code last N weeks} (7 × N days, likewise) or {@code last N hours} (the N whole hours before this
     * one); {@code N} may be left out for 1 ({@code last day}).
     */
    public static Period last(String text, Instant now) {
        Matcher last = LAST.matcher(text.strip().toLowerCase(java.util.Locale.ROOT));
        if (!last.matches()) {
            throw new IllegalArgumentException("expected 'last N days', 'last N weeks' or 'last N hours', not '"
                    + text + "'");
        }
        long n = last.group(1) == null ? 1 : Long.parseLong(last.group(1));
        if (n < 1 || n > 100_000) {
            throw new IllegalArgumentException("'" + text + "': N is from 1 to 100000");
        }
        long seconds = now.getEpochSecond();
        return switch (last.group(2)) {
            case "hour" -> new Period(Math.floorDiv(seconds, 3600) * 3600 - n * 3600,
                    Math.floorDiv(seconds, 3600) * 3600);
            case "day" -> new Period(Math.floorDiv(seconds, 86_400) * 86_400 - n * 86_400,
                    Math.floorDiv(seconds, 86_400) * 86_400);
            default -> new Period(Math.floorDiv(seconds, 86_400) * 86_400 - n * 7 * 86_400,
                    Math.floorDiv(seconds, 86_400) * 86_400);
        };
    }

    /** The first {@code dt=} partition that can hold flows of the period. */
    public String firstDay() {
        return LocalDate.ofInstant(Instant.ofEpochSecond(start), ZoneOffset.UTC).toString();
    }

    /** The last {@code dt=} partition that can hold flows of the period. */
    public String lastDay() {
        return LocalDate.ofInstant(Instant.ofEpochSecond(end - 1), ZoneOffset.UTC).toString();
    }

    @Override
    public String toString() {
        return Instant.ofEpochSecond(start) + " to " + Instant.ofEpochSecond(end);
    }
}
