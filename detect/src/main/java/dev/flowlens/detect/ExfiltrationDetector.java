package dev.flowlens.detect;

import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertPeer;
import dev.flowlens.schemas.alert.AlertSeverity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code exfiltration}: bytes out to internet peers far above the service's own usual volume. Bytes are summed per
 * task and per service in event-time buckets and over a longer horizon; each sum is judged against a robust baseline
 * of the same measure (an exponentially weighted level and mean absolute deviation, per hour of day once a day of
 * history exists; values are clipped before they update it, so an attacker cannot teach it quickly, while a lasting
 * change is absorbed over the half-life).
 * A sum is excessive when it is above a minimum volume, above {@code ratio} times the level and above level plus
 * {@code deviations} deviations. The bucket catches bursts, the horizon a moderate excess spread over hours, the
 * service sums exfiltration spread over several tasks (then the subject is the service, unless a task explains it).
 * Before the warm-up, a task that jumps above its own earlier buckets is compared with its siblings in the same
 * bucket when the service has enough of them.
 * Judged when event time passes a bucket's end.
 */
public final class ExfiltrationDetector implements Detector {
    /** Per-hour-of-day baselines are used once a day of history exists and the slot has this many buckets. */
    private static final int MIN_SLOT_SAMPLES = 3;
    /** Values are clipped before updating a baseline only once it has this many samples. */
    private static final int MIN_SAMPLES_TO_CLIP = 3;
    /** A horizon baseline is judged once it has this many samples. */
    private static final int MIN_HORIZON_SAMPLES = 6;
    private static final int SAMPLES_PER_TASK = 3;
    private static final int PEERS_PER_TASK = 16;
    /** A peer named as the alert's when it took at least this share of the bytes. */
    private static final double DOMINANT_PEER_SHARE = 0.8;
    private static final String SERVICE_SUBJECT = "service";
    /** Multiples of the bucket minimum a task's first bucket must send to be judged against its siblings alone. */
    private static final int FIRST_BUCKET_FLOOR = 10;

    private final Settings settings;
    private final long warmUpSeconds;
    private final long bucketSeconds;
    private final long horizonSeconds;
    /** The weight of a new bucket once the running mean gives way to the half-life. */
    private final double minAlpha;

    /**
     * @param bucket the short sum's length
     * @param horizon the long sum's length (a whole number of buckets)
     * @param bucketRatio a bucket is excessive above this multiple of its usual level
     * @param horizonRatio a horizon sum is excessive above this multiple of its usual level
     * @param deviations and above the level plus this many mean absolute deviations
     * @param minBucketBytes a bucket under this many bytes never alerts (small services' noise)
     * @param minHorizonBytes a horizon sum under this many bytes never alerts
     * @param siblingRatio before the warm-up: a task above this multiple of its siblings' median alerts
     * @param minSiblings before the warm-up, siblings are compared only when at least this many tasks sent bytes
     * @param halfLife how fast the baselines forget: a bucket this old weighs half as much as a new one
     * @param retention the baselines of a service that sent nothing for this long are dropped
     * @param quiet an alert closes after this long without an excessive bucket (at least the horizon, so one
     *     incident measured over the horizon stays one alert)
     */
    public record Settings(Duration bucket, Duration horizon, double bucketRatio, double horizonRatio,
            double deviations, long minBucketBytes, long minHorizonBytes, double siblingRatio, int minSiblings,
            Duration halfLife, Duration retention, Duration quiet) implements java.io.Serializable {
        static final String OPTION = "detection.exfiltration.";

        public Settings {
            SettingChecks.requirePositive(bucket, OPTION + "bucket");
            SettingChecks.requirePositive(horizon, OPTION + "horizon");
            if (horizon.toSeconds() % bucket.toSeconds() != 0 || horizon.compareTo(bucket) <= 0) {
                throw new IllegalArgumentException(OPTION + "horizon must be a multiple of " + OPTION
                        + "bucket and longer, got " + horizon + " and " + bucket);
            }
            SettingChecks.requireAtLeast(bucketRatio, 1, OPTION + "bucket-ratio");
            SettingChecks.requireAtLeast(horizonRatio, 1, OPTION + "horizon-ratio");
            SettingChecks.requireAtLeast(deviations, 0, OPTION + "deviations");
            SettingChecks.requireAtLeast(minBucketBytes, 1, OPTION + "min-bucket-bytes");
            SettingChecks.requireAtLeast(minHorizonBytes, 1, OPTION + "min-horizon-bytes");
            SettingChecks.requireAtLeast(siblingRatio, 1, OPTION + "sibling-ratio");
            SettingChecks.requireAtLeast(minSiblings, 2, OPTION + "min-siblings");
            SettingChecks.requirePositive(halfLife, OPTION + "half-life");
            SettingChecks.requirePositive(retention, OPTION + "retention");
            SettingChecks.requirePositive(quiet, OPTION + "quiet");
        }

        public static Settings defaults() {
            return new Settings(Duration.ofMinutes(5), Duration.ofHours(1), 5, 3, 6, 5_000_000L, 50_000_000L, 5,
                    3, Duration.ofDays(1), Duration.ofDays(7), Duration.ofHours(1));
        }
    }

