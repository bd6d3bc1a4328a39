package dev.flowlens.detect;

import java.util.HashMap;
import java.util.Map;

/** {@link UnusualPortDetector}'s part of a service's state. A plain Flink POJO. */
public class UnusualPortState {
    /** The {@code protocol/port} pairs the service's tasks reached on internet peers, each with its last-seen time. */
    public Map<String, Long> pairLastSeen = new HashMap<>();
    /**
     * Pairs that opened an alert, with the time of their latest use: while one is here, every task using it is
     * reported, not only the first.
     */
    public Map<String, Long> suspectLastUsed = new HashMap<>();

    public UnusualPortState() {}
}
