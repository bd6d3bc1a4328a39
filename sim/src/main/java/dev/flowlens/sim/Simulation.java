package dev.flowlens.sim;

import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.alert.AlertKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A simulated ECS account: the fleet's history ({@link Fleet}), the ECS events as the pipeline would receive them,
 * the injected incidents, and the flow-log records of every capture window with the true task of each end.
 * Deterministic: the same configuration gives the same output.
 */
public final class Simulation {
    /** A v5 custom format with packet addresses, AZ, service fields and direction, in a non-table order. */
    public static final String V5_FORMAT = "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr}"
            + " ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}"
            + " ${vpc-id} ${subnet-id} ${az-id} ${tcp-flags} ${type} ${pkt-srcaddr} ${pkt-dstaddr}"
            + " ${pkt-src-aws-service} ${pkt-dst-aws-service} ${flow-direction} ${traffic-path}";
    /** The v5 fields plus the ECS fields of version 7. */
    public static final String V7_FORMAT = V5_FORMAT + " ${ecs-cluster-arn} ${ecs-cluster-name}"
            + " ${ecs-container-instance-arn} ${ecs-container-instance-id} ${ecs-container-id}"
            + " ${ecs-second-container-id} ${ecs-service-name} ${ecs-task-definition-arn} ${ecs-task-arn}"
            + " ${ecs-task-id}";
    /** The v7 fields plus version 11's: tag values, the interface's type and the next hop. */
    public static final String V11_FORMAT = V7_FORMAT + " ${instance-tag} ${instance-tag-2} ${interface-tag}"
            + " ${interface-tag-2} ${asg-tag} ${asg-tag-2} ${interface-type} ${next-hop-interface-id}"
            + " ${next-hop-subnet-id} ${next-hop-az-id} ${next-hop-vpc-id} ${next-hop-interface-type}";
    static final String VPC_ID = "vpc-0a1b2c3d4e5f60718";
    static final String[] INTERNET_APIS = {"203.0.113.10", "203.0.113.25", "203.0.113.80", "192.0.2.15",
        "192.0.2.44"};
    static final String[] S3_ADDRESSES = {"52.216.8.21", "52.216.140.3", "54.231.0.45"};
    static final String[] DYNAMODB_ADDRESSES = {"52.94.0.12", "52.94.2.7"};
    /** On the demo deny list (TEST-NET-2). */
    public static final String DENY_LISTED = "198.51.100.66";
    /** The deny list's entries: a CIDR holding {@link #DENY_LISTED}, as a threat-list file states it. */
    private static final List<String> DENY_LIST = List.of("198.51.100.0/24");

    final SimConfig config;
    final Fleet fleet;
    /** Every injected incident, the base set's first, with its implied kinds. */
    final List<Incident> incidents = new ArrayList<>();
    /** The catalogue variants among them, with their scripts. */
    final List<IncidentCatalogue.Planned> variants = new ArrayList<>();
    private final List<String> leftOut = new ArrayList<>();
    final EcsEvents events;
    final ContainerInstances instances;
    private final Map<String, SimTask> byId = new HashMap<>();
    /** This account's place among the scenario's accounts (0: the first, {@link SimConfig#accountId}). */
    private final int accountIndex;
    /** With several accounts, the other accounts' simulations (each a single account), else empty. */
    private final List<Simulation> others = new ArrayList<>();
    private int ephemeral;

    public Simulation(SimConfig config) {
        this(config, 0);
        for (int k = 1; k < config.accounts(); k++) {
            others.add(new Simulation(config.account(k), k));
        }
    }

    private Simulation(SimConfig config, int accountIndex) {
        this.accountIndex = accountIndex;
        this.config = config;
        this.fleet = new Fleet(config, new Random(config.seed()));
        fleet.build();
        fleet.overlapClaims(new Random(config.seed() * 7 + 11));
        for (SimTask task : fleet.tasks) {
            byId.put(task.id, task);
        }
        this.instances = new ContainerInstances(this, new Random(config.seed() * 37 + 23));
        this.events = new EcsEvents(this, new Random(config.seed() * 31 + 7));
        for (SimTask task : fleet.tasks) {
            StringBuilder tags = new StringBuilder();
            if (task.reusedIp) {
                tags.append("reused-ip");
            }
            if (task.trunkEniId != null) {
                tags.append(tags.length() == 0 ? "" : ",").append("trunked");
            }
            if (task.overlapsPrevious || task.overlappedByNext) {
                tags.append(tags.length() == 0 ? "" : ",").append("overlapping-claim");
            }
            if (events.lost(task.id)) {
                tags.append(tags.length() == 0 ? "" : ",").append("lost-event");
            } else {
                task.runningDeliveredAt = events.runningDeliveredAt(task.id);
            }
            task.fixedTags = tags.toString();
        }
        if (config.incidents()) {
            if (config.incidentSet().hasBase()) {
                planIncidents(new Random(config.seed() * 17 + 3));
            }
            if (config.incidentSet().hasVariants()) {
                java.util.Set<String> used = new java.util.HashSet<>();
                for (Incident incident : incidents) {
                    used.addAll(incident.taskIds());
                }
                variants.addAll(new IncidentCatalogue(this, new Random(config.seed() * 19 + 13), used, leftOut).plan());
                for (IncidentCatalogue.Planned planned : variants) {
                    incidents.add(planned.incident());
                }
            }
            judgeImpliedKinds();
        }
    }