    ExfiltrationDetector(DetectionSettings settings) {
        this.settings = settings.exfiltration();
        this.warmUpSeconds = settings.warmUp().toSeconds();
        this.bucketSeconds = this.settings.bucket().toSeconds();
        this.horizonSeconds = this.settings.horizon().toSeconds();
        this.minAlpha = 1 - Math.pow(0.5, (double) bucketSeconds / this.settings.halfLife().toSeconds());
    }

    @Override
    public void onFlow(ServiceState state, TaskFlow flow, AlertBook book) {
        long bytes = flow.bytesOut();
        if (!flow.peerIsInternet() || bytes <= 0) {
            return;
        }
        ExfiltrationState own = state.exfiltration;
        long time = flow.time();
        own.lastFlowAt = Math.max(own.lastFlowAt, time);
        long start = Math.max(Math.floorDiv(time, bucketSeconds) * bucketSeconds,
                own.lastClosedStart == Long.MIN_VALUE ? Long.MIN_VALUE : own.lastClosedStart + bucketSeconds);
        VolumeBucket bucket = own.open.computeIfAbsent(start, s -> {
            VolumeBucket created = new VolumeBucket();
            created.start = s;
            return created;
        });
        TaskVolume task = bucket.tasks.computeIfAbsent(flow.task().taskId, id -> new TaskVolume());
        task.bytes += bytes;
        task.packets += flow.packets();
        task.flows++;
        String peer = flow.peerAddress();
        if (task.bytesByPeer.containsKey(peer) || task.bytesByPeer.size() < PEERS_PER_TASK) {
            task.bytesByPeer.merge(peer, bytes, Long::sum);
        }
        task.largest.add(flow);
        task.largest.sort((a, b) -> Long.compare(b.bytesOut(), a.bytesOut()));
        if (task.largest.size() > SAMPLES_PER_TASK) {
            task.largest.remove(SAMPLES_PER_TASK);
        }
    }

    @Override
    public void onTime(ServiceState state, long now, AlertBook book) {
        ExfiltrationState own = state.exfiltration;
        List<Long> due = new ArrayList<>();
        for (Long start : own.open.keySet()) {
            if (start + bucketSeconds <= now) {
                due.add(start);
            }
        }
        Collections.sort(due);
        for (Long start : due) {
            close(state, own.open.remove(start), book);
        }
        expireHistory(own.serviceHistory, now);
        Iterator<VolumeHistory> histories = own.taskHistory.values().iterator();
        while (histories.hasNext()) {
            VolumeHistory history = histories.next();
            expireHistory(history, now);
            if (history.starts.isEmpty()) {
                histories.remove();
            }
        }
        if (own.open.isEmpty() && own.lastFlowAt >= 0 && now - own.lastFlowAt >= settings.retention().toSeconds()) {
            state.exfiltration = new ExfiltrationState();
        }
    }

    @Override
    public boolean isEmpty(ServiceState state) {
        ExfiltrationState own = state.exfiltration;
        return own.open.isEmpty() && own.taskHistory.isEmpty() && own.serviceHistory.starts.isEmpty()
                && own.taskBucket.samples == 0 && own.serviceBucket.samples == 0 && own.taskHorizon.samples == 0
                && own.serviceHorizon.samples == 0;
    }

