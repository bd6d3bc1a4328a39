package dev.flowlens.investigate;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which kept partitions an investigation answers from their hour summaries. A summary stands in for the files it
 * covers only when the hour lies wholly in the time range, the question is one the summaries can answer (not a port),
 * and every file it covers is still there with the size (and, in S3, the ETag) it had; files added since are read
 * raw beside it. Anything else, a summary that cannot be read included, reads the hour raw and says why.
 *
 * @param summaries the summaries used, as the caller located them (local paths or S3 keys)
 * @param rawFiles the data files read raw
 * @param hours how each kept partition was read
 */
record SummaryPlan(List<String> summaries, List<Partition.DataFile> rawFiles, List<Investigation.Hour> hours) {
    /** Why a kept partition needs no summary looked up, or {@code null} when its summary may be used. */
    static String ineligible(Subject subject, TimeRange range, Partition partition) {
        if (subject.kind() == Subject.Kind.PORT) {
            return "ports are not in the summaries";
        }
        if (partition.start() == null) {
            return "flows without a time are not summarized";
        }
        if (range.from() != null && partition.start().isBefore(range.from()) || range.until() != null
                && partition.start().plus(partition.length()).isAfter(range.until())) {
            return "the hour is partly outside the time range";
        }
        return null;
    }

    /** Every kept partition read raw, for {@code why}. */
    static SummaryPlan raw(Pruning pruning, String why) {
        List<Investigation.Hour> hours = new ArrayList<>();
        for (Partition partition : pruning.kept()) {
            hours.add(new Investigation.Hour(partition.name(), false, 0, partition.files().size(), why));
        }
        return new SummaryPlan(List.of(), pruning.files(), hours);
    }

    /**
     * The plan over {@code pruning}'s kept partitions; {@code summaries} maps a partition's name to its summary's
     * location and {@code local} gives the summary's local copy to read (both only for the eligible partitions that
     * have one).
     */
    static SummaryPlan plan(Connection connection, Subject subject, TimeRange range, Pruning pruning,
            Map<String, String> summaries, Map<String, String> local) {
        List<String> used = new ArrayList<>();
        List<Partition.DataFile> raw = new ArrayList<>();
        List<Investigation.Hour> hours = new ArrayList<>();
        for (Partition partition : pruning.kept()) {
            String why = ineligible(subject, range, partition);
            HourSummary summary = null;
            if (why == null && !summaries.containsKey(partition.name())) {
                why = "no summary";
            }
            if (why == null) {
                try {
                    summary = HourSummary.read(connection, local.get(partition.name()));
                } catch (HourSummary.NotASummaryException e) {
                    why = "its summary " + summaries.get(partition.name()) + " is ignored: " + e.getMessage();
                }
            }
            List<Partition.DataFile> late = new ArrayList<>();
            if (summary != null) {
                why = stale(summary, partition, late);
            }
            if (why == null && !summary.inside(range)) {
                why = "its flows start from " + java.time.Instant.ofEpochSecond(summary.minStart()) + " to "
                        + java.time.Instant.ofEpochSecond(summary.maxStart()) + ", partly outside the time range";
            }
            if (why == null) {
                used.add(summaries.get(partition.name()));
                raw.addAll(late);
                hours.add(new Investigation.Hour(partition.name(), true, summary.rows(), late.size(), null));
            } else {
                raw.addAll(partition.files());
                hours.add(new Investigation.Hour(partition.name(), false, 0, partition.files().size(), why));
            }
        }
        return new SummaryPlan(used, raw, hours);
    }

    /**
     * Why {@code summary} no longer answers for {@code partition} (a covered file gone or changed), or {@code null};
     * the partition's files it does not cover go to {@code late}.
     */
    private static String stale(HourSummary summary, Partition partition, List<Partition.DataFile> late) {
        Map<String, Partition.DataFile> present = new HashMap<>();
        for (Partition.DataFile file : partition.files()) {
            present.put(name(file.location()), file);
        }
        for (HourSummary.Covered covered : summary.covers()) {
            Partition.DataFile file = present.remove(covered.name());
            if (file == null) {
                return "its summary is stale: " + covered.name() + " is gone";
            }
            if (file.bytes() != covered.bytes() || !covered.etag().isEmpty() && file.etag() != null
                    && !Objects.equals(file.etag(), covered.etag())) {
                return "its summary is stale: " + covered.name() + " changed";
            }
        }
        for (Partition.DataFile file : partition.files()) {
            if (present.containsKey(name(file.location()))) {
                late.add(file);
            }
        }
        return null;
    }

    /** A file's name within its hour folder: the last part of its path or key. */
    static String name(String location) {
        int slash = Math.max(location.lastIndexOf('/'), location.lastIndexOf(java.io.File.separatorChar));
        return location.substring(slash + 1);
    }
}