    /**
     * Every account's simulation, this one (the first account) first: one element for a single-account scenario.
     * Each has its own fleet, events and VPC ({@link #vpcId}), with the same CIDR.
     */
    public List<Simulation> accounts() {
        List<Simulation> all = new ArrayList<>();
        all.add(this);
        all.addAll(others);
        return all;
    }

    /** This account's id. */
    public String accountId() {
        return config.accountId();
    }

    /** This account's VPC: {@link #VPC_ID} for the first account, its own id for each other. */
    public String vpcId() {
        return accountIndex == 0 ? VPC_ID : String.format("vpc-%017x", 0x0a1b2c3d4e5f60718L + accountIndex);
    }

    /** This account's task subnet in zone {@code az}: subnet ids are unique across accounts, as in AWS. */
    String subnetId(int az) {
        return accountIndex == 0 ? Fleet.subnetId(az)
                : "subnet-0" + az + String.format("%015x", 0xa1b2c3d4e5f6a7bL + 0x1000L * accountIndex);
    }

    public FlowLogFormat format() {
        switch (config.format()) {
            case "v5": return FlowLogFormat.parse(V5_FORMAT);
            case "v7": return FlowLogFormat.parse(V7_FORMAT);
            case "v11": return FlowLogFormat.parse(V11_FORMAT);
            default: return FlowLogFormat.defaultFormat();
        }
    }

    public List<Incident> incidents() {
        return incidents;
    }

    /** The catalogue variants that could not be placed (no task lived through a span), each with why. */
    public List<String> leftOut() {
        return leftOut;
    }

    /** The VPC's CIDR blocks: every task, load balancer and resolver address of the fleet lies inside them. */
    public List<String> vpcCidrs() {
        return List.of(Fleet.VPC_CIDR);
    }

    /** The subnets tasks run in, one per availability zone. */
    public List<String> taskSubnets() {
        List<String> subnets = new ArrayList<>();
        for (int az = 0; az < 3; az++) {
            subnets.add(Fleet.subnetCidr(az, config.subnetPrefix()));
        }
        return subnets;
    }

    /**
     * The deny list the injected deny-listed peers are on (addresses and CIDRs, one entry each, as a threat-list
     * file holds them); {@link ScenarioWriter} writes it as {@code deny-list.txt}.
     */
    public List<String> denyList() {
        return config.incidents() && config.incidentSet().hasVariants()
                ? List.of(DENY_LIST.get(0), IncidentCatalogue.DENY_CIDR) : DENY_LIST;
    }

    /** The start of the simulated period: the first capture window's start. */
    public Instant start() {
        return config.start();
    }

    /** The end of the simulated period (exclusive): the last capture window's end. */
    public Instant end() {
        return start().plusSeconds(config.durationMinutes() * 60L);
    }

    long startSecond() {
        return start().getEpochSecond();
    }

    long endSecond() {
        return end().getEpochSecond();
    }

    SimTask task(String id) {
        return byId.get(id);
    }

    private void planIncidents(Random random) {
        long span = endSecond() - startSecond();
        // in the order the first simulator drew them, so a seed still gives the same incidents
        AlertKind[] kinds = {AlertKind.EXFILTRATION, AlertKind.PORT_SCAN, AlertKind.NETWORK_SWEEP,
            AlertKind.THREAT_LIST_MATCH, AlertKind.UNUSUAL_PORT, AlertKind.BEACONING, AlertKind.REJECT_STORM,
            AlertKind.UNKNOWN_WORKLOAD};
        for (int k = 0; k < kinds.length; k++) {
            long at = startSecond() + (span * (k + 1)) / (kinds.length + 2);
            at -= at % config.windowSeconds();
            long until = kinds[k] == AlertKind.BEACONING ? endSecond()
                    : at + Math.max(config.windowSeconds() * 3L, 180);
            List<SimTask> live = fleet.liveThrough(at, until);
            if (live.size() < 2) {
                leftOut.add(Incident.BASE + " " + kinds[k].wireName() + ": fewer than two tasks lived through "
                        + (until - at) / 60 + " minutes from its start");
                continue;
            }
            SimTask task = live.get(random.nextInt(live.size()));
            String peer = switch (kinds[k]) {
                case EXFILTRATION -> "192.0.2.200";
                case PORT_SCAN -> live.get(random.nextInt(live.size())).ip;
                case NETWORK_SWEEP -> Fleet.subnetCidr(task.az, config.subnetPrefix());
                case THREAT_LIST_MATCH -> DENY_LISTED;
                case UNUSUAL_PORT -> "192.0.2.77"; // crypto-mining: a mining pool, on its stratum port
                case BEACONING -> "192.0.2.99";
                case UNKNOWN_WORKLOAD -> fleet.neverHeldAddress();
                default -> null;
            };
            incidents.add(new Incident(kinds[k], task.id, at, until, peer));
        }
    }

