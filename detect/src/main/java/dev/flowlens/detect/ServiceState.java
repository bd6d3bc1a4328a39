package dev.flowlens.detect;

/**
 * Everything detection keeps for one service key: each detector's part and the open incidents. A plain Flink POJO
 * (the job keeps one per key in a {@code ValueState}); detectors own their fields.
 */
public class ServiceState {
    /** Event time of the service's first flow, epoch seconds; baselines are learned from then on. */
    public long firstSeen = -1;
    /** Event time of the service's latest flow; the state is dropped when it has been quiet for the service TTL. */
    public long lastSeen = -1;
    public AlertBookState alerts = new AlertBookState();
    public NewDestinationState newDestinations = new NewDestinationState();
    public ExfiltrationState exfiltration = new ExfiltrationState();
    public UnusualPortState unusualPorts = new UnusualPortState();
    public BeaconingState beaconing = new BeaconingState();
    public PortScanDetector.State portScan = new PortScanDetector.State();
    public NetworkSweepDetector.State networkSweep = new NetworkSweepDetector.State();
    public RejectStormDetector.State rejectStorm = new RejectStormDetector.State();
    public UnknownWorkloadDetector.State unknownWorkload = new UnknownWorkloadDetector.State();

    public ServiceState() {}

    /** Whether the service's baselines have learned for at least {@code warmUpSeconds} by {@code now}. */
    public boolean warm(long now, long warmUpSeconds) {
        return firstSeen >= 0 && now - firstSeen >= warmUpSeconds;
    }
}
