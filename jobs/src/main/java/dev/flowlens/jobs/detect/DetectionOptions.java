package dev.flowlens.jobs.detect;

import dev.flowlens.detect.BeaconingDetector;
import dev.flowlens.detect.DetectionSettings;
import dev.flowlens.detect.ExfiltrationDetector;
import dev.flowlens.detect.NewExternalDestinationDetector;
import dev.flowlens.detect.UnusualPortDetector;
import dev.flowlens.detect.NetworkSweepDetector;
import dev.flowlens.detect.PortScanDetector;
import dev.flowlens.detect.RejectStormDetector;
import dev.flowlens.detect.ThreatListDetector;
import dev.flowlens.detect.UnknownWorkloadDetector;
import dev.flowlens.jobs.kit.JobConfig;
import dev.flowlens.jobs.kit.JobOption;
import java.time.Duration;
import java.util.List;

/** The {@code detection.*} keys: whether detection runs and how each detector judges (defaults from {@code detect}). */
public final class DetectionOptions {
    private static final DetectionSettings DEFAULTS = DetectionSettings.defaults();
    private static final NewExternalDestinationDetector.Settings NEW_DEST = DEFAULTS.newExternalDestination();
    private static final ExfiltrationDetector.Settings EXFIL = DEFAULTS.exfiltration();
    private static final UnusualPortDetector.Settings UNUSUAL = DEFAULTS.unusualPort();
    private static final BeaconingDetector.Settings BEACON = DEFAULTS.beaconing();
    private static final PortScanDetector.Settings SCAN = DEFAULTS.portScan();
    private static final NetworkSweepDetector.Settings SWEEP = DEFAULTS.networkSweep();
    private static final RejectStormDetector.Settings STORM = DEFAULTS.rejectStorm();
    private static final ThreatListDetector.Settings THREAT = DEFAULTS.threatList();
    private static final UnknownWorkloadDetector.Settings UNKNOWN = DEFAULTS.unknownWorkload();

    public static final JobOption<Boolean> ENABLED = JobOption.key("detection.enabled")
            .bool(false, "run the detectors on the enriched flows and write alerts to the alerts.* outputs");
    public static final JobOption<Duration> WARM_UP = JobOption.key("detection.warm-up")
            .duration(DEFAULTS.warmUp(), "how long a service's baselines learn before the baseline detectors judge it");
    public static final JobOption<Duration> SERVICE_TTL = JobOption.key("detection.service-ttl")
            .duration(DEFAULTS.serviceTtl(), "a service without flows for this long is forgotten, baselines and all");
    public static final JobOption<Duration> UPDATE_INTERVAL = JobOption.key("detection.update-interval")
            .duration(DEFAULTS.updateInterval(), "an open alert is written again as 'updated' at most this often");
    public static final JobOption<Duration> LATENESS = JobOption.key("detection.lateness")
            .duration(Duration.ofMinutes(2), "bounded runs: how far behind a service's newest flow its clock runs"
                    + " (streaming runs use the watermark)");

