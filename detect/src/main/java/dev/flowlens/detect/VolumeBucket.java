package dev.flowlens.detect;

import java.util.HashMap;
import java.util.Map;

/** One event-time bucket of a service's bytes out to internet peers, still open. A plain Flink POJO. */
public class VolumeBucket {
    public long start;
    /** By task id. */
    public Map<String, TaskVolume> tasks = new HashMap<>();

    public VolumeBucket() {}
}
