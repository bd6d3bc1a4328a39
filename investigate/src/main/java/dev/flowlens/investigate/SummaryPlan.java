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
            hours.add(new Investigation.Hour(partition.name(), false, 0, partition.files().size(), why, null));
        }
        return new SummaryPlan(List.of(), pruning.files(), hours);
    }

    /**
     * The plan over {@code pruning}'s kept partitions; {@code summaries} maps a partition's name, or a day's
     * ({@code dt=YYYY-MM-DD}), to its summary's location and {@code local} gives the summary's local copy to read
     * (both only for those that have one). A day's summary answers for the hours it covers when every one of them is
     * kept, wholly in the range, and unchanged; else each hour goes by its own summary.
     */
    static SummaryPlan plan(Connection connection, Subject subject, TimeRange range, Pruning pruning,
            Map<String, String> summaries, Map<String, String> local) {
        List<String> used = new ArrayList<>();
        List<Partition.DataFile> raw = new ArrayList<>();
        List<Investigation.Hour> hours = new ArrayList<>();
        Map<String, List<Partition>> days = new java.util.LinkedHashMap<>();
        for (Partition partition : pruning.kept()) {
            int slash = partition.name().indexOf('/');
            days.computeIfAbsent(slash < 0 ? partition.name() : partition.name().substring(0, slash),
                    day -> new ArrayList<>()).add(partition);
        }
        for (Map.Entry<String, List<Partition>> day : days.entrySet()) {
            List<Partition> rest = day.getValue();
            if (summaries.containsKey(day.getKey())) {
                rest = byDay(connection, subject, range, day.getKey(), day.getValue(), summaries.get(day.getKey()),
                        local.get(day.getKey()), used, raw, hours);
            }
            for (Partition partition : rest) {
                byHour(connection, subject, range, partition, summaries, local, used, raw, hours);
            }
        }
        hours.sort(java.util.Comparator.comparing(Investigation.Hour::partition));
        return new SummaryPlan(used, raw, hours);
    }

    /**
     * Plans the hours {@code dayHours} of {@code day} by the day's summary when it answers for them; returns the
     * hours it does not answer for (all of them when it cannot be used).
     */
    private static List<Partition> byDay(Connection connection, Subject subject, TimeRange range, String day,
            List<Partition> dayHours, String location, String copy, List<String> used,
            List<Partition.DataFile> raw, List<Investigation.Hour> hours) {
        HourSummary summary;
        try {
            summary = HourSummary.read(connection, copy);
        } catch (HourSummary.NotASummaryException e) {
            return dayHours; // each hour by its own summary: the answer is the same, only slower
        }
        if (!summary.inside(range)) {
            return dayHours;
        }
        Map<String, List<HourSummary.Covered>> coveredByHour = new java.util.LinkedHashMap<>();
        for (HourSummary.Covered covered : summary.covers()) {
            int slash = covered.name().indexOf('/');
            if (slash < 0) {
                return dayHours;
            }
            coveredByHour.computeIfAbsent(day + "/" + covered.name().substring(0, slash), hour -> new ArrayList<>())
                    .add(new HourSummary.Covered(covered.name().substring(slash + 1), covered.bytes(),
                            covered.etag()));
        }
        Map<String, Partition> kept = new java.util.LinkedHashMap<>();
        dayHours.forEach(partition -> kept.put(partition.name(), partition));
        List<Partition.DataFile> late = new ArrayList<>();
        List<Investigation.Hour> planned = new ArrayList<>();
        for (Map.Entry<String, List<HourSummary.Covered>> hour : coveredByHour.entrySet()) {
            Partition partition = kept.get(hour.getKey());
            if (partition == null || ineligible(subject, range, partition) != null) {
                return dayHours; // it covers an hour outside the range
            }
            List<Partition.DataFile> lateHere = new ArrayList<>();
            if (stale(new HourSummary(hour.getValue(), null, null), partition, lateHere) != null) {
                return dayHours;
            }
            late.addAll(lateHere);
            planned.add(new Investigation.Hour(partition.name(), true, planned.isEmpty() ? summary.rows() : 0,
                    lateHere.size(), null, location));
        }
        used.add(location);
        raw.addAll(late);
        hours.addAll(planned);
        return dayHours.stream().filter(partition -> !coveredByHour.containsKey(partition.name())).toList();
    }

    private static void byHour(Connection connection, Subject subject, TimeRange range, Partition partition,
            Map<String, String> summaries, Map<String, String> local, List<String> used,
            List<Partition.DataFile> raw, List<Investigation.Hour> hours) {
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
            hours.add(new Investigation.Hour(partition.name(), true, summary.rows(), late.size(), null,
                    summaries.get(partition.name())));
        } else {
            raw.addAll(partition.files());
            hours.add(new Investigation.Hour(partition.name(), false, 0, partition.files().size(), why, null));
        }
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