    public static final JobOption<Duration> NEW_DEST_RETENTION = JobOption.key("detection.new-external-destination.retention")
            .duration(NEW_DEST.retention(), "a prefix unused this long leaves the service's baseline");
    public static final JobOption<Integer> NEW_DEST_MAX_PREFIXES = JobOption.key("detection.new-external-destination.max-prefixes")
            .integer(NEW_DEST.maxPrefixes(), "internet prefixes kept per service; the least recently used go first");
    public static final JobOption<List<String>> NEW_DEST_ALLOWED_CIDRS = JobOption.key("detection.new-external-destination.allowed-cidrs")
            .list("internet CIDRs that never count as new destinations");
    public static final JobOption<Duration> NEW_DEST_QUIET = JobOption.key("detection.new-external-destination.quiet")
            .duration(NEW_DEST.quiet(), "a new-destination alert closes after this long without use of the prefix");
    public static final JobOption<Duration> EXFIL_BUCKET = JobOption.key("detection.exfiltration.bucket")
            .duration(EXFIL.bucket(), "the short sum of bytes out to the internet, per task and per service");
    public static final JobOption<Duration> EXFIL_HORIZON = JobOption.key("detection.exfiltration.horizon")
            .duration(EXFIL.horizon(), "the long sum (a multiple of the bucket), for exfiltration spread over time");
    public static final JobOption<Double> EXFIL_BUCKET_RATIO = JobOption.key("detection.exfiltration.bucket-ratio")
            .decimal(EXFIL.bucketRatio(), "a bucket is excessive above this many times its baseline level");
    public static final JobOption<Double> EXFIL_HORIZON_RATIO = JobOption.key("detection.exfiltration.horizon-ratio")
            .decimal(EXFIL.horizonRatio(), "a horizon sum is excessive above this many times its baseline level");
    public static final JobOption<Double> EXFIL_DEVIATIONS = JobOption.key("detection.exfiltration.deviations")
            .decimal(EXFIL.deviations(), "and above the level plus this many mean absolute deviations");
    public static final JobOption<Long> EXFIL_MIN_BUCKET_BYTES = JobOption.key("detection.exfiltration.min-bucket-bytes")
            .longInteger(EXFIL.minBucketBytes(), "a bucket below this many bytes never alerts");
    public static final JobOption<Long> EXFIL_MIN_HORIZON_BYTES = JobOption.key("detection.exfiltration.min-horizon-bytes")
            .longInteger(EXFIL.minHorizonBytes(), "a horizon sum below this many bytes never alerts");
    public static final JobOption<Double> EXFIL_SIBLING_RATIO = JobOption.key("detection.exfiltration.sibling-ratio")
            .decimal(EXFIL.siblingRatio(), "before the warm-up: a task above this many times its sibling tasks' median (and its own earlier buckets)");
    public static final JobOption<Integer> EXFIL_MIN_SIBLINGS = JobOption.key("detection.exfiltration.min-siblings")
            .integer(EXFIL.minSiblings(), "before the warm-up: tasks needed in a bucket to compare them");
    public static final JobOption<Duration> EXFIL_HALF_LIFE = JobOption.key("detection.exfiltration.half-life")
            .duration(EXFIL.halfLife(), "how fast the volume baselines forget");
    public static final JobOption<Duration> EXFIL_RETENTION = JobOption.key("detection.exfiltration.retention")
            .duration(EXFIL.retention(), "volume baselines are dropped after this long without bytes out");
    public static final JobOption<Duration> EXFIL_QUIET = JobOption.key("detection.exfiltration.quiet")
            .duration(EXFIL.quiet(), "an exfiltration alert closes after this long without an excessive bucket");
    public static final JobOption<List<String>> UNUSUAL_WATCHED_PORTS = JobOption.key("detection.unusual-port.watched-ports")
            .list("ports that alert even during the warm-up unless the service uses them (SSH, Telnet, RDP, VNC, IRC, mining pools, reverse shells)");
    public static final JobOption<Duration> UNUSUAL_RETENTION = JobOption.key("detection.unusual-port.retention")
            .duration(UNUSUAL.retention(), "a protocol and port unused this long leave the service's baseline");
    public static final JobOption<Integer> UNUSUAL_MAX_PAIRS = JobOption.key("detection.unusual-port.max-pairs")
            .integer(UNUSUAL.maxPairs(), "protocol-port pairs kept per service");
    public static final JobOption<Duration> UNUSUAL_QUIET = JobOption.key("detection.unusual-port.quiet")
            .duration(UNUSUAL.quiet(), "an unusual-port alert closes after this long without use");
    public static final JobOption<Integer> BEACON_MIN_CONNECTIONS = JobOption.key("detection.beaconing.min-connections")
            .integer(BEACON.minConnections(), "connections to one peer before their regularity is judged");
    public static final JobOption<Integer> BEACON_RING_SIZE = JobOption.key("detection.beaconing.ring-size")
            .integer(BEACON.ringSize(), "connection times kept per task and peer");
    public static final JobOption<Double> BEACON_MAX_VARIATION = JobOption.key("detection.beaconing.max-variation")
            .decimal(BEACON.maxVariation(), "the largest coefficient of variation of the intervals still regular (0.35 tolerates about 30% jitter)");
    public static final JobOption<Duration> BEACON_MIN_PERIOD = JobOption.key("detection.beaconing.min-period")
            .duration(BEACON.minPeriod(), "the shortest mean interval judged (shorter is below the capture window)");
    public static final JobOption<Duration> BEACON_MAX_PERIOD = JobOption.key("detection.beaconing.max-period")
            .duration(BEACON.maxPeriod(), "the longest mean interval judged");
    public static final JobOption<Double> BEACON_MAX_PEER_SHARE = JobOption.key("detection.beaconing.max-peer-share")
            .decimal(BEACON.maxPeerShare(), "a peer used by more than this share of the service's recent tasks is a shared dependency, not a beacon");
    public static final JobOption<Duration> BEACON_PAIR_TTL = JobOption.key("detection.beaconing.pair-ttl")
            .duration(BEACON.pairTtl(), "a task-peer pair quiet this long is dropped (more than max-period)");
    public static final JobOption<Integer> BEACON_MAX_PAIRS = JobOption.key("detection.beaconing.max-pairs")
            .integer(BEACON.maxPairs(), "task-peer pairs kept per service");
    public static final JobOption<Duration> BEACON_QUIET = JobOption.key("detection.beaconing.quiet")
            .duration(BEACON.quiet(), "a beaconing alert closes after this long (or three periods if longer) without a connection");

