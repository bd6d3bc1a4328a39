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
    /** What became of one hour: its summary written, already current, or not summarized and why. */
    public enum Outcome { WRITTEN, CURRENT, NOT_SUMMARIZED }

    /**
     * One hour partition summarized or not.
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
                    Pruning pruning = remote.prune(range);
                    Map<String, Partition.DataFile> existing = remote.summaries();
                    for (Partition partition : pruning.kept()) {
                        hours.add(summarizeS3(connection, client, location, remote, cache, partition,
                                existing.get(partition.name())));
                        progress.accept(hours.size(), pruning.kept().size());
                    }
                }
                return hours;
            }
            LocalDataset local = new LocalDataset(Path.of(dataset));
            Pruning pruning = local.prune(range);
            for (Partition partition : pruning.kept()) {
                hours.add(summarizeLocal(connection, local, partition));
                progress.accept(hours.size(), pruning.kept().size());
            }
            return hours;
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
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
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
