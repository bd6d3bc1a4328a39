package dev.flowlens.sim;

import dev.flowlens.schemas.FlowRecord;
import java.util.List;
import java.util.Random;

/**
 * Turns one task's window of activity (and the incidents) into flow-log records the way VPC Flow Logs would write
 * them: one record per 5-tuple per recording ENI; both ENIs of an east-west conversation log their own record; the
 * v5/v7 fields describe the local side (the ECS fields best effort, local side only).
 */
final class FlowFactory {
    private static final String CLUSTER = "prod";
    private final Simulation sim;
    private final FlowSink sink;
    private final Random random;

    /** The current window's live tasks, by service index. */
    private List<List<SimTask>> liveByService = new java.util.ArrayList<>();

    FlowFactory(Simulation sim, FlowSink sink, Random random) {
        this.sim = sim;
        this.sink = sink;
        this.random = random;
    }

    /** Indexes the tasks live in the window about to be generated. */
    void beginWindow(List<SimTask> live) {
        liveByService = new java.util.ArrayList<>();
        for (int s = 0; s < sim.fleet.serviceNames.length; s++) {
            liveByService.add(new java.util.ArrayList<>());
        }
        for (SimTask task : live) {
            int service = task.standalone ? -1 : sim.fleet.serviceIndex(task.service);
            if (service >= 0) {
                liveByService.get(service).add(task);
            }
        }
    }

    void windowOf(SimTask task, long ws, double diurnal) {
        Fleet fleet = sim.fleet;
        if (random.nextInt(100) == 0) {
            if (task.trunkEniId == null) { // one NODATA per interface and window: a shared trunk cannot have it
                noData(task, ws);
            }
            return;
        }
        int service = task.standalone ? -1 : fleet.serviceIndex(task.service);
        if (service >= 0) {
            for (int d : fleet.downstream[service]) {
                List<SimTask> targets = liveByService.get(d);
                if (!targets.isEmpty()) {
                    SimTask target = targets.get(random.nextInt(targets.size()));
                    eastWest(task, target, 8080, ws, diurnal);
                }
            }
            if (service < 2) { // the front services take load-balancer traffic
                String lb = Fleet.LOAD_BALANCERS[random.nextInt(Fleet.LOAD_BALANCERS.length)];
                one(task, false, lb, sim.nextEphemeralPort(), task.ip, 8080, 6, "ACCEPT", ws, scaled(40, diurnal),
                        null, null, "");
            }
        }
        if (random.nextInt(3) == 0) {
            String s3 = Simulation.S3_ADDRESSES[random.nextInt(Simulation.S3_ADDRESSES.length)];
            one(task, true, task.ip, sim.nextEphemeralPort(), s3, 443, 6, "ACCEPT", ws, scaled(120, diurnal),
                    null, "S3", "");
        }
        if (random.nextInt(5) == 0) {
            String dynamo = Simulation.DYNAMODB_ADDRESSES[random.nextInt(Simulation.DYNAMODB_ADDRESSES.length)];
            one(task, true, task.ip, sim.nextEphemeralPort(), dynamo, 443, 6, "ACCEPT", ws, scaled(20, diurnal),
                    null, "DYNAMODB", "");
        }
        if (random.nextInt(4) == 0) {
            String api = Simulation.INTERNET_APIS[random.nextInt(Simulation.INTERNET_APIS.length)];
            one(task, true, task.ip, sim.nextEphemeralPort(), api, 443, 6, "ACCEPT", ws, scaled(15, diurnal), null,
                    null, "");
        }
        if (random.nextInt(2) == 0) {
            one(task, true, task.ip, sim.nextEphemeralPort(), Fleet.RESOLVER, 53, 17, "ACCEPT", ws, 2, null, null,
                    "");
        }
        if (random.nextInt(50) == 0) { // the internet knocks; the security group says no
            String scanner = "203.0.113." + (100 + random.nextInt(100));
            one(task, false, scanner, sim.nextEphemeralPort(), task.ip, 22, 6, "REJECT", ws, 1, null, null, "");
        }
    }

    /** The internet hosts (not AWS's) that {@link #windowOf} has tasks of every service call. */
    static final java.util.Set<String> NORMAL_INTERNET_PEERS = java.util.Set.of(Simulation.INTERNET_APIS);

