package dev.flowlens.detect;

import java.util.HashMap;
import java.util.Map;

/** {@link BeaconingDetector}'s part of a service's state. A plain Flink POJO. */
public class BeaconingState {
    /** By {@code taskId|peerAddress}. */
    public Map<String, BeaconPair> pairs = new HashMap<>();
    /** The service's tasks seen lately (task id → last flow time): how many tasks could share a peer. */
    public Map<String, Long> taskLastSeen = new HashMap<>();

    public BeaconingState() {}
}
