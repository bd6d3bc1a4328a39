package dev.flowlens.investigate;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@code flowlens summarize}: writes the {@link HourSummary} of each hour partition the time range touches, local or
 * in S3. An hour whose summary covers exactly its current files is skipped, so running it every hour costs only the
 * hours that changed; a summary is written under a hidden name and moved into place (in S3, one PUT), and only a
 * file that is a summary is ever replaced.
 */
public final class Summarizer {
    /** What became of one hour (or day): its summary written, already current, or not summarized and why. */
    public enum Outcome { WRITTEN, CURRENT, NOT_SUMMARIZED }

    /**
     * One hour partition summarized or not; or a day ({@code partition} {@code dt=YYYY-MM-DD}, listed after its
     * hours), whose summary adds up its summarized hours' summaries.
     *
     * @param rows the summary's rows (written or current); 0 otherwise
     * @param flows the flows summarized (written); 0 otherwise
     * @param why for {@link Outcome#NOT_SUMMARIZED}, why
     */
    public record Hour(String partition, Outcome outcome, int files, long rows, long flows, String why) {}

    private Summarizer() {}

    /**
     * Summarizes the hours of {@code dataset} (a local folder, or {@code s3://bucket/prefix} reached with {@code s3}
     * through {@code cache}) that {@code range} touches; {@code progress} hears hours done of total.
     */
    public static List<Hour> run(String dataset, S3Settings s3, S3Cache cache, TimeRange range,
            BiConsumer<Integer, Integer> progress) {
        List<Hour> hours = new ArrayList<>();
        try (Investigator investigator = new Investigator()) {
            Connection connection = investigator.connection();
            if (S3Location.isS3(dataset)) {
                S3Location location = S3Location.parse(dataset);
                try (S3Client client = s3.client()) {
                    S3Dataset remote = new S3Dataset(client, location);
                    Pruning pruning = remote.prune(wholeDays(range));
                    Map<String, Partition.DataFile> existing = remote.summaries();
                    List<Partition> inRange = pruning.kept().stream().filter(p -> p.overlaps(range)).toList();
                    List<String> alsoCurrent = new ArrayList<>();
                    for (Partition partition : pruning.kept()) {
                        if (!partition.overlaps(range)) {
                            Partition.DataFile summary = existing.get(partition.name());
                            if (summary != null && current(connection, cache.fetch(client, location.bucket(),
                                    List.of(summary), done -> { }).files().get(0), partition)) {
                                alsoCurrent.add(partition.name());
                            }
                            continue;
                        }
                        hours.add(summarizeS3(connection, client, location, remote, cache, partition,
                                existing.get(partition.name())));
                        progress.accept(hours.size(), inRange.size());
                    }
                    Map<String, Partition.DataFile> written = remote.summaries();
                    for (Map.Entry<String, List<String>> day : days(hours, alsoCurrent).entrySet()) {
                        List<Partition.DataFile> objects = new ArrayList<>(day.getValue().stream()
                                .map(written::get).toList());
                        Partition.DataFile daySummary = written.get(day.getKey());
                        if (daySummary != null) {
                            objects.add(daySummary);
                        }
                        // one fetch, so that none of them evicts another
                        List<Path> copies = cache.fetch(client, location.bucket(), objects, done -> { }).files();
                        Path existingCopy = daySummary == null ? null : copies.get(copies.size() - 1);
                        copies = copies.subList(0, day.getValue().size());
                        String key = remote.summaryKey(day.getKey());
                        hours.add(summarizeDay(connection, day.getKey(), day.getValue(), copies, existingCopy,
                                "s3://" + location.bucket() + "/" + key, temporary -> {
                                    try {
                                        client.putObject(b -> b.bucket(location.bucket()).key(key),
                                                RequestBody.fromFile(temporary));
                                    } catch (S3Exception e) {
                                        throw new DatasetException("cannot write 's3://" + location.bucket() + "/"
                                                + key + "': " + e.awsErrorDetails().errorMessage() + " (HTTP "
                                                + e.statusCode() + "); check that the credentials may put objects"
                                                + " under the dataset's prefix", true, e);
                                    } catch (SdkClientException e) {
                                        throw new DatasetException("cannot reach S3 to write 's3://"
                                                + location.bucket() + "/" + key + "': " + e.getMessage(), true, e);
                                    }
                                }, null));
                    }
                }
                return hours;
            }
            LocalDataset local = new LocalDataset(Path.of(dataset));
            Pruning pruning = local.prune(wholeDays(range));
            List<Partition> inRange = pruning.kept().stream().filter(p -> p.overlaps(range)).toList();
            List<String> alsoCurrent = new ArrayList<>();
            for (Partition partition : pruning.kept()) {
                if (!partition.overlaps(range)) {
                    Path summary = local.summary(partition.name());
                    if (Files.exists(summary) && current(connection, summary, partition)) {
                        alsoCurrent.add(partition.name());
                    }
                    continue;
                }
                hours.add(summarizeLocal(connection, local, partition));
                progress.accept(hours.size(), inRange.size());
            }
            for (Map.Entry<String, List<String>> day : days(hours, alsoCurrent).entrySet()) {
                Path target = local.summary(day.getKey());
                hours.add(summarizeDay(connection, day.getKey(), day.getValue(), day.getValue().stream()
                        .map(local::summary).toList(), Files.exists(target) ? target : null, target.toString(),
                        temporary -> {
                            try {
                                move(temporary, target);
                            } catch (IOException e) {
                                throw new DatasetException("cannot write the summary '" + target + "' ("
                                        + e.getMessage() + "): check that the dataset's folder is writable", true, e);
                            }
                        }, target.getParent()));
            }
            return hours;
        }
    }