    /**
     * The destination ports {@link #windowOf} has {@code task} send to: 443 (S3, DynamoDB, internet APIs), 53 (the
     * resolver), and 8080 when its service calls other services. What an incident does beyond them is unusual.
     */
    static java.util.Set<String> normalEgressPorts(Fleet fleet, SimTask task) {
        int service = task.standalone ? -1 : fleet.serviceIndex(task.service);
        // protocol/port: HTTPS on TCP, DNS on UDP, and the services' own TCP port east-west
        return service >= 0 && fleet.downstream[service].length > 0 ? java.util.Set.of("6/443", "17/53", "6/8080")
                : java.util.Set.of("6/443", "17/53");
    }

    /**
     * The records of a catalogue variant's window, from its script, tagged {@code incident:<kind>} and
     * {@code variant:<name>}. The script draws from a random of its own for the window, so a dry run (to judge the
     * incident's implied kinds) makes the same records.
     */
    void scripted(IncidentCatalogue.Planned planned, long ws) {
        Incident incident = planned.incident();
        String tag = "incident:" + incident.kind().wireName() + ",variant:" + incident.variant();
        Random own = new Random(planned.seed() * 1_000_003L + ws);
        planned.script().window(ws, own, new IncidentCatalogue.IncidentFlows() {
            @Override
            public void egress(SimTask task, int sport, String dst, int dport, int protocol, String action,
                    long packets, long at) {
                SimTask owner = sim.fleet.ownerAt(dst, ws);
                String dstTask = owner == null ? null : owner.id;
                emit(task, true, task.ip, sport, dst, dport, protocol, action, ws, at, packets, task.id, dstTask,
                        null, tag);
            }

            @Override
            public void ingress(SimTask task, String src, int sport, int dport, int protocol, String action,
                    long packets) {
                SimTask owner = sim.fleet.ownerAt(src, ws);
                String srcTask = owner == null ? null : owner.id;
                emit(task, false, src, sport, task.ip, dport, protocol, action, ws, -1, packets, srcTask, task.id,
                        null, tag);
            }

            @Override
            public int ephemeralPort() {
                return sim.nextEphemeralPort();
            }
        });
    }

    void incident(Incident incident, long ws) {
        SimTask task = sim.task(incident.taskId());
        String tag = "incident:" + incident.kind().wireName();
        switch (incident.kind()) {
            case EXFILTRATION:
                one(task, true, task.ip, sim.nextEphemeralPort(), incident.peer(), 443, 6, "ACCEPT", ws, 150_000,
                        null, null, tag);
                break;
            case PORT_SCAN:
                SimTask victim = sim.fleet.ownerAt(incident.peer(), ws);
                int sport = sim.nextEphemeralPort();
                for (int port = 1; port <= 200; port++) {
                    String action = port == 8080 ? "ACCEPT" : "REJECT";
                    one(task, true, task.ip, sport, incident.peer(), port, 6, action, ws, 1,
                            victim == null ? null : victim.id, null, tag);
                }
                break;
            case NETWORK_SWEEP:
                int base = task.az * 16 * 256;
                for (int i = 4; i < 104; i++) {
                    String target = "10.0." + ((base + i) >>> 8) + "." + ((base + i) & 255);
                    SimTask owner = sim.fleet.ownerAt(target, ws);
                    one(task, true, task.ip, sim.nextEphemeralPort(), target, 22, 6, "REJECT", ws, 1,
                            owner == null ? null : owner.id, null, tag);
                }
                break;
            case THREAT_LIST_MATCH:
                one(task, true, task.ip, sim.nextEphemeralPort(), incident.peer(), 443, 6, "ACCEPT", ws, 30, null,
                        null, tag);
                break;
            case UNUSUAL_PORT:
                one(task, true, task.ip, sim.nextEphemeralPort(), incident.peer(), 3333, 6, "ACCEPT", ws, 400, null,
                        null, tag);
                break;
            case BEACONING:
                one(task, true, task.ip, sim.nextEphemeralPort(), incident.peer(), 8443, 6, "ACCEPT", ws, 3, null,
                        null, tag);
                break;
            case REJECT_STORM:
                if (ws == incident.start()) {
                    for (int i = 0; i < 300; i++) {
                        String source = "192.0.2." + (1 + random.nextInt(250));
                        one(task, false, source, sim.nextEphemeralPort(), task.ip, 443, 6, "REJECT", ws, 1, null,
                                null, tag);
                    }
                }
                break;
            case UNKNOWN_WORKLOAD:
                one(task, false, incident.peer(), sim.nextEphemeralPort(), task.ip, 8080, 6, "ACCEPT", ws, 25, null,
                        null, tag);
                break;
            default:
                throw new IllegalStateException("the simulator injects no " + incident.kind().wireName());
        }
    }