    public static final JobOption<Integer> BEACON_MAX_PACKETS_PER_WINDOW = JobOption
            .key("detection.beaconing.max-packets-per-window")
            .integer(BEACON.maxPacketsPerWindow(), "at a period of about one capture window, the most packets"
                    + " (median) a connection may have to be a check-in rather than an ongoing conversation");

    public static final JobOption<Duration> PORT_SCAN_WINDOW = JobOption.key("detection.port-scan.window")
            .duration(SCAN.window(), "the window distinct ports on one host are counted over");
    public static final JobOption<Integer> PORT_SCAN_PORTS = JobOption.key("detection.port-scan.ports")
            .integer(SCAN.ports(), "distinct ports (below 32768) a task reaches on one host that make a port scan");
    public static final JobOption<Duration> PORT_SCAN_QUIET = JobOption.key("detection.port-scan.quiet")
            .duration(SCAN.quiet(), "a port scan closes after this long without a new port");
    public static final JobOption<Integer> PORT_SCAN_MAX_PAIRS = JobOption.key("detection.port-scan.max-pairs")
            .integer(SCAN.maxPairs(), "task-host pairs kept per service (the longest quiet are dropped first)");

    public static final JobOption<Duration> SWEEP_WINDOW = JobOption.key("detection.network-sweep.window")
            .duration(SWEEP.window(), "the window novel hosts on one port are counted over");
    public static final JobOption<Integer> SWEEP_HOSTS = JobOption.key("detection.network-sweep.hosts")
            .integer(SWEEP.hosts(), "novel hosts a task reaches on one port that make a sweep (hosts its service"
                    + " never reached there, other than tasks of a service it already reaches there)");
    public static final JobOption<Duration> SWEEP_MEMORY = JobOption.key("detection.network-sweep.memory")
            .duration(SWEEP.memory(), "how long a reached host or peer service stays known");
    public static final JobOption<Duration> SWEEP_QUIET = JobOption.key("detection.network-sweep.quiet")
            .duration(SWEEP.quiet(), "a sweep closes after this long without a novel host");
    public static final JobOption<Integer> SWEEP_MAX_KNOWN = JobOption.key("detection.network-sweep.max-known")
            .integer(SWEEP.maxKnown(), "known hosts and peer services kept per service");

