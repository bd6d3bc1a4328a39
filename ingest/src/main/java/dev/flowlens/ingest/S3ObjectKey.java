package dev.flowlens.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an S3 flow-log object sits in AWS's delivery layout: the account, region and day (and hour, for hourly
 * partitions) it holds. Both layouts AWS writes are understood:
 * <ul>
 *   <li>{@code [prefix/]AWSLogs/{account}/vpcflowlogs/{region}/yyyy/MM/dd[/HH]/file.log.gz}</li>
 *   <li>Hive-compatible: {@code [prefix/]AWSLogs/aws-account-id={account}/aws-service=vpcflowlogs/aws-region={region}
 *       /year=yyyy/month=MM/day=dd[/hour=HH]/file}</li>
 * </ul>
 *
 * @param hour the hour for hourly partitions, else {@code -1}
 */
public record S3ObjectKey(String prefix, String accountId, String region, LocalDate day, int hour) {
    private static final Pattern PLAIN = Pattern.compile(
            "^(.*?)AWSLogs/(\\d{12})/vpcflowlogs/([a-z0-9-]+)/(\\d{4})/(\\d{2})/(\\d{2})/(?:(\\d{2})/)?[^/]+$");
    private static final Pattern HIVE = Pattern.compile(
            "^(.*?)AWSLogs/aws-account-id=(\\d{12})/aws-service=vpcflowlogs/aws-region=([a-z0-9-]+)"
                    + "/year=(\\d{4})/month=(\\d{2})/day=(\\d{2})/(?:hour=(\\d{2})/)?[^/]+$");

    private static final Pattern STAMP = Pattern.compile("_(\\d{8}T\\d{4})Z_");
    private static final DateTimeFormatter STAMP_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm");

    /** The layout of {@code key}, or empty when it is not a flow-log delivery key. */
    public static Optional<S3ObjectKey> parse(String key) {
        for (Pattern pattern : new Pattern[] {PLAIN, HIVE}) {
            Matcher m = pattern.matcher(key);
            if (m.matches()) {
                try {
                    LocalDate day = LocalDate.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                            Integer.parseInt(m.group(6)));
                    int hour = m.group(7) == null ? -1 : Integer.parseInt(m.group(7));
                    if (hour > 23) {
                        return Optional.empty();
                    }
                    return Optional.of(new S3ObjectKey(m.group(1), m.group(2), m.group(3), day, hour));
                } catch (java.time.DateTimeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The key prefix that holds every object of one day in the plain layout, for listing only the days needed. */
    public static String dayPrefix(String prefix, String accountId, String region, LocalDate day) {
        return String.format("%sAWSLogs/%s/vpcflowlogs/%s/%04d/%02d/%02d/", prefix, accountId, region,
                day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    }

    /** As {@link #dayPrefix}, in the Hive-compatible layout. */
    public static String hiveDayPrefix(String prefix, String accountId, String region, LocalDate day) {
        return String.format("%sAWSLogs/aws-account-id=%s/aws-service=vpcflowlogs/aws-region=%s/year=%04d/month=%02d"
                + "/day=%02d/", prefix, accountId, region, day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    }

    /**
     * When a flow-log object was delivered: the {@code _yyyyMMddTHHmmZ_} stamp AWS puts in the file name, else the
     * start of its hour or day partition; empty when {@code key} is not a flow-log delivery key.
     */
    public static Optional<Instant> deliveredAt(String key) {
        return parse(key).map(layout -> {
            Matcher stamp = STAMP.matcher(key.substring(key.lastIndexOf('/') + 1));
            if (stamp.find()) {
                try {
                    return LocalDateTime.parse(stamp.group(1), STAMP_FORMAT).toInstant(ZoneOffset.UTC);
                } catch (java.time.format.DateTimeParseException e) {
                    // not a real time: fall back to the partition
                }
            }
            return layout.day().atTime(Math.max(layout.hour(), 0), 0).toInstant(ZoneOffset.UTC);
        });
    }
}
