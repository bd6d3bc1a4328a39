package dev.flowlens.detect;

import java.util.ArrayList;
import java.util.List;

/** Closed buckets' bytes within the longer horizon, oldest first (a task's or the service's). A plain Flink POJO. */
public class VolumeHistory {
    public List<Long> starts = new ArrayList<>();
    public List<Long> bytes = new ArrayList<>();
    /** Start of the first bucket this history has seen (it covers a whole horizon once old enough). */
    public long firstStart = -1;

    public VolumeHistory() {}
}
