package dev.flowlens.detect;

import java.util.HashMap;
import java.util.Map;

/** {@link NewExternalDestinationDetector}'s part of a service's state. A plain Flink POJO. */
public class NewDestinationState {
    /** The internet prefixes the service's tasks reached ({@code 198.51.100.0/24}), each with its last-seen time. */
    public Map<String, Long> prefixLastSeen = new HashMap<>();

    /** The internet addresses the service's tasks reached, each with its last-seen time. */
    public Map<String, Long> addressLastSeen = new HashMap<>();

    /** Connections to each known prefix, to tell an established dependency from one seen a few times. */
    public Map<String, Long> prefixConnections = new HashMap<>();

    public NewDestinationState() {}
}