    public static final JobOption<Duration> STORM_WINDOW = JobOption.key("detection.reject-storm.window")
            .duration(STORM.window(), "the window rejected records from or to a task are counted over");
    public static final JobOption<Integer> STORM_REJECTS = JobOption.key("detection.reject-storm.rejects")
            .integer(STORM.rejects(), "the fewest rejected records in the window that make a storm");
    public static final JobOption<Integer> STORM_FACTOR = JobOption.key("detection.reject-storm.factor")
            .integer((int) STORM.factor(), "a storm is also this many times the service's usual rejections per"
                    + " task and window");
    public static final JobOption<Duration> STORM_QUIET = JobOption.key("detection.reject-storm.quiet")
            .duration(STORM.quiet(), "a storm closes after this long without a rejection");

    public static final JobOption<Duration> THREAT_QUIET = JobOption.key("detection.threat-list.quiet")
            .duration(THREAT.quiet(), "a threat-list match closes after this long without traffic to the peer");

    public static final JobOption<List<String>> UNKNOWN_TASK_SUBNETS = JobOption
            .key("detection.unknown-workload.task-subnets")
            .list("CIDRs of the subnets tasks run in; unset: any VPC address that connects to a task");
    public static final JobOption<List<String>> UNKNOWN_ALLOW = JobOption.key("detection.unknown-workload.allow")
            .list("CIDRs or addresses of known workloads that are not tasks (load balancers, NAT gateways)");
    public static final JobOption<Integer> UNKNOWN_FLOWS = JobOption.key("detection.unknown-workload.flows")
            .integer(UNKNOWN.flows(), "records with one unowned address within the window that make an incident");
    public static final JobOption<Duration> UNKNOWN_WINDOW = JobOption.key("detection.unknown-workload.window")
            .duration(UNKNOWN.window(), "the window those records are counted over");
    public static final JobOption<Duration> UNKNOWN_QUIET = JobOption.key("detection.unknown-workload.quiet")
            .duration(UNKNOWN.quiet(), "an unknown workload closes after this long without its traffic");

    public static final List<JobOption<?>> ALL = List.of(ENABLED, WARM_UP, SERVICE_TTL, UPDATE_INTERVAL, LATENESS,
            NEW_DEST_RETENTION, NEW_DEST_MAX_PREFIXES, NEW_DEST_ALLOWED_CIDRS, NEW_DEST_QUIET,
            EXFIL_BUCKET, EXFIL_HORIZON, EXFIL_BUCKET_RATIO, EXFIL_HORIZON_RATIO,
            EXFIL_DEVIATIONS, EXFIL_MIN_BUCKET_BYTES, EXFIL_MIN_HORIZON_BYTES, EXFIL_SIBLING_RATIO,
            EXFIL_MIN_SIBLINGS, EXFIL_HALF_LIFE, EXFIL_RETENTION, EXFIL_QUIET,
            UNUSUAL_WATCHED_PORTS, UNUSUAL_RETENTION, UNUSUAL_MAX_PAIRS, UNUSUAL_QUIET,
            BEACON_MIN_CONNECTIONS, BEACON_RING_SIZE, BEACON_MAX_VARIATION, BEACON_MIN_PERIOD,
            BEACON_MAX_PERIOD, BEACON_MAX_PEER_SHARE, BEACON_PAIR_TTL, BEACON_MAX_PAIRS,
            BEACON_QUIET, BEACON_MAX_PACKETS_PER_WINDOW,
            PORT_SCAN_WINDOW, PORT_SCAN_PORTS, PORT_SCAN_QUIET, PORT_SCAN_MAX_PAIRS,
            SWEEP_WINDOW, SWEEP_HOSTS, SWEEP_MEMORY, SWEEP_QUIET, SWEEP_MAX_KNOWN,
            STORM_WINDOW, STORM_REJECTS, STORM_FACTOR, STORM_QUIET,
            THREAT_QUIET,
            UNKNOWN_TASK_SUBNETS, UNKNOWN_ALLOW, UNKNOWN_FLOWS, UNKNOWN_WINDOW, UNKNOWN_QUIET);

    private DetectionOptions() {}