    /** Judges a bucket event time has passed, then learns from it. */
    private void close(ServiceState state, VolumeBucket bucket, AlertBook book) {
        ExfiltrationState own = state.exfiltration;
        own.lastClosedStart = Math.max(own.lastClosedStart, bucket.start);
        long end = bucket.start + bucketSeconds;
        boolean warm = state.warm(end, warmUpSeconds);
        boolean dayOfHistory = state.warm(end, Duration.ofDays(1).toSeconds());
        int hour = (int) Math.floorMod(bucket.start / 3600, 24L);
        long serviceBytes = 0;
        List<Long> taskValues = new ArrayList<>();
        for (Map.Entry<String, TaskVolume> entry : bucket.tasks.entrySet()) {
            // a task already reported explains its own bytes: the service's sum is of the others
            if (book.open(state.alerts, AlertKind.EXFILTRATION, entry.getKey()) == null) {
                serviceBytes += entry.getValue().bytes;
            }
            taskValues.add(entry.getValue().bytes);
        }
        double siblingMedian = median(taskValues);
        boolean siblingsComparable = taskValues.size() >= settings.minSiblings();
        boolean anyTaskAlerted = false;
        List<Double> learnedBuckets = new ArrayList<>();
        List<Double> learnedHorizons = new ArrayList<>();
        for (Map.Entry<String, TaskVolume> entry : bucket.tasks.entrySet()) {
            String taskId = entry.getKey();
            TaskVolume task = entry.getValue();
            VolumeHistory history = own.taskHistory.computeIfAbsent(taskId, id -> new VolumeHistory());
            double priorMean = history.bytes.isEmpty() ? -1 : (double) sum(history) / history.bytes.size();
            append(history, bucket.start, task.bytes);
            long horizonBytes = sum(history);
            boolean fullHorizon = history.firstStart <= end - horizonSeconds;
            String finding = null;
            if (warm) {
                Usual usual = usual(own.taskBucket, hour, dayOfHistory);
                if (excessive(task.bytes, usual, settings.bucketRatio(), settings.minBucketBytes())) {
                    finding = "sent " + size(task.bytes) + " to the internet in " + minutes(bucketSeconds) + ", "
                            + times(task.bytes, usual.level) + "a task's usual " + size(usual.level) + " for it";
                } else if (own.taskHorizon.samples >= MIN_HORIZON_SAMPLES) {
                    Usual usualHorizon = usual(own.taskHorizon, hour, dayOfHistory);
                    if (excessive(horizonBytes, usualHorizon, settings.horizonRatio(), settings.minHorizonBytes())) {
                        finding = "sent " + size(horizonBytes) + " to the internet in " + minutes(horizonSeconds)
                                + ", " + times(horizonBytes, usualHorizon.level) + "a task's usual "
                                + size(usualHorizon.level) + " for it";
                    }
                }
            } else if (siblingsComparable && task.bytes >= settings.minBucketBytes()
                    && task.bytes > settings.siblingRatio() * siblingMedian
                    && (priorMean >= 0 ? task.bytes > settings.siblingRatio() * priorMean
                            : task.bytes >= FIRST_BUCKET_FLOOR * settings.minBucketBytes())) {
                // a jump above its siblings and its own earlier buckets: a task that always sends more is a leader;
                // in a task's first bucket there is no earlier one, so only a far larger volume tells
                finding = "sent " + size(task.bytes) + " to the internet in " + minutes(bucketSeconds) + ", "
                        + times(task.bytes, siblingMedian) + "the median " + size(siblingMedian) + " of its "
                        + (taskValues.size() - 1) + " sibling tasks";
            }
            if (finding != null) {
                anyTaskAlerted = true;
                OpenAlert alert = report(state, book, taskId, List.of(task), end);
                alert.explanation = "Task " + taskId + " of "
                        + NewExternalDestinationDetector.unitName(task.largest.get(0)) + " " + finding
                        + peerClause(alert) + ".";
            }
            // excessive values are learned too, clipped: a lasting change is absorbed over the half-life
            learnedBuckets.add((double) task.bytes);
            if (fullHorizon) {
                learnedHorizons.add((double) horizonBytes);
            }
        }
        learn(own.taskBucket, learnedBuckets, hour, settings.bucketRatio());
        learn(own.taskHorizon, learnedHorizons, hour, settings.horizonRatio());
        append(own.serviceHistory, bucket.start, serviceBytes);
        long serviceHorizonBytes = sum(own.serviceHistory);
        boolean serviceFullHorizon = own.serviceHistory.firstStart <= end - horizonSeconds;
        String finding = null;
        if (warm) {
            Usual usual = usual(own.serviceBucket, hour, dayOfHistory);
            if (excessive(serviceBytes, usual, settings.bucketRatio(), settings.minBucketBytes())) {
                finding = "sent " + size(serviceBytes) + " to the internet in " + minutes(bucketSeconds) + ", "
                        + times(serviceBytes, usual.level) + "its usual " + size(usual.level);
            } else if (own.serviceHorizon.samples >= MIN_HORIZON_SAMPLES) {
                Usual usualHorizon = usual(own.serviceHorizon, hour, dayOfHistory);
                if (excessive(serviceHorizonBytes, usualHorizon, settings.horizonRatio(),
                        settings.minHorizonBytes())) {
                    finding = "sent " + size(serviceHorizonBytes) + " to the internet in "
                            + minutes(horizonSeconds) + ", " + times(serviceHorizonBytes, usualHorizon.level)
                            + "its usual " + size(usualHorizon.level);
                }
            }
        }
        if (finding != null && !anyTaskAlerted) {
            List<TaskVolume> tasks = new ArrayList<>(bucket.tasks.values());
            tasks.sort((a, b) -> Long.compare(b.bytes, a.bytes));
            OpenAlert alert = report(state, book, SERVICE_SUBJECT, tasks, end);
            alert.explanation = "The " + bucket.tasks.size() + " tasks of "
                    + NewExternalDestinationDetector.unitName(tasks.get(0).largest.get(0)) + " together " + finding
                    + ", none of them alone far above a task's usual" + peerClause(alert) + ".";
        }
        learn(own.serviceBucket, List.of((double) serviceBytes), hour, settings.bucketRatio());
        if (serviceFullHorizon) {
            learn(own.serviceHorizon, List.of((double) serviceHorizonBytes), hour, settings.horizonRatio());
        }
    }