    /**
     * The days the range touches, whole: a day's summary covers every hour of the day whose summary is current, not
     * only the hours of this run (an hourly run over the last hours would otherwise shrink it to them).
     */
    private static TimeRange wholeDays(TimeRange range) {
        java.time.Instant from = range.from() == null ? null
                : range.from().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        java.time.Instant until = range.until();
        if (until != null && !until.equals(until.truncatedTo(java.time.temporal.ChronoUnit.DAYS))) {
            until = until.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(java.time.Duration.ofDays(1));
        }
        return new TimeRange(from, until);
    }

    /** Whether the summary at {@code copy} is one of ours covering exactly {@code partition}'s files. */
    private static boolean current(Connection connection, Path copy, Partition partition) {
        try {
            return new HashSet<>(HourSummary.read(connection, copy.toString()).covers())
                    .equals(new HashSet<>(covers(partition)));
        } catch (HourSummary.NotASummaryException e) {
            return false; // not this run's to judge: its hour is outside the range
        }
    }

    /**
     * The hours with a current summary (written or current in this run, or {@code alsoCurrent}: outside the range,
     * found current) by day, in order of their names.
     */
    private static Map<String, List<String>> days(List<Hour> hours, List<String> alsoCurrent) {
        java.util.TreeMap<String, List<String>> days = new java.util.TreeMap<>();
        List<String> names = new ArrayList<>(alsoCurrent);
        hours.stream().filter(hour -> hour.outcome() != Outcome.NOT_SUMMARIZED).map(Hour::partition)
                .forEach(names::add);
        names.sort(null);
        for (String name : names) {
            if (name.contains("/")) {
                days.computeIfAbsent(name.substring(0, name.indexOf('/')), day -> new ArrayList<>()).add(name);
            }
        }
        return days;
    }

