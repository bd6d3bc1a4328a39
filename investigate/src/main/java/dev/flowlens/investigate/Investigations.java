package dev.flowlens.investigate;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        return run(dataset, s3, cache, subject, range, explain, true, listener);
    }

    /**
     * As {@link #run(String, S3Settings, S3Cache, Subject, TimeRange, boolean, Listener)}; with
     * {@code useSummaries}, each kept hour wholly in the range is answered from its summary where that is current
     * ({@link SummaryPlan}), else every file is read raw.
     */
    public static Investigation run(String dataset, S3Settings s3, S3Cache cache, Subject subject, TimeRange range,
            boolean explain, boolean useSummaries, Listener listener) {
        try (Investigator investigator = new Investigator()) {
            if (S3Location.isS3(dataset)) {
                S3Location location = S3Location.parse(dataset);
                try (S3Client client = s3.client()) {
                    S3Dataset remote = new S3Dataset(client, location);
                    Pruning pruning = remote.prune(range);
                    Map<String, Partition.DataFile> summaryObjects = new LinkedHashMap<>();
                    if (useSummaries) {
                        Map<String, Partition.DataFile> all = remote.summaries();
                        for (Partition partition : pruning.kept()) {
                            if (SummaryPlan.ineligible(subject, range, partition) == null) {
                                for (String name : List.of(day(partition), partition.name())) {
                                    if (all.containsKey(name)) {
                                        summaryObjects.put(name, all.get(name));
                                    }
                                }
                            }
                        }
                    }
                    SummaryPlan plan = SummaryPlan.raw(pruning, "summaries not used (--no-summaries)");
                    if (useSummaries) {
                        List<Partition.DataFile> wanted = List.copyOf(summaryObjects.values());
                        List<Path> copies = cache.fetch(client, location.bucket(), wanted, done -> { }).files();
                        Map<String, String> keys = new LinkedHashMap<>();
                        Map<String, String> local = new LinkedHashMap<>();
                        int i = 0;
                        for (Map.Entry<String, Partition.DataFile> entry : summaryObjects.entrySet()) {
                            keys.put(entry.getKey(), entry.getValue().location());
                            local.put(entry.getKey(), copies.get(i++).toString());
                        }
                        plan = SummaryPlan.plan(investigator.connection(), subject, range, pruning, keys, local);
                    }
                    // one fetch for the summaries used and the raw files, so neither evicts the other
                    Map<String, Partition.DataFile> byKey = new LinkedHashMap<>();
                    summaryObjects.values().forEach(file -> byKey.put(file.location(), file));
                    List<Partition.DataFile> needed = new ArrayList<>();
                    plan.summaries().forEach(key -> needed.add(byKey.get(key)));
                    needed.addAll(plan.rawFiles());
                    long total = needed.stream().mapToLong(Partition.DataFile::bytes).sum();
                    List<Path> fetched = cache.fetch(client, location.bucket(), needed,
                            done -> listener.downloading(done, total)).files();
                    int summaries = plan.summaries().size();
                    return investigator.investigate(subject, range, pruning, fetched.subList(summaries,
                            fetched.size()), fetched.subList(0, summaries), plan.hours(),
                            explain, listener::querying);
                }
            }
            LocalDataset local = new LocalDataset(Path.of(dataset));
            Pruning pruning = local.prune(range);
            SummaryPlan plan = SummaryPlan.raw(pruning, "summaries not used (--no-summaries)");
            if (useSummaries) {
                Map<String, String> summaries = new LinkedHashMap<>();
                for (Partition partition : pruning.kept()) {
                    if (SummaryPlan.ineligible(subject, range, partition) == null) {
                        for (String name : List.of(day(partition), partition.name())) {
                            Path summary = local.summary(name);
                            if (!summaries.containsKey(name) && Files.exists(summary)) {
                                summaries.put(name, summary.toString());
                            }
                        }
                    }
                }
                plan = SummaryPlan.plan(investigator.connection(), subject, range, pruning, summaries, summaries);
            }
            List<Path> files = plan.rawFiles().stream().map(file -> Path.of(file.location())).toList();
            List<Path> summaries = plan.summaries().stream().map(Path::of).toList();
            return investigator.investigate(subject, range, pruning, files, summaries,
                    plan.hours(), explain, listener::querying);
        }
    }

    /** The {@code dt=} day of an hour partition, whose summary may answer for the day's hours. */
    private static String day(Partition partition) {
        int slash = partition.name().indexOf('/');
        return slash < 0 ? partition.name() : partition.name().substring(0, slash);
    }

    /** What was pruned and the SQL, for {@code --explain}. */
    public static void explain(Investigation investigation, PrintWriter out) {
        Pruning pruning = investigation.pruning();
        out.printf("dataset %s, %s, flows starting %s to %s%n", pruning.dataset(), investigation.subject(),
                investigation.range().from() == null ? "any time" : investigation.range().from(),
                investigation.range().until() == null ? "any time" : investigation.range().until());
        out.printf("partitions: %,d kept, %,d skipped by their dt=/hour= names%n", pruning.kept().size(),
                pruning.skipped().size());
        Map<String, Investigation.Hour> hours = new LinkedHashMap<>();
        investigation.hours().forEach(hour -> hours.put(hour.partition(), hour));
        for (Partition partition : pruning.kept()) {
            Investigation.Hour hour = hours.get(partition.name());
            String source = hour == null ? ""
                    : hour.summarized() ? String.format(" (from %s%s)", hour.summary().contains("/hour=")
                            ? String.format("its summary, %,d rows", hour.summaryRows()) : "its day's summary",
                            hour.rawFiles() == 0 ? "" : String.format("; %,d files added since read raw",
                                    hour.rawFiles()))
                    : " (raw: " + hour.why() + ")";
            out.printf("  kept    %s: %,d files, %,d bytes%s%n", partition.name(), partition.files().size(),
                    partition.bytes(), source);
        }
        for (Partition partition : pruning.skipped()) {
            out.printf("  skipped %s%n", partition.name());
        }
        if (!investigation.hours().isEmpty()) {
            long summarized = investigation.summarizedHours();
            long late = investigation.hours().stream().filter(Investigation.Hour::summarized)
                    .mapToLong(Investigation.Hour::rawFiles).sum();
            long files = investigation.hours().stream().map(Investigation.Hour::summary)
                    .filter(java.util.Objects::nonNull).distinct().count();
            long daySummaries = investigation.hours().stream().map(Investigation.Hour::summary)
                    .filter(java.util.Objects::nonNull).filter(summary -> !summary.contains("/hour=")).distinct()
                    .count();
            out.printf("hour summaries: %,d hours from their summaries (%,d files, %,d of them a whole day's; %,d"
                    + " summary rows; %,d files added since read raw), %,d hours read raw%n", summarized, files,
                    daySummaries, investigation.hours().stream().mapToLong(Investigation.Hour::summaryRows).sum(),
                    late, investigation.hours().size() - summarized);
            Map<String, Long> reasons = new java.util.TreeMap<>();
            for (Investigation.Hour hour : investigation.hours()) {
                if (!hour.summarized()) {
                    reasons.merge(hour.why(), 1L, Long::sum);
                }
            }
            reasons.forEach((why, count) -> out.printf("  raw: %,d hours: %s%n", count, why));
            if (investigation.subject().kind() == Subject.Kind.PORT) {
                out.println("  (ports are not in the summaries: an hour's flows shrink about 1.6x with them, about 5x"
                        + " without; port questions read the flows)");
            }
        }
        if (investigation.summarizedHours() == 0) {
            out.printf("files read: %,d, %,d bytes%n", pruning.files().size(), pruning.bytes());
        } else {
            out.printf("files read: %,d of the kept %,d (%,d bytes), the others' flows in the summaries read%n",
                    investigation.hours().stream().mapToLong(Investigation.Hour::rawFiles).sum(),
                    pruning.files().size(), pruning.bytes());
        }
        if (investigation.rowGroups() != null) {
            out.printf("row groups: %,d in the files read, %,d ruled out by the statistics of start%n",
                    investigation.rowGroups().total(), investigation.rowGroups().outsideRange());
        }
        out.println("sql:");
        out.println(investigation.sql());
        out.flush();
    }
}
