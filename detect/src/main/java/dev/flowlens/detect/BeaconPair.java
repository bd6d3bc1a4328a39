package dev.flowlens.detect;

import java.util.ArrayList;
import java.util.List;

/** One task's connections to one internet address, for {@link BeaconingDetector}. A plain Flink POJO. */
public class BeaconPair {
    public String taskId;
    public String peerAddress;
    /** Start times of the latest connections (epoch seconds, ascending), at most the detector's ring size. */
    public List<Long> starts = new ArrayList<>();
    /** The task's port of the latest connection, to tell a new connection from a long one's next record. */
    public Integer lastLocalPort;
    /** The peer port of every connection, or {@code null} once they differ. */
    public Integer peerPort;
    public boolean peerPortsDiffer;
    /** Packets of the latest connections, in arrival order, at most the ring size. */
    public List<Long> packets = new ArrayList<>();
    /** The longest capture window of the pair's records, seconds: the flow log's aggregation interval, at most. */
    public long longestRecord;
    /** Event time of the pair's latest record. */
    public long lastSeen;

    public BeaconPair() {}
}
