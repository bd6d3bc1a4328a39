package dev.flowlens.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What one task sent to internet peers in one bucket, for {@link ExfiltrationDetector}. A plain Flink POJO. */
public class TaskVolume {
    public long bytes;
    public long packets;
    public long flows;
    /** The bucket's largest flows of the task (a few), the alert's samples. */
    public List<TaskFlow> largest = new ArrayList<>();
    /** Bytes by peer address, for the first few peers; the rest are only in {@link #bytes}. */
    public Map<String, Long> bytesByPeer = new HashMap<>();

    public TaskVolume() {}
}