    /**
     * The summary of the day {@code day} from its hours' summaries ({@code hours}, local copies {@code copies}):
     * current when {@code existing} (a local copy, or {@code null}) covers exactly their files, else written to a
     * hidden temporary file (in {@code folder}, or a temporary folder) and handed to {@code commit}.
     */
    private static Hour summarizeDay(Connection connection, String day, List<String> hours, List<Path> copies,
            Path existing, String where, java.util.function.Consumer<Path> commit, Path folder) {
        List<HourSummary.Covered> covers = new ArrayList<>();
        Long minStart = null;
        Long maxStart = null;
        for (int i = 0; i < hours.size(); i++) {
            HourSummary hour = ours(connection, copies.get(i).toString(), copies.get(i).toString());
            String prefix = hours.get(i).substring(day.length() + 1) + "/";
            hour.covers().forEach(covered -> covers.add(new HourSummary.Covered(prefix + covered.name(),
                    covered.bytes(), covered.etag())));
            if (hour.minStart() != null) {
                minStart = minStart == null ? hour.minStart() : Math.min(minStart, hour.minStart());
                maxStart = maxStart == null ? hour.maxStart() : Math.max(maxStart, hour.maxStart());
            }
        }
        int files = covers.size();
        if (existing != null) {
            HourSummary current = ours(connection, existing.toString(), where);
            if (new HashSet<>(current.covers()).equals(new HashSet<>(covers))) {
                return new Hour(day, Outcome.CURRENT, files, current.rows(), 0, null);
            }
        }
        Path temporaryFolder = null;
        Path temporary = null;
        try {
            if (folder == null) {
                temporaryFolder = Files.createTempDirectory("flowlens-summary-");
                temporary = temporaryFolder.resolve(HourSummary.FILE);
            } else {
                Files.createDirectories(folder);
                temporary = folder.resolve("." + HourSummary.FILE + "." + UUID.randomUUID() + ".tmp");
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(HourSummary.copyDaySql(copies.stream().map(Path::toString).toList(),
                        temporary.toString(), covers, minStart, maxStart));
                long rows;
                long flows;
                try (ResultSet result = statement.executeQuery("SELECT count(*), coalesce(sum(flows), 0) FROM"
                        + " read_parquet(" + Investigator.literal(temporary.toString()) + ")")) {
                    result.next();
                    rows = result.getLong(1);
                    flows = result.getLong(2);
                }
                commit.accept(temporary);
                return new Hour(day, Outcome.WRITTEN, files, rows, flows, null);
            }
        } catch (SQLException e) {
            throw new DatasetException("cannot write the summary of " + day + " from its hours' summaries: "
                    + e.getMessage().lines().findFirst().orElse("") + " (run summarize again)", true, e);
        } catch (IOException e) {
            throw new DatasetException("cannot write the summary of " + day + " (" + e.getMessage()
                    + "): check that the folder is writable", true, e);
        } finally {
            if (temporary != null) {
                deleteQuietly(temporary);
            }
            if (temporaryFolder != null) {
                deleteQuietly(temporaryFolder);
            }
        }
    }