    /**
     * The detectors' settings as configured; {@code knownAddresses} (the described ENIs of the account's export) join
     * the unknown-workload allow-list.
     */
    public static DetectionSettings settings(JobConfig config, List<String> knownAddresses) {
        return new DetectionSettings(config.get(WARM_UP), config.get(SERVICE_TTL), config.get(UPDATE_INTERVAL),
                new NewExternalDestinationDetector.Settings(config.get(NEW_DEST_RETENTION),
                        config.get(NEW_DEST_MAX_PREFIXES), list(config, NEW_DEST_ALLOWED_CIDRS),
                        config.get(NEW_DEST_QUIET)),
                new ExfiltrationDetector.Settings(config.get(EXFIL_BUCKET), config.get(EXFIL_HORIZON),
                        config.get(EXFIL_BUCKET_RATIO), config.get(EXFIL_HORIZON_RATIO), config.get(EXFIL_DEVIATIONS),
                        config.get(EXFIL_MIN_BUCKET_BYTES), config.get(EXFIL_MIN_HORIZON_BYTES),
                        config.get(EXFIL_SIBLING_RATIO), config.get(EXFIL_MIN_SIBLINGS), config.get(EXFIL_HALF_LIFE),
                        config.get(EXFIL_RETENTION), config.get(EXFIL_QUIET)),
                new UnusualPortDetector.Settings(watchedPorts(config), config.get(UNUSUAL_RETENTION),
                        config.get(UNUSUAL_MAX_PAIRS), config.get(UNUSUAL_QUIET)),
                new BeaconingDetector.Settings(config.get(BEACON_MIN_CONNECTIONS), config.get(BEACON_RING_SIZE),
                        config.get(BEACON_MAX_VARIATION), config.get(BEACON_MIN_PERIOD), config.get(BEACON_MAX_PERIOD),
                        config.get(BEACON_MAX_PEER_SHARE), config.get(BEACON_PAIR_TTL), config.get(BEACON_MAX_PAIRS),
                        config.get(BEACON_QUIET), config.get(BEACON_MAX_PACKETS_PER_WINDOW)),
                new PortScanDetector.Settings(config.get(PORT_SCAN_WINDOW), positive(config, PORT_SCAN_PORTS),
                        config.get(PORT_SCAN_QUIET), positive(config, PORT_SCAN_MAX_PAIRS)),
                new NetworkSweepDetector.Settings(config.get(SWEEP_WINDOW), positive(config, SWEEP_HOSTS),
                        config.get(SWEEP_MEMORY), config.get(SWEEP_QUIET), positive(config, SWEEP_MAX_KNOWN)),
                new RejectStormDetector.Settings(config.get(STORM_WINDOW), positive(config, STORM_REJECTS),
                        positive(config, STORM_FACTOR), config.get(STORM_QUIET)),
                new ThreatListDetector.Settings(config.get(THREAT_QUIET)),
                new UnknownWorkloadDetector.Settings(list(config, UNKNOWN_TASK_SUBNETS),
                        concat(list(config, UNKNOWN_ALLOW), knownAddresses),
                        positive(config, UNKNOWN_FLOWS), config.get(UNKNOWN_WINDOW), config.get(UNKNOWN_QUIET)));
    }

    /** The watched ports as configured, or the detector's own list when the key is not set. */
    private static List<Integer> watchedPorts(JobConfig config) {
        if (!config.isSet(UNUSUAL_WATCHED_PORTS)) {
            return UNUSUAL.watchedPorts();
        }
        List<Integer> ports = new java.util.ArrayList<>();
        for (String port : config.get(UNUSUAL_WATCHED_PORTS)) {
            try {
                ports.add(Integer.parseInt(port));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(UNUSUAL_WATCHED_PORTS.key() + ": '" + port
                        + "' is not a port; list ports from 1 to 65535");
            }
        }
        return ports;
    }

    private static int positive(JobConfig config, JobOption<Integer> option) {
        int value = config.get(option);
        if (value < 1) {
            throw new IllegalArgumentException(option.key() + ": must be at least 1, not " + value);
        }
        return value;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<String> list(JobConfig config, JobOption<List<String>> option) {
        List<String> values = config.get(option);
        return values == null ? List.of() : values;
    }
}