    /**
     * Opens or grows the incident of {@code subject} with the tasks' bucket: their largest flows as samples, their
     * whole bucket in the totals, the bucket in the window.
     */
    private OpenAlert report(ServiceState state, AlertBook book, String subject, List<TaskVolume> tasks, long end) {
        OpenAlert alert = null;
        Map<String, Long> bytesByPeer = new java.util.HashMap<>();
        long total = 0;
        for (TaskVolume task : tasks) {
            long sampled = 0;
            long sampledPackets = 0;
            for (TaskFlow flow : task.largest) {
                alert = book.report(state.alerts, AlertKind.EXFILTRATION, subject, AlertSeverity.HIGH,
                        settings.quiet().toSeconds(), flow);
                sampled += flow.bytes();
                sampledPackets += flow.packets();
            }
            alert.evidence.flows += task.flows - task.largest.size();
            alert.evidence.bytes += task.bytes - sampled;
            alert.evidence.packets += task.packets - sampledPackets;
            task.bytesByPeer.forEach((peer, bytes) -> bytesByPeer.merge(peer, bytes, Long::sum));
            total += task.bytes;
        }
        alert.start = Math.min(alert.start, end - bucketSeconds);
        alert.end = Math.max(alert.end, end);
        alert.lastEvidenceAt = Math.max(alert.lastEvidenceAt, end);
        alert.evidence.distinctHosts = Math.max(alert.evidence.distinctHosts, bytesByPeer.size());
        String top = null;
        long topBytes = 0;
        for (Map.Entry<String, Long> entry : bytesByPeer.entrySet()) {
            if (entry.getValue() > topBytes) {
                top = entry.getKey();
                topBytes = entry.getValue();
            }
        }
        if (top != null && topBytes >= DOMINANT_PEER_SHARE * total && alert.peer == null) {
            alert.peer = new AlertPeer();
            alert.peer.address = top;
            alert.peer.peerClass = PeerClass.INTERNET;
            TaskFlow sample = tasks.get(0).largest.get(0);
            alert.peer.port = sample.reachedPort();
            alert.peer.protocol = sample.protocol();
        }
        TaskFlow sample = tasks.get(0).largest.get(0);
        alert.suggestedResponse = alert.peer != null ? Responses.blockPeer(sample.task(), alert.peer.address)
                : Responses.containTask(sample.task());
        return alert;
    }

    private static String peerClause(OpenAlert alert) {
        return alert.peer != null ? ", mostly to " + alert.peer.address : "";
    }

    /** The level and deviation to judge against: the hour of day's once a day of history exists. */
    private record Usual(double level, double deviation) {}

