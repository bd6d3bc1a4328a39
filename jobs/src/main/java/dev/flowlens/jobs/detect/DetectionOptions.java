package dev.flowlens.jobs.detect;

import dev.flowlens.detect.DetectionSettings;
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
            PORT_SCAN_WINDOW, PORT_SCAN_PORTS, PORT_SCAN_QUIET, PORT_SCAN_MAX_PAIRS,
            SWEEP_WINDOW, SWEEP_HOSTS, SWEEP_MEMORY, SWEEP_QUIET, SWEEP_MAX_KNOWN,
            STORM_WINDOW, STORM_REJECTS, STORM_FACTOR, STORM_QUIET,
            THREAT_QUIET,
            UNKNOWN_TASK_SUBNETS, UNKNOWN_ALLOW, UNKNOWN_FLOWS, UNKNOWN_WINDOW, UNKNOWN_QUIET);

    private DetectionOptions() {}

    /** The detectors' settings as configured. */
    public static DetectionSettings settings(JobConfig config) {
        return new DetectionSettings(config.get(WARM_UP), config.get(SERVICE_TTL), config.get(UPDATE_INTERVAL),
                new PortScanDetector.Settings(config.get(PORT_SCAN_WINDOW), positive(config, PORT_SCAN_PORTS),
                        config.get(PORT_SCAN_QUIET), positive(config, PORT_SCAN_MAX_PAIRS)),
                new NetworkSweepDetector.Settings(config.get(SWEEP_WINDOW), positive(config, SWEEP_HOSTS),
                        config.get(SWEEP_MEMORY), config.get(SWEEP_QUIET), positive(config, SWEEP_MAX_KNOWN)),
                new RejectStormDetector.Settings(config.get(STORM_WINDOW), positive(config, STORM_REJECTS),
                        positive(config, STORM_FACTOR), config.get(STORM_QUIET)),
                new ThreatListDetector.Settings(config.get(THREAT_QUIET)),
                new UnknownWorkloadDetector.Settings(list(config, UNKNOWN_TASK_SUBNETS), list(config, UNKNOWN_ALLOW),
                        positive(config, UNKNOWN_FLOWS), config.get(UNKNOWN_WINDOW), config.get(UNKNOWN_QUIET)));
    }

    private static int positive(JobConfig config, JobOption<Integer> option) {
        int value = config.get(option);
        if (value < 1) {
            throw new IllegalArgumentException(option.key() + ": must be at least 1, not " + value);
        }
        return value;
    }

    private static List<String> list(JobConfig config, JobOption<List<String>> option) {
        List<String> values = config.get(option);
        return values == null ? List.of() : values;
    }
}
