package dev.flowlens.detect;

import java.util.HashMap;
import java.util.Map;

/** {@link ExfiltrationDetector}'s part of a service's state. A plain Flink POJO. */
public class ExfiltrationState {
    /** Buckets event time has not yet passed, by start. */
    public Map<Long, VolumeBucket> open = new HashMap<>();
    /** Start of the latest closed bucket; later flows of it go to the next one. */
    public long lastClosedStart = Long.MIN_VALUE;
    /** By task id: the task's closed buckets within the horizon. */
    public Map<String, VolumeHistory> taskHistory = new HashMap<>();
    public VolumeHistory serviceHistory = new VolumeHistory();
    /** A task's bytes per bucket (every task of the service pooled). */
    public VolumeBaseline taskBucket = new VolumeBaseline();
    /** The service's bytes per bucket. */
    public VolumeBaseline serviceBucket = new VolumeBaseline();
    /** A task's bytes over the horizon. */
    public VolumeBaseline taskHorizon = new VolumeBaseline();
    /** The service's bytes over the horizon. */
    public VolumeBaseline serviceHorizon = new VolumeBaseline();
    /** Event time of the latest counted flow; baselines are dropped after the retention without one. */
    public long lastFlowAt = -1;

    public ExfiltrationState() {}
}
