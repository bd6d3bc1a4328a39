package dev.flowlens.investigate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The dataset in S3. Lists by delimiter, level by level, so a day outside the range costs no listing of its hours
 * and an hour outside it none of its objects.
 */
public final class S3Dataset {
    private final S3Client s3;
    private final S3Location location;

    public S3Dataset(S3Client s3, S3Location location) {
        this.s3 = s3;
        this.location = location;
    }

    public S3Location location() {
        return location;
    }

    public Pruning prune(TimeRange range) {
        List<Partition> kept = new ArrayList<>();
        List<Partition> skipped = new ArrayList<>();
        List<String> days = prefixes(location.prefix(), "dt=");
        if (days.isEmpty()) {
            throw new DatasetException("'" + location + "' holds no dt=YYYY-MM-DD partitions: give the prefix the"
                    + " enriched-flow Parquet dataset was written under", false);
        }
        for (String day : days) {
            LocalDate date = Partition.day(day, location.toString());
            Instant dayStart = date == null ? null : Partition.dayStart(date);
            Partition whole = new Partition(day, dayStart, Duration.ofDays(1), List.of());
            if (!whole.overlaps(range)) {
                skipped.add(whole);
                continue;
            }
            for (String hourName : prefixes(location.prefix() + day + "/", "hour=")) {
                int hour = Partition.hour(hourName, location + day);
                String name = day + "/" + hourName;
                Instant start = date == null || hour < 0 ? null : dayStart.plus(Duration.ofHours(hour));
                Partition bare = new Partition(name, start, Duration.ofHours(1), List.of());
                if (bare.overlaps(range)) {
                    kept.add(new Partition(name, start, Duration.ofHours(1), objects(location.prefix() + name + "/")));
                } else {
                    skipped.add(bare);
                }
            }
        }
        return new Pruning(location.toString(), kept, skipped);
    }

    /** The key of the summary of the partition {@code name} ({@code dt=…/hour=…}). */
    public String summaryKey(String name) {
        return location.prefix() + HourSummary.FOLDER + "/" + name + "/" + HourSummary.FILE;
    }

    /**
     * The summaries under the dataset's {@code _summaries/} prefix, by their partition's name: one flat listing (a
     * thousand keys a request) rather than one per hour.
     */
    public Map<String, Partition.DataFile> summaries() {
        String prefix = location.prefix() + HourSummary.FOLDER + "/";
        Map<String, Partition.DataFile> summaries = new LinkedHashMap<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(prefix))
                    .contents()) {
                String relative = object.key().substring(prefix.length());
                if (relative.endsWith("/" + HourSummary.FILE)) {
                    summaries.put(relative.substring(0, relative.length() - HourSummary.FILE.length() - 1),
                            new Partition.DataFile(object.key(), object.size(), object.eTag()));
                }
            }
        } catch (S3Exception | SdkClientException e) {
            throw listingFailed(prefix, e);
        }
        return summaries;
    }

    /** The names of the "directories" under {@code prefix} that start with {@code start}, sorted. */
    private List<String> prefixes(String prefix, String start) {
        List<String> names = new ArrayList<>();
        try {
            for (CommonPrefix common : s3.listObjectsV2Paginator(b -> b.bucket(location.bucket())
                    .prefix(prefix + start).delimiter("/")).commonPrefixes()) {
                String name = common.prefix().substring(prefix.length());
                names.add(name.substring(0, name.length() - 1));
            }
        } catch (NoSuchBucketException e) {
            throw new DatasetException("the bucket of '" + location + "' does not exist: check the name, the region"
                    + " (--aws-region) and the endpoint (--s3-endpoint)", false, e);
        } catch (S3Exception e) {
            throw new DatasetException("cannot list '" + location + "': " + e.awsErrorDetails().errorMessage()
                    + " (HTTP " + e.statusCode() + "); check the credentials and the bucket policy", false, e);
        } catch (SdkClientException e) {
            throw new DatasetException("cannot reach S3 to list '" + location + "': " + e.getMessage()
                    + "; check --s3-endpoint and the network", true, e);
        }
        names.sort(null);
        return names;
    }

    private List<Partition.DataFile> objects(String prefix) {
        List<Partition.DataFile> files = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(prefix)
                    .delimiter("/")).contents()) {
                if (Partition.isDataFile(object.key().substring(prefix.length()))) {
                    files.add(new Partition.DataFile(object.key(), object.size(), object.eTag()));
                }
            }
        } catch (S3Exception | SdkClientException e) {
            throw listingFailed(prefix, e);
        }
        return files;
    }

    /** A listing under one partition's or the summaries' prefix that failed: worth a retry, either way. */
    private DatasetException listingFailed(String prefix, SdkException e) {
        String where = "'s3://" + location.bucket() + "/" + prefix + "'";
        if (e instanceof S3Exception s3Error) {
            return new DatasetException("cannot list " + where + ": " + s3Error.awsErrorDetails().errorMessage()
                    + " (HTTP " + s3Error.statusCode() + ")", true, e);
        }
        return new DatasetException("cannot reach S3 to list " + where + ": " + e.getMessage(), true, e);
    }
}