    private void eastWest(SimTask from, SimTask to, int port, long ws, double diurnal) {
        if (from.recordedInterface().equals(to.recordedInterface())) {
            return; // branch ENIs on one trunk: the trunk's log could not tell the two records apart
        }
        int sport = sim.nextEphemeralPort();
        long packets = scaled(60, diurnal);
        emit(from, true, from.ip, sport, to.ip, port, 6, "ACCEPT", ws, packets, from.id, to.id, null, "");
        emit(to, false, from.ip, sport, to.ip, port, 6, "ACCEPT", ws, packets, from.id, to.id, null, "");
    }

    /** A record on {@code task}'s ENI with a peer that is not a task (or a given task id for the other end). */
    private void one(SimTask task, boolean egress, String src, int sport, String dst, int dport, int protocol,
            String action, long ws, long packets, String peerTask, String awsService, String tag) {
        String srcTask = egress ? task.id : peerTask;
        String dstTask = egress ? peerTask : task.id;
        emit(task, egress, src, sport, dst, dport, protocol, action, ws, packets, srcTask, dstTask, awsService, tag);
    }

    private void emit(SimTask local, boolean egress, String src, int sport, String dst, int dport, int protocol,
            String action, long ws, long packets, String srcTask, String dstTask, String awsService, String tag) {
        emit(local, egress, src, sport, dst, dport, protocol, action, ws, -1, packets, srcTask, dstTask, awsService,
                tag);
    }

    /** As above; {@code at}, when not -1, is the capture start within the window (a beacon's beat). */
    private void emit(SimTask local, boolean egress, String src, int sport, String dst, int dport, int protocol,
            String action, long ws, long at, long packets, String srcTask, String dstTask, String awsService,
            String tag) {
        FlowRecord record = Simulation.base(sim.config.accountId());
        record.version = versionNumber();
        record.interfaceId = local.recordedInterface();
        record.srcAddr = src;
        record.dstAddr = dst;
        record.srcPort = sport;
        record.dstPort = dport;
        record.protocol = protocol;
        record.packets = packets;
        record.bytes = packets * (60 + random.nextInt(1400));
        boolean incident = !tag.isEmpty();
        long last = ws + sim.config.windowSeconds() - 1;
        if (at >= 0) {
            record.start = at;
            record.end = Math.min(last, at + 1 + random.nextInt(20));
        } else {
            record.start = incident ? ws : ws + random.nextInt(5); // incident peers' owners are looked up at ws
            record.end = last - random.nextInt(5);
        }
        record.action = action;
        record.logStatus = "OK";
        localFields(record, local, egress);
        if (sim.config.format().equals("v11")) {
            nextHop(record, egress ? dstTask : srcTask);
        }
        if (awsService != null) {
            if (egress) {
                record.pktDstAwsService = awsService;
            } else {
                record.pktSrcAwsService = awsService;
            }
        }
        record.tcpFlags = protocol == 6 ? ("REJECT".equals(action) ? 2 : 19) : null;
        record.trafficPath = egress && record.pktDstAwsService == null && !dst.startsWith("10.") ? 8 : null;
        sink.accept(record, srcTask, dstTask, tags(srcTask, dstTask, tag, record.end));
    }

    private void noData(SimTask task, long ws) {
        FlowRecord record = Simulation.base(sim.config.accountId());
        record.version = versionNumber();
        record.interfaceId = task.recordedInterface();
        record.start = ws;
        record.end = ws + sim.config.windowSeconds() - 1;
        record.logStatus = random.nextInt(5) == 0 ? "SKIPDATA" : "NODATA"; // SKIPDATA: capacity or an error
        localFields(record, task, true);
        record.flowDirection = null;
        // the record is its interface's: the task's own ENI names the task; a trunk's (many branch ENIs) names none
        String owner = task.trunkEniId == null ? task.id : null;
        sink.accept(record, owner, null, record.logStatus.toLowerCase(java.util.Locale.ROOT));
    }

