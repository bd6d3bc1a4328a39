package dev.flowlens.investigate;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One investigation from a dataset location: the partitions pruned by the time range, S3 objects fetched into the
 * cache, the question answered by DuckDB.
 */
public final class Investigations {
    /** Hears how far a long investigation got. */
    public interface Listener {
        /** The kept partitions' S3 objects are being downloaded: {@code done} of {@code total} bytes. */
        default void downloading(long done, long total) {}

        /** The query is running: {@code share} done, from 0 to 1. */
        default void querying(double share) {}

        Listener NONE = new Listener() {};
    }

    private Investigations() {}

    /**
     * Answers {@code subject} over {@code range} of the dataset at {@code dataset}: a local folder, or
     * {@code s3://bucket/prefix} reached with {@code s3} through {@code cache}.
     */
    public static Investigation run(String dataset, S3Settings s3, S3Cache cache, Subject subject, TimeRange range,
            Listener listener) {
        return run(dataset, s3, cache, subject, range, false, listener);
    }

    /** As {@link #run(String, S3Settings, S3Cache, Subject, TimeRange, Listener)}; {@code explain} counts row groups. */
    public static Investigation run(String dataset, S3Settings s3, S3Cache cache, Subject subject, TimeRange range,
            boolean explain, Listener listener) {
        if (S3Location.isS3(dataset)) {
            S3Location location = S3Location.parse(dataset);
            try (S3Client client = s3.client()) {
                Pruning pruning = new S3Dataset(client, location).prune(range);
                long total = pruning.bytes();
                S3Cache.Fetched fetched = cache.fetch(client, location.bucket(), pruning.files(),
                        done -> listener.downloading(done, total));
                return investigate(subject, range, pruning, fetched.files(), explain, listener);
            }
        }
        Pruning pruning = new LocalDataset(Path.of(dataset)).prune(range);
        List<Path> files = pruning.files().stream().map(file -> Path.of(file.location())).toList();
        return investigate(subject, range, pruning, files, explain, listener);
    }

    private static Investigation investigate(Subject subject, TimeRange range, Pruning pruning, List<Path> files,
            boolean explain, Listener listener) {
        try (Investigator investigator = new Investigator()) {
            return investigator.investigate(subject, range, pruning, files, explain, listener::querying);
        }
    }

    /** What was pruned and the SQL, for {@code --explain}. */
    public static void explain(Investigation investigation, PrintWriter out) {
        Pruning pruning = investigation.pruning();
        out.printf("dataset %s, %s, flows starting %s to %s%n", pruning.dataset(), investigation.subject(),
                investigation.range().from() == null ? "any time" : investigation.range().from(),
                investigation.range().until() == null ? "any time" : investigation.range().until());
        out.printf("partitions: %,d kept, %,d skipped by their dt=/hour= names%n", pruning.kept().size(),
                pruning.skipped().size());
        for (Partition partition : pruning.kept()) {
            out.printf("  kept    %s: %,d files, %,d bytes%n", partition.name(), partition.files().size(),
                    partition.bytes());
        }
        for (Partition partition : pruning.skipped()) {
            out.printf("  skipped %s%n", partition.name());
        }
        out.printf("files read: %,d, %,d bytes%n", pruning.files().size(), pruning.bytes());
        if (investigation.rowGroups() != null) {
            out.printf("row groups: %,d in the files read, %,d ruled out by the statistics of start%n",
                    investigation.rowGroups().total(), investigation.rowGroups().outsideRange());
        }
        out.println("sql:");
        out.println(investigation.sql());
        out.flush();
    }
}