    private static Usual usual(VolumeBaseline baseline, int hour, boolean dayOfHistory) {
        if (dayOfHistory && baseline.hours.size() == 24) {
            BaselineSlot slot = baseline.hours.get(hour);
            if (slot.samples >= MIN_SLOT_SAMPLES) {
                return new Usual(slot.level, slot.deviation);
            }
        }
        return new Usual(baseline.level, baseline.deviation);
    }

    private boolean excessive(double bytes, Usual usual, double ratio, long minBytes) {
        return bytes >= minBytes && bytes > ratio * usual.level
                && bytes > usual.level + settings.deviations() * usual.deviation;
    }

    /**
     * Learns one bucket's values (the service's total, or each of its tasks' bytes): the level moves toward their
     * mean and the deviation toward their mean distance from the level, by a running mean's weight at first and the
     * half-life's later; values are clipped first to what the baseline finds plausible, overall and for the hour.
     */
    private void learn(VolumeBaseline baseline, List<Double> values, int hour, double ratio) {
        if (values.isEmpty()) {
            return;
        }
        if (baseline.hours.isEmpty()) {
            for (int h = 0; h < 24; h++) {
                baseline.hours.add(new BaselineSlot());
            }
        }
        // what the judge would call excessive is not learned at full weight, even while the baseline is young: a
        // slow exfiltration must not teach its own service that it is usual
        double ceiling = Math.max(baseline.level + settings.deviations() * baseline.deviation, ratio * baseline.level);
        boolean clip = baseline.samples >= MIN_SAMPLES_TO_CLIP;
        double sum = 0;
        boolean clipped = false;
        for (double value : values) {
            clipped |= clip && value > ceiling;
            sum += clip ? Math.min(value, ceiling) : value;
        }
        double mean = sum / values.size();
        // a clipped bucket weighs only as the half-life says, even while the running mean would weigh it more
        double alpha = clipped ? minAlpha : Math.max(1.0 / (baseline.samples + 1), minAlpha);
        double distance = meanDistance(values, baseline.samples == 0 ? mean : baseline.level, clip, ceiling);
        baseline.deviation += alpha * (distance - baseline.deviation);
        baseline.level += alpha * (mean - baseline.level);
        baseline.samples++;
        BaselineSlot slot = baseline.hours.get(hour);
        double slotAlpha = clipped ? Math.min(1, minAlpha * 24)
                : Math.max(1.0 / (slot.samples + 1), Math.min(1, minAlpha * 24));
        double slotDistance = meanDistance(values, slot.samples == 0 ? mean : slot.level, clip, ceiling);
        slot.deviation += slotAlpha * (slotDistance - slot.deviation);
        slot.level += slotAlpha * (mean - slot.level);
        slot.samples++;
    }

    private static double meanDistance(List<Double> values, double level, boolean clip, double ceiling) {
        double sum = 0;
        for (double value : values) {
            sum += Math.abs((clip ? Math.min(value, ceiling) : value) - level);
        }
        return sum / values.size();
    }

    private void append(VolumeHistory history, long start, long bytes) {
        if (history.firstStart < 0) {
            history.firstStart = start;
        }
        history.starts.add(start);
        history.bytes.add(bytes);
    }

    /** Drops buckets that no longer end within the horizon before {@code now}. */
    private void expireHistory(VolumeHistory history, long now) {
        while (!history.starts.isEmpty() && history.starts.get(0) + bucketSeconds <= now - horizonSeconds) {
            history.starts.remove(0);
            history.bytes.remove(0);
        }
        if (history.starts.isEmpty()) {
            history.firstStart = -1;
        }
    }

    private static long sum(VolumeHistory history) {
        long sum = 0;
        for (Long bytes : history.bytes) {
            sum += bytes;
        }
        return sum;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n == 0 ? 0 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    static String size(double bytes) {
        if (bytes >= 1e9) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        }
        if (bytes >= 1e6) {
            return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
        }
        if (bytes >= 1e3) {
            return String.format(Locale.ROOT, "%.0f kB", bytes / 1e3);
        }
        return Math.round(bytes) + " B";
    }

    /** {@code 40× } or, when the usual is nothing, {@code far above }. */
    private static String times(double value, double usual) {
        return usual <= 0 ? "far above " : String.format(Locale.ROOT, "%.0f× ", value / usual);
    }

    private static String minutes(long seconds) {
        return seconds % 3600 == 0 ? seconds / 3600 + " h" : seconds / 60 + " min";
    }
}