    private void localFields(FlowRecord record, SimTask local, boolean egress) {
        if (sim.config.format().equals("v2")) {
            return;
        }
        record.vpcId = sim.vpcId();
        record.subnetId = sim.subnetId(local.az);
        record.azId = "use1-az" + (local.az + 1);
        record.type = "IPv4";
        record.pktSrcAddr = record.srcAddr;
        record.pktDstAddr = record.dstAddr;
        record.flowDirection = egress ? "egress" : "ingress";
        if (sim.config.format().equals("v7") || sim.config.format().equals("v11")) {
            String arnBase = "arn:aws:ecs:" + sim.config.region() + ":" + sim.config.accountId() + ":";
            String cluster = local.standalone ? "batch" : CLUSTER;
            record.ecsClusterName = cluster;
            record.ecsClusterArn = arnBase + "cluster/" + cluster;
            record.ecsServiceName = local.standalone ? null : local.service;
            record.ecsTaskDefinitionArn = arnBase + "task-definition/" + local.service + ":12";
            record.ecsTaskArn = arnBase + "task/" + cluster + "/" + local.id;
            record.ecsTaskId = local.id;
        }
        if (sim.config.format().equals("v11")) {
            v11Fields(record, local);
        }
    }

    /**
     * Version 11's tag values and interface type for a task's interface. AWS fills {@code interface-type} only for
     * interfaces it manages (nat_gateway, network_load_balancer, regional_nat_gateway, transit_gateway,
     * vpc_endpoint), so a task's ENI has none. The flow log's tag-field specification is taken to name the
     * {@code Name} and {@code cluster} keys: EC2 container instances (the trunked tasks' hosts) and their Auto Scaling
     * group carry them; ECS does not put the user's tags on task ENIs, so {@code interface-tag} is absent.
     */
    private void v11Fields(FlowRecord record, SimTask local) {
        if (local.trunkEniId != null) {
            String cluster = local.standalone ? "batch" : CLUSTER;
            record.instanceTag = cluster + "-container-instance";
            record.instanceTag2 = cluster;
            record.asgTag = cluster + "-capacity";
            record.asgTag2 = cluster;
        }
    }

    /** The next hop of a record whose peer is a task: the peer task's interface (for egress the receiver's). */
    private void nextHop(FlowRecord record, String peerTask) {
        if (peerTask == null) {
            return; // an internet, AWS-service or load-balancer peer: the simulator does not model that hop
        }
        SimTask peer = sim.task(peerTask);
        record.nextHopInterfaceId = peer.recordedInterface();
        record.nextHopSubnetId = sim.subnetId(peer.az);
        record.nextHopAzId = "use1-az" + (peer.az + 1);
        record.nextHopVpcId = sim.vpcId();
    }

    private Integer versionNumber() {
        switch (sim.config.format()) {
            case "v5": return 5;
            case "v7": return 7;
            case "v11": return 11;
            default: return 2;
        }
    }

    /** Situation labels for scoring: reused IP, trunked task, metadata late (after the flow) or lost. */
    private String tags(String srcTask, String dstTask, String tag, long flowEnd) {
        String src = srcTask == null ? "" : sim.task(srcTask).tags(flowEnd);
        String dst = dstTask == null ? "" : sim.task(dstTask).tags(flowEnd);
        if (src.isEmpty() || dst.isEmpty() || src.equals(dst)) { // the common cases, without splitting
            String task = src.isEmpty() ? dst : src;
            return tag.isEmpty() ? task : task.isEmpty() ? tag : tag + "," + task;
        }
        StringBuilder tags = new StringBuilder(tag);
        for (String part : (src + "," + dst).split(",")) {
            if (!part.isEmpty() && tags.indexOf(part) < 0) {
                tags.append(tags.length() == 0 ? "" : ",").append(part);
            }
        }
        return tags.toString();
    }

    private long scaled(int mean, double diurnal) {
        return Math.max(1, Math.round(mean * diurnal * (0.5 + random.nextDouble())));
    }
}