    /**
     * Fills in each incident's implied kinds from a dry run of its records ({@link ImpliedKinds}). The dry run has
     * its own random numbers and ephemeral ports are reset per window, so the generated flows are unchanged.
     */
    private void judgeImpliedKinds() {
        int window = config.windowSeconds();
        for (int i = 0; i < incidents.size(); i++) {
            Incident incident = incidents.get(i);
            IncidentCatalogue.Planned planned = planOf(incident);
            List<ImpliedKinds.Observed> records = new ArrayList<>();
            FlowFactory dry = new FlowFactory(this, (record, srcTask, dstTask, tags) ->
                    records.add(new ImpliedKinds.Observed(record, srcTask, dstTask)), new Random(0));
            for (long ws = startSecond(); ws < endSecond(); ws += window) {
                if (incident.start() <= ws && ws < incident.end()) {
                    ephemeral = 0;
                    if (planned == null) {
                        dry.incident(incident, ws);
                    } else {
                        dry.scripted(planned, ws);
                    }
                }
            }
            Incident judged = incident.withImplied(ImpliedKinds.of(this, incident, records));
            incidents.set(i, judged);
            if (planned != null) {
                variants.set(variants.indexOf(planned), new IncidentCatalogue.Planned(judged, planned.script(),
                        planned.seed()));
            }
        }
    }

    private IncidentCatalogue.Planned planOf(Incident incident) {
        for (IncidentCatalogue.Planned planned : variants) {
            if (planned.incident() == incident) {
                return planned;
            }
        }
        return null;
    }

    /** Emits every record of every capture window, in time order. */
    public void generate(FlowSink sink) {
        generate(sink, done -> { });
    }

    /**
     * As {@link #generate(FlowSink)}, reporting the share of windows done (0 to 1) after each window. With several
     * accounts, each window holds every account's records, the first account's first.
     */
    public void generate(FlowSink sink, java.util.function.DoubleConsumer progress) {
        List<Windows> accounts = new ArrayList<>();
        for (Simulation account : accounts()) {
            accounts.add(account.new Windows(sink));
        }
        int window = config.windowSeconds();
        for (long ws = startSecond(); ws < endSecond(); ws += window) {
            for (Windows account : accounts) {
                account.window(ws);
            }
            progress.accept((double) (ws + window - startSecond()) / (endSecond() - startSecond()));
        }
    }

    /** One account's records, window by window, from its own random numbers. */
    private final class Windows {
        private final FlowFactory flows;
        // the variants' records have random numbers of their own, so the base set's records are the same with them
        private final FlowFactory variantFlows;

        Windows(FlowSink sink) {
            this.flows = new FlowFactory(Simulation.this, sink, new Random(config.seed() * 13 + 5));
            this.variantFlows = new FlowFactory(Simulation.this, sink, new Random(config.seed() * 23 + 11));
        }

        void window(long ws) {
            int window = config.windowSeconds();
            ephemeral = 0;
            double diurnal = 1 + 0.5 * Math.sin(2 * Math.PI * ((ws / 3600.0) % 24) / 24);
            List<SimTask> live = fleet.liveThrough(ws, ws + window);
            flows.beginWindow(live);
            for (SimTask task : live) {
                flows.windowOf(task, ws, diurnal);
            }
            for (Incident incident : incidents) {
                if (incident.variant().equals(Incident.BASE) && incident.start() <= ws && ws < incident.end()) {
                    flows.incident(incident, ws);
                }
            }
            for (IncidentCatalogue.Planned planned : variants) {
                if (planned.incident().start() <= ws && ws < planned.incident().end()) {
                    variantFlows.scripted(planned, ws);
                }
            }
        }
    }

    /** A fresh ephemeral port: unique within a window, so every record has a unique key. */
    int nextEphemeralPort() {
        return 32768 + (ephemeral++ % 28000);
    }

    static FlowRecord base(String accountId) {
        FlowRecord record = new FlowRecord();
        record.accountId = accountId;
        return record;
    }
}
