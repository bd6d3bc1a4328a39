package dev.flowlens.investigate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * One Hive-style partition of the dataset, {@code dt=YYYY-MM-DD/hour=HH} (flows by capture start, UTC), or a whole
 * {@code dt=} day skipped before its hours were listed, or {@code dt=unknown/hour=unknown} (flows without a time).
 *
 * @param name the partition's path relative to the dataset root: {@code dt=2024-05-01/hour=07}, {@code dt=2024-05-01}
 * @param start the first instant its flows may start at; {@code null} for the unknown partition
 * @param length how long a span it covers: an hour, or a day for a whole day
 * @param files its Parquet files; empty for a partition skipped unlisted
 */
public record Partition(String name, Instant start, Duration length, List<DataFile> files) {
    public static final String UNKNOWN = "unknown";

    /**
     * One Parquet file: where it is (a local path, or an S3 key), its size and, in S3, its ETag (which changes when
     * the object does; {@code null} for a local file).
     */
    public record DataFile(String location, long bytes, String etag) {}

    public Partition {
        files = List.copyOf(files);
    }

    /** Whether this partition may hold flows that start in {@code range}. */
    public boolean overlaps(TimeRange range) {
        return start == null ? range.unbounded() : range.overlaps(start, start.plus(length));
    }

    public long bytes() {
        return files.stream().mapToLong(DataFile::bytes).sum();
    }

    /** The day of a {@code dt=} directory name, or {@code null} for {@code dt=unknown}. */
    static LocalDate day(String directory, String where) {
        String value = value(directory, "dt", where);
        if (value.equals(UNKNOWN)) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new DatasetException("'" + directory + "' in " + where + " is not a dt=YYYY-MM-DD partition: is it"
                    + " the enriched-flow Parquet dataset (dt=YYYY-MM-DD/hour=HH)?", false);
        }
    }

    /** The hour of an {@code hour=} directory name, or -1 for {@code hour=unknown}. */
    static int hour(String directory, String where) {
        String value = value(directory, "hour", where);
        if (value.equals(UNKNOWN)) {
            return -1;
        }
        int hour = value.length() == 2 && Character.isDigit(value.charAt(0)) && Character.isDigit(value.charAt(1))
                ? Integer.parseInt(value) : 99;
        if (hour > 23) {
            throw new DatasetException("'" + directory + "' in " + where + " is not an hour=HH partition (00 to 23):"
                    + " is it the enriched-flow Parquet dataset (dt=YYYY-MM-DD/hour=HH)?", false);
        }
        return hour;
    }

    static Instant dayStart(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** A Parquet file of the dataset: not hidden nor in progress ({@code .}, {@code _}), ends with .parquet. */
    static boolean isDataFile(String fileName) {
        return fileName.endsWith(".parquet") && !fileName.startsWith(".") && !fileName.startsWith("_");
    }

    private static String value(String directory, String key, String where) {
        if (!directory.startsWith(key + "=")) {
            throw new DatasetException("'" + directory + "' in " + where + " is not a " + key + "= partition: is it"
                    + " the enriched-flow Parquet dataset (dt=YYYY-MM-DD/hour=HH)?", false);
        }
        return directory.substring(key.length() + 1);
    }
}
