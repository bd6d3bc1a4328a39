package dev.flowlens.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.ingest.FlowLineWriter;
import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.ingest.S3ObjectKey;
import dev.flowlens.schemas.FlowRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a simulation to a directory:
 * <ul>
 *   <li>{@code flowlogs/}: S3 objects in AWS's layout ({@code AWSLogs/{account}/vpcflowlogs/{region}/yyyy/MM/dd/
 *       ..._{yyyyMMddTHHmmZ}_....log.gz}, gzip, a header line, one object per five minutes), or one plain
 *       {@code flowlogs.log} of lines without header ({@code layout = lines});</li>
 *   <li>{@code metadata/events.jsonl} (ECS events in delivery order) and {@code metadata/snapshot.json}
 *       (DescribeTasks at the start); {@code metadata/network-interfaces.json} ({@code aws ec2
 *       describe-network-interfaces} at the end: the ENIs that still exist then) and {@code metadata/services.json}
 *       ({@code aws ecs describe-services}, with each service's awsvpc security groups); the capacity exports
 *       of {@link CapacityExports} ({@code metadata/subnets.json}, {@code metadata/container-instances.json},
 *       {@code metadata/instance-types.json}, {@code truth/placements.tsv},
 *       {@code truth/container-instances.tsv});</li>
 *   <li>{@code truth/flows.tsv} (each record's key and true tasks, with situation tags),
 *       {@code truth/incidents.json}, {@code truth/tasks.tsv};</li>
 *   <li>{@code scenario.json} (format, VPC and subnet CIDRs) and {@code deny-list.txt}.</li>
 * </ul>
 * With several accounts ({@link SimConfig#accounts}) the flow logs, events, snapshot, ENI and service exports and
 * {@code truth/tasks.tsv} (with an {@code account_id} column) cover every account; the capacity exports and the
 * incidents are the first account's. With one, every file is as before.
 */
public final class ScenarioWriter {
    private static final DateTimeFormatter OBJECT_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'")
            .withZone(ZoneOffset.UTC);
    private static final long OBJECT_SECONDS = 300;

    public enum Layout { S3, LINES, CLOUDWATCH }

    private final Simulation sim;
    private final Path out;
    private final Layout layout;
    private final ObjectMapper json = new ObjectMapper();

    private java.util.function.DoubleConsumer progress = done -> { };

    public ScenarioWriter(Simulation sim, Path out, Layout layout) {
        this.sim = sim;
        this.out = out;
        this.layout = layout;
    }

    /** Reports the share of the simulated time written so far, after each capture window. */
    public ScenarioWriter onProgress(java.util.function.DoubleConsumer listener) {
        this.progress = listener;
        return this;
    }

    /** Writes everything; returns the number of flow-log records. */
    public long write() throws IOException {
        Files.createDirectories(out.resolve("metadata"));
        Files.createDirectories(out.resolve("truth"));
        writeMetadata();
        long records = writeFlows();
        writeTruthExtras();
        return records;
    }

    private long writeFlows() throws IOException {
        FlowLogFormat format = sim.format();
        long[] count = {0};
        try (OutputStream truthFile = new BufferedOutputStream(Files.newOutputStream(out.resolve("truth/flows.tsv")),
                        1 << 16);
                FlowOutput flows = layout == Layout.LINES ? new LinesOutput(out.resolve("flowlogs.log"), format)
                        : layout == Layout.CLOUDWATCH ? new CloudWatchOutput(out.resolve("flowlogs"), format)
                        : new S3Output(out.resolve("flowlogs"), format)) {
            truthFile.write("key\tsrc_task\tdst_task\ttags\n".getBytes(StandardCharsets.US_ASCII));
            TruthRows truth = new TruthRows(truthFile);
            sim.generate((record, srcTask, dstTask, tags) -> {
                try {
                    flows.write(record);
                    truth.write(record, srcTask, dstTask, tags);
                    count[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, progress);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return count[0];
    }

    private void writeMetadata() throws IOException {
        java.util.List<Simulation> accounts = sim.accounts();
        try (Writer events = Files.newBufferedWriter(out.resolve("metadata/events.jsonl"), StandardCharsets.UTF_8)) {
            for (EcsEvents.Delivery delivery : deliveries(accounts)) {
                events.write(delivery.json());
                events.write('\n');
            }
        }
        Files.writeString(out.resolve("metadata/snapshot.json"), snapshot(accounts));
        ObjectNode enis = null;
        ObjectNode services = null;
        for (Simulation account : accounts) { // one export of every account, as a central pipeline gathers them
            ObjectNode ofAccount = networkInterfaces(account);
            ObjectNode servicesOfAccount = services(account, json);
            if (enis == null) {
                enis = ofAccount;
                services = servicesOfAccount;
            } else {
                ((ArrayNode) enis.get("NetworkInterfaces")).addAll((ArrayNode) ofAccount.get("NetworkInterfaces"));
                ((ArrayNode) services.get("services")).addAll((ArrayNode) servicesOfAccount.get("services"));
            }
        }
        Files.writeString(out.resolve("metadata/network-interfaces.json"), json.writerWithDefaultPrettyPrinter()
                .writeValueAsString(enis));
        Files.writeString(out.resolve("metadata/services.json"), json.writerWithDefaultPrettyPrinter()
                .writeValueAsString(services));
        new CapacityExports(sim, json).write(out);
        ObjectNode scenario = json.createObjectNode();
        scenario.put("seed", sim.config.seed());
        scenario.put("account-id", sim.config.accountId());
        scenario.put("region", sim.config.region());
        scenario.put("start", sim.start().toString());
        scenario.put("duration-minutes", sim.config.durationMinutes());
        scenario.put("window-seconds", sim.config.windowSeconds());
        scenario.put("format", sim.format().toAwsFormatString());
        scenario.put("vpc-cidr", Fleet.VPC_CIDR);
        ArrayNode subnets = scenario.putArray("task-subnets");
        sim.taskSubnets().forEach(subnets::add);
        if (accounts.size() > 1) { // several accounts, each with its own VPC of the same CIDR
            ArrayNode list = scenario.putArray("accounts");
            for (Simulation account : accounts) {
                list.addObject().put("account-id", account.accountId()).put("vpc-id", account.vpcId());
            }
        }
        scenario.put("deny-list", "deny-list.txt");
        Files.writeString(out.resolve("scenario.json"), json.writerWithDefaultPrettyPrinter()
                .writeValueAsString(scenario));
        Files.writeString(out.resolve("deny-list.txt"), "# demo deny list (TEST-NET-2)\n"
                + String.join("\n", sim.denyList()) + "\n");
    }

    /** Every account's events in delivery order (a stable merge: one account's order is kept). */
    private static java.util.List<EcsEvents.Delivery> deliveries(java.util.List<Simulation> accounts) {
        if (accounts.size() == 1) {
            return accounts.get(0).events.deliveries();
        }
        java.util.List<EcsEvents.Delivery> all = new java.util.ArrayList<>();
        accounts.forEach(account -> all.addAll(account.events.deliveries()));
        all.sort(java.util.Comparator.comparingLong(EcsEvents.Delivery::deliveredAt));
        return all;
    }

    /** DescribeTasks at the start, of every account. */
    private String snapshot(java.util.List<Simulation> accounts) throws IOException {
        if (accounts.size() == 1) {
            return accounts.get(0).events.snapshot();
        }
        ObjectNode root = null;
        for (Simulation account : accounts) {
            ObjectNode of = (ObjectNode) json.readTree(account.events.snapshot());
            if (root == null) {
                root = of;
            } else {
                ((ArrayNode) root.get("tasks")).addAll((ArrayNode) of.get("tasks"));
            }
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    /**
     * {@code aws ec2 describe-network-interfaces} as a user would export it at the end of the run: the ENIs that exist
     * then ({@link AccountAtEnd#networkInterfaces}).
     */
    private ObjectNode networkInterfaces(Simulation sim) {
        ObjectNode root = json.createObjectNode();
        ArrayNode enis = root.putArray("NetworkInterfaces");
        for (AccountAtEnd.Eni described : AccountAtEnd.networkInterfaces(sim)) {
            ObjectNode eni = networkInterface(sim, enis, described.id(), described.ip(), described.az(), described.type(),
                    described.requesterManaged(), described.groups());
            eni.put("Description", described.description());
            ObjectNode attachment = eni.putObject("Attachment");
            attachment.put("AttachTime", described.attachTime());
            attachment.put("AttachmentId", described.attachmentId());
            attachment.put("DeleteOnTermination", described.deleteOnTermination());
            attachment.put("DeviceIndex", 1);
            attachment.put("NetworkCardIndex", 0);
            if (described.instanceId() != null) {
                attachment.put("InstanceId", described.instanceId());
            }
            attachment.put("InstanceOwnerId", described.instanceOwnerId());
            attachment.put("Status", "attached");
            if (described.requesterId() != null) {
                eni.put("RequesterId", described.requesterId());
            }
        }
        return root;
    }

    private ObjectNode networkInterface(Simulation sim, ArrayNode enis, String id, String ip, int az, String type,
            boolean requesterManaged, java.util.List<String> groups) {
        ObjectNode eni = enis.addObject();
        eni.put("AvailabilityZone", sim.config.region() + (char) ('a' + az));
        ArrayNode groupNodes = eni.putArray("Groups");
        for (String group : groups) {
            groupNodes.addObject().put("GroupId", group).put("GroupName", sim.fleet.groupNames.get(group));
        }
        eni.put("InterfaceType", type);
        eni.putArray("Ipv6Addresses");
        eni.put("NetworkInterfaceId", id);
        eni.put("OwnerId", sim.config.accountId());
        String dns = "ip-" + ip.replace('.', '-') + "." + sim.config.region() + ".compute.internal";
        eni.put("PrivateDnsName", dns);
        eni.put("PrivateIpAddress", ip);
        eni.putArray("PrivateIpAddresses").addObject().put("Primary", true).put("PrivateDnsName", dns)
                .put("PrivateIpAddress", ip);
        eni.put("RequesterManaged", requesterManaged);
        eni.put("SourceDestCheck", true);
        eni.put("Status", "in-use");
        eni.put("SubnetId", sim.subnetId(az));
        eni.putArray("TagSet");
        eni.put("VpcId", sim.vpcId());
        return eni;
    }

    /**
     * {@code aws ecs describe-services} of the services cluster, with each service's awsvpc configuration: the
     * CLI's output is the API's JSON, so the local endpoint serves the same objects.
     */
    static ObjectNode services(Simulation sim, ObjectMapper json) {
        Fleet fleet = sim.fleet;
        String arnBase = "arn:aws:ecs:" + sim.config.region() + ":" + sim.config.accountId() + ":";
        ObjectNode root = json.createObjectNode();
        ArrayNode services = root.putArray("services");
        for (int s = 0; s < fleet.serviceNames.length; s++) {
            String name = fleet.serviceNames[s];
            ObjectNode service = services.addObject();
            service.put("serviceArn", arnBase + "service/prod/" + name);
            service.put("serviceName", name);
            service.put("clusterArn", arnBase + "cluster/prod");
            service.put("status", "ACTIVE");
            service.put("launchType", fleet.trunked[s] || sim.instances.untrunked[s] ? "EC2" : "FARGATE");
            ObjectNode awsvpc = service.putObject("networkConfiguration").putObject("awsvpcConfiguration");
            ArrayNode subnets = awsvpc.putArray("subnets");
            for (int az = 0; az < 3; az++) {
                subnets.add(sim.subnetId(az));
            }
            ArrayNode groups = awsvpc.putArray("securityGroups");
            fleet.serviceGroups.get(s).forEach(groups::add);
            awsvpc.put("assignPublicIp", "DISABLED");
        }
        root.putArray("failures");
        return root;
    }

    private void writeTruthExtras() throws IOException {
        ArrayNode incidents = json.createArrayNode();
        for (Incident incident : sim.incidents()) { // by hand: the kind is its wire name, as alerts write it
            ObjectNode node = incidents.addObject();
            node.put("kind", incident.kind().wireName());
            node.put("variant", incident.variant());
            node.put("taskId", incident.taskId()); // the first of taskIds, as scenarios with one task per incident had
            ArrayNode tasks = node.putArray("taskIds");
            incident.taskIds().forEach(tasks::add);
            node.put("start", incident.start());
            node.put("end", incident.end());
            node.put("peer", incident.peer());
            ArrayNode implied = node.putArray("implied");
            incident.implied().forEach(kind -> implied.add(kind.wireName()));
        }
        Files.writeString(out.resolve("truth/incidents.json"), json.writerWithDefaultPrettyPrinter()
                .writeValueAsString(incidents));
        boolean several = sim.accounts().size() > 1; // one account: the file as before, without the column
        try (Writer tasks = Files.newBufferedWriter(out.resolve("truth/tasks.tsv"), StandardCharsets.UTF_8)) {
            tasks.write("task_id\tservice\tip\teni\trecorded_interface\tcreated_at\tstopped_at\treused_ip"
                    + "\tsecurity_groups" + (several ? "\taccount_id" : "") + "\n");
            for (Simulation account : sim.accounts()) {
                for (SimTask task : account.fleet.tasks) {
                    tasks.write(task.id + "\t" + task.service + "\t" + task.ip + "\t" + task.eniId + "\t"
                            + task.recordedInterface() + "\t" + task.createdAt + "\t"
                            + (task.stoppedAt < 0 ? "-" : Long.toString(task.stoppedAt)) + "\t" + task.reusedIp
                            + "\t" + String.join(",", task.securityGroups)
                            + (several ? "\t" + account.accountId() : "") + "\n");
                }
            }
        }
    }

    private interface FlowOutput extends AutoCloseable {
        void write(FlowRecord record) throws IOException;

        @Override
        void close() throws IOException;
    }

    /** Plain lines, no header: the fastest output, for benchmarks and piping. */
    private static final class LinesOutput implements FlowOutput {
        private final OutputStream stream;
        private final FlowLineWriter lines;

        LinesOutput(Path file, FlowLogFormat format) throws IOException {
            this.stream = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            this.lines = new FlowLineWriter(format);
        }

        @Override
        public void write(FlowRecord record) throws IOException {
            lines.write(record, stream);
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    /**
     * CloudWatch Logs subscription payloads, as a subscription filter delivers them to Kinesis or Lambda: one gzip
     * JSON {@code DATA_MESSAGE} per log stream (the interface, {@code eni-...-all}) and five minutes, with the lines
     * as {@code logEvents[].message} and no header (readers need the format from configuration).
     */
    private final class CloudWatchOutput implements FlowOutput {
        private final Path root;
        private final FlowLineWriter lines;
        private final java.util.Map<String, java.io.ByteArrayOutputStream> streams = new java.util.TreeMap<>();
        private final com.fasterxml.jackson.core.JsonFactory factory = new com.fasterxml.jackson.core.JsonFactory();
        /** Each interface's account: the payload's owner. */
        private final java.util.Map<String, String> owners = new java.util.HashMap<>();
        private long currentChunk = Long.MIN_VALUE;
        private long eventId;

        CloudWatchOutput(Path root, FlowLogFormat format) throws IOException {
            this.root = root;
            this.lines = new FlowLineWriter(format);
            Files.createDirectories(root);
        }

        @Override
        public void write(FlowRecord record) throws IOException {
            long chunk = record.start - record.start % OBJECT_SECONDS;
            if (chunk != currentChunk) {
                flush();
                currentChunk = chunk;
            }
            if (record.accountId != null) {
                owners.put(record.interfaceId, record.accountId);
            }
            lines.write(record, streams.computeIfAbsent(record.interfaceId, k -> new java.io.ByteArrayOutputStream()));
        }

        private void flush() throws IOException {
            for (java.util.Map.Entry<String, java.io.ByteArrayOutputStream> stream : streams.entrySet()) {
                Path file = root.resolve(OBJECT_TIME.format(Instant.ofEpochSecond(currentChunk)) + "_"
                        + stream.getKey() + ".json.gz");
                try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(file));
                        com.fasterxml.jackson.core.JsonGenerator payload = factory.createGenerator(gz)) {
                    payload.writeStartObject();
                    payload.writeStringField("messageType", "DATA_MESSAGE");
                    payload.writeStringField("owner", owners.getOrDefault(stream.getKey(), sim.config.accountId()));
                    payload.writeStringField("logGroup", "/vpc/flow-logs");
                    payload.writeStringField("logStream", stream.getKey() + "-all");
                    payload.writeArrayFieldStart("subscriptionFilters");
                    payload.writeString("flowlens");
                    payload.writeEndArray();
                    payload.writeArrayFieldStart("logEvents");
                    for (String line : stream.getValue().toString(StandardCharsets.UTF_8).split("\n")) {
                        payload.writeStartObject();
                        payload.writeStringField("id", Long.toString(++eventId));
                        payload.writeNumberField("timestamp", (currentChunk + OBJECT_SECONDS) * 1000);
                        payload.writeStringField("message", line);
                        payload.writeEndObject();
                    }
                    payload.writeEndArray();
                    payload.writeEndObject();
                }
            }
            streams.clear();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /**
     * S3 objects as AWS delivers them: gzip, a header line, one object per five minutes of capture and account
     * (each account's under its own {@code AWSLogs/{account}/} prefix, as a central bucket receives them).
     */
    private final class S3Output implements FlowOutput {
        private final Path root;
        private final FlowLogFormat format;
        private final FlowLineWriter lines;
        private final java.util.Map<String, OutputStream> current = new java.util.LinkedHashMap<>();
        private long currentChunk = Long.MIN_VALUE;

        S3Output(Path root, FlowLogFormat format) {
            this.root = root;
            this.format = format;
            this.lines = new FlowLineWriter(format);
        }

        @Override
        public void write(FlowRecord record) throws IOException {
            long chunk = record.start - record.start % OBJECT_SECONDS;
            if (chunk != currentChunk) {
                close();
                currentChunk = chunk;
            }
            String account = record.accountId != null ? record.accountId : sim.config.accountId();
            OutputStream stream = current.get(account);
            if (stream == null) {
                stream = open(chunk, account);
                current.put(account, stream);
            }
            lines.write(record, stream);
        }

        private OutputStream open(long chunk, String account) throws IOException {
            Instant at = Instant.ofEpochSecond(chunk);
            String region = sim.config.region();
            String dayPrefix = S3ObjectKey.dayPrefix("", account, region, at.atZone(ZoneOffset.UTC).toLocalDate());
            String name = account + "_vpcflowlogs_" + region + "_fl-0a1b2c3d4e5f6a7b8_" + OBJECT_TIME.format(at)
                    + "_" + String.format("%08x", Long.hashCode(chunk * 31 + sim.config.seed())) + ".log.gz";
            Path file = root.resolve(dayPrefix).resolve(name);
            Files.createDirectories(file.getParent());
            OutputStream stream = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16),
                    1 << 16) {
                {
                    def.setLevel(1); // AWS's objects are gzip; speed matters more than ratio here
                }
            };
            stream.write((format.toHeaderLine() + "\n").getBytes(StandardCharsets.UTF_8));
            return stream;
        }

        @Override
        public void close() throws IOException {
            for (OutputStream stream : current.values()) {
                stream.close();
            }
            current.clear();
        }
    }
}