    private static void move(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Hour summarizeLocal(Connection connection, LocalDataset local, Partition partition) {
        String why = unsummarizable(partition);
        if (why != null) {
            return new Hour(partition.name(), Outcome.NOT_SUMMARIZED, partition.files().size(), 0, 0, why);
        }
        Path target = local.summary(partition.name());
        List<HourSummary.Covered> covers = covers(partition);
        if (Files.exists(target)) {
            HourSummary current = ours(connection, target.toString(), target.toString());
            if (new HashSet<>(current.covers()).equals(new HashSet<>(covers))) {
                return new Hour(partition.name(), Outcome.CURRENT, partition.files().size(), current.rows(), 0, null);
            }
        }
        Path temporary = target.resolveSibling("." + HourSummary.FILE + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            long[] written = write(connection, partition.files().stream().map(Partition.DataFile::location).toList(),
                    temporary, covers);
            move(temporary, target);
            return new Hour(partition.name(), Outcome.WRITTEN, partition.files().size(), written[0], written[1],
                    null);
        } catch (IOException e) {
            throw new DatasetException("cannot write the summary '" + target + "' (" + e.getMessage()
                    + "): check that the dataset's folder is writable", true, e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static Hour summarizeS3(Connection connection, S3Client client, S3Location location, S3Dataset remote,
            S3Cache cache, Partition partition, Partition.DataFile existing) {
        String why = unsummarizable(partition);
        if (why != null) {
            return new Hour(partition.name(), Outcome.NOT_SUMMARIZED, partition.files().size(), 0, 0, why);
        }
        String key = remote.summaryKey(partition.name());
        List<HourSummary.Covered> covers = covers(partition);
        if (existing != null) {
            Path copy = cache.fetch(client, location.bucket(), List.of(existing), done -> { }).files().get(0);
            HourSummary current = ours(connection, copy.toString(), "s3://" + location.bucket() + "/" + key);
            if (new HashSet<>(current.covers()).equals(new HashSet<>(covers))) {
                return new Hour(partition.name(), Outcome.CURRENT, partition.files().size(), current.rows(), 0, null);
            }
        }
        List<Path> files = cache.fetch(client, location.bucket(), partition.files(), done -> { }).files();
        Path folder = null;
        try {
            folder = Files.createTempDirectory("flowlens-summary-");
            Path temporary = folder.resolve(HourSummary.FILE);
            long[] written = write(connection, files.stream().map(Path::toString).toList(), temporary, covers);
            client.putObject(b -> b.bucket(location.bucket()).key(key), RequestBody.fromFile(temporary));
            return new Hour(partition.name(), Outcome.WRITTEN, partition.files().size(), written[0], written[1],
                    null);
        } catch (IOException e) {
            throw new DatasetException("cannot write a summary in the temporary folder (" + e.getMessage()
                    + "): free space there or set java.io.tmpdir", true, e);
        } catch (S3Exception e) {
            throw new DatasetException("cannot write 's3://" + location.bucket() + "/" + key + "': "
                    + e.awsErrorDetails().errorMessage() + " (HTTP " + e.statusCode() + "); check that the"
                    + " credentials may put objects under the dataset's prefix", true, e);
        } catch (SdkClientException e) {
            throw new DatasetException("cannot reach S3 to write 's3://" + location.bucket() + "/" + key + "': "
                    + e.getMessage(), true, e);
        } finally {
            if (folder != null) {
                deleteQuietly(folder.resolve(HourSummary.FILE));
                deleteQuietly(folder);
            }
        }
    }

    /** Why a partition gets no summary, or {@code null}. */
    private static String unsummarizable(Partition partition) {
        if (partition.start() == null) {
            return "flows without a time are not summarized";
        }
        if (partition.files().isEmpty()) {
            return "no data files";
        }
        for (Partition.DataFile file : partition.files()) {
            String name = SummaryPlan.name(file.location());
            if (name.contains("\t") || name.contains("\n")) {
                return "a file name holds a tab or a line break";
            }
        }
        return null;
    }

    private static List<HourSummary.Covered> covers(Partition partition) {
        return partition.files().stream().map(file -> new HourSummary.Covered(SummaryPlan.name(file.location()),
                file.bytes(), file.etag() == null ? "" : file.etag())).toList();
    }

    /** The summary at {@code file} (shown as {@code where}); refuses to go on over a file that is not one. */
    private static HourSummary ours(Connection connection, String file, String where) {
        try {
            return HourSummary.read(connection, file);
        } catch (HourSummary.NotASummaryException e) {
            throw new DatasetException("'" + where + "' is where an hour's summary goes but is not one flowlens"
                    + " wrote (" + e.getMessage() + "): move it away, summarize replaces only its own summaries",
                    false);
        }
    }

    /** Writes the summary of {@code files} to {@code target}; its rows and the flows it holds. */
    private static long[] write(Connection connection, List<String> files, Path target,
            List<HourSummary.Covered> covers) {
        String list = files.stream().map(Investigator::literal).collect(java.util.stream.Collectors.joining(", ",
                "[", "]"));
        try (Statement statement = connection.createStatement()) {
            Long minStart = null;
            Long maxStart = null;
            try (ResultSet result = statement.executeQuery("SELECT min(start), max(start) FROM read_parquet(" + list
                    + ", union_by_name = true, hive_partitioning = false) WHERE coalesce(log_status, 'OK') = 'OK'")) {
                result.next();
                minStart = result.getObject(1) == null ? null : result.getLong(1);
                maxStart = result.getObject(2) == null ? null : result.getLong(2);
            }
            statement.execute(HourSummary.copySql(files, target.toString(), covers, minStart, maxStart));
            try (ResultSet result = statement.executeQuery("SELECT count(*), coalesce(sum(flows), 0) FROM"
                    + " read_parquet(" + Investigator.literal(target.toString()) + ")")) {
                result.next();
                return new long[] {result.getLong(1), result.getLong(2)};
            }
        } catch (SQLException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
            throw new DatasetException("cannot summarize " + files.size() + " files ending " + files.get(
                    files.size() - 1) + ": " + message.lines().findFirst().orElse(message)
                    + " (a file that is not the enriched-flow Parquet dataset, or damaged: remove or rewrite it)",
                    true, e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a hidden temporary file of ours left behind: the next run writes another name
        }
    }
}
