package dev.flowlens.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * A service's usual value of one volume measure (bytes out per bucket, per hour...): an exponentially weighted
 * level and mean absolute deviation, overall and per hour of day (UTC), so a quiet night is judged against nights.
 * Updated by {@link ExfiltrationDetector}. A plain Flink POJO.
 */
public class VolumeBaseline {
    public double level;
    public double deviation;
    /** Buckets that updated it. */
    public long samples;
    /** Per hour of day, 0 to 23; empty until the first update. */
    public List<BaselineSlot> hours = new ArrayList<>();

    public VolumeBaseline() {}
}
