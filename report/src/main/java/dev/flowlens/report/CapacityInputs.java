package dev.flowlens.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code flowlens report capacity} reads, parsed: each task's span from the ECS Task State Change events (JSON
 * lines, as {@code flowlens attribute --events} reads them), and the AWS CLI exports of the ENIs ({@code aws ec2
 * describe-network-interfaces}), subnets ({@code describe-subnets}), container instances ({@code aws ecs
 * describe-container-instances}) and instance types ({@code aws ec2 describe-instance-types}). A file that is not what
 * it should be fails with an {@link InvalidExportException} naming the file, the place and the fix.
 */
public final class CapacityInputs {
    /**
     * A task from its events: its awsvpc address (null fields for a task without an ENI), its container instance
     * ({@code null} on Fargate), its life {@code [createdAt, stoppedAt)} (epoch seconds; {@code stoppedAt} null while
     * no STOPPED event says otherwise) and its reservation (null when its events give no task size).
     */
    public record TaskSpan(String taskArn, String accountId, String cluster, String subnetId, String address,
            String eniId, String containerInstanceArn, long createdAt, Long stoppedAt, Integer cpu, Integer memory) {}

    /** An ENI of the export: its subnet, how many private addresses it holds, and since when (null: unknown). */
    public record Eni(String id, String subnetId, int addresses, Long attachedAt) {}

    public record Subnet(String id, String vpcId, String availabilityZone, String cidr, long availableAddresses,
            String ownerId) {}

    /** A container instance: its type, trunking (it has a trunk ENI) and registered CPU units and MiB. */
    public record ContainerInstance(String arn, String instanceId, String instanceType, boolean trunking,
            long registeredCpu, long registeredMemory) {}

    public record InstanceType(String name, int maximumNetworkInterfaces, int ipv4AddressesPerInterface, int vcpus,
            long memoryMib) {}

    /** An export that cannot be read as what it should be: one sentence with the file, the place and the fix. */
    public static final class InvalidExportException extends Exception {
        public InvalidExportException(String message) {
            super(message);
        }
    }

    public final List<TaskSpan> tasks;
    public final List<Eni> networkInterfaces;
    public final List<Subnet> subnets;
    public final List<ContainerInstance> containerInstances;
    public final List<InstanceType> instanceTypes;
    /** Event lines that were not ECS Task State Change events (other detail types), left out. */
    public final long otherEvents;
    /** The latest event time: where the history ends. */
    public final Long lastEventTime;
    /** The earliest event time. */
    public final Long firstEventTime;

    private CapacityInputs(List<TaskSpan> tasks, List<Eni> networkInterfaces, List<Subnet> subnets,
            List<ContainerInstance> containerInstances, List<InstanceType> instanceTypes, long otherEvents,
            Long firstEventTime, Long lastEventTime) {
        this.tasks = tasks;
        this.networkInterfaces = networkInterfaces;
        this.subnets = subnets;
        this.containerInstances = containerInstances;
        this.instanceTypes = instanceTypes;
        this.otherEvents = otherEvents;
        this.firstEventTime = firstEventTime;
        this.lastEventTime = lastEventTime;
    }

    /** Reads the five files; each is named in errors by {@code label} and its path ({@code --subnets 'x.json'}). */
    public static CapacityInputs read(Path events, Path networkInterfaces, Path subnets, Path containerInstances,
            Path instanceTypes) throws IOException, InvalidExportException {
        ObjectMapper json = new ObjectMapper();
        EventsRead read = events(json, events);
        return new CapacityInputs(read.tasks, enis(json, networkInterfaces), subnets(json, subnets),
                containerInstances(json, containerInstances), instanceTypes(json, instanceTypes), read.other,
                read.first, read.last);
    }

    private record EventsRead(List<TaskSpan> tasks, long other, Long first, Long last) {}

    /** Mutable while the events of one task are merged. */
    private static final class Merged {
        String taskArn;
        String accountId;
        String cluster;
        String subnetId;
        String address;
        String eniId;
        String containerInstanceArn;
        Long createdAt;
        Long stoppedAt;
        Integer cpu;
        Integer memory;
    }

    /** The events being read: each task's merged facts and the time span. */
    private static final class EventsState {
        final Map<String, Merged> tasks = new LinkedHashMap<>();
        long other;
        Long first;
        Long last;
    }

    private static EventsRead events(ObjectMapper json, Path file) throws IOException, InvalidExportException {
        String where = "--events '" + file + "'";
        EventsState state = new EventsState();
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines.mark(1 << 16);
            int c;
            do {
                c = lines.read();
            } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\ufeff');
            lines.reset();
            if (c == '[') { // a JSON array of events
                JsonNode array;
                try {
                    array = json.readTree(lines);
                } catch (JsonProcessingException e) {
                    throw new InvalidExportException(where + " is not a JSON array of events ("
                            + e.getOriginalMessage().split("\n")[0] + "): give the ECS Task State Change events");
                }
                for (int i = 0; i < array.size(); i++) {
                    event(array.get(i), where + " element " + i, state);
                }
            } else {
                String line;
                long number = 0;
                while ((line = lines.readLine()) != null) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    String at = where + " line " + number;
                    JsonNode event;
                    try {
                        event = json.readTree(line);
                    } catch (JsonProcessingException e) {
                        throw new InvalidExportException(at + " is not JSON (" + e.getOriginalMessage() + "): give"
                                + " the ECS Task State Change events, one JSON object a line");
                    }
                    event(event, at, state);
                }
            }
        }
        Map<String, Merged> tasks = state.tasks;
        long other = state.other;
        Long first = state.first;
        Long last = state.last;
        List<TaskSpan> spans = new ArrayList<>();
        for (Merged task : tasks.values()) {
            if (task.createdAt == null) {
                continue; // no event of the task says when it began: it cannot be placed in time
            }
            String account = task.accountId != null ? task.accountId : arnAccount(task.taskArn);
            spans.add(new TaskSpan(task.taskArn, account, task.cluster, task.subnetId, task.address, task.eniId,
                    task.containerInstanceArn, task.createdAt, task.stoppedAt, task.cpu, task.memory));
        }
        return new EventsRead(spans, other, first, last);
    }

    private static void event(JsonNode event, String at, EventsState state) throws InvalidExportException {
        if (event == null || !event.isObject()) {
            throw new InvalidExportException(at + " is not a JSON object: give the ECS Task State Change events,"
                    + " one JSON object a line");
        }
        if (!"ECS Task State Change".equals(event.path("detail-type").asText())) {
            state.other++;
            return;
        }
        JsonNode detail = event.path("detail");
        String taskArn = detail.path("taskArn").asText(null);
        if (taskArn == null) {
            throw new InvalidExportException(at + " has no detail.taskArn: an ECS Task State Change event names its"
                    + " task");
        }
        Long time = time(event.get("time"), at + " time");
        if (time != null) {
            state.first = state.first == null ? time : Math.min(state.first, time);
            state.last = state.last == null ? time : Math.max(state.last, time);
        }
        Merged task = state.tasks.computeIfAbsent(taskArn, k -> new Merged());
        task.taskArn = taskArn;
        task.accountId = first(task.accountId, event.path("account").asText(null));
        task.cluster = first(task.cluster, lastSegment(detail.path("clusterArn").asText(null)));
        task.containerInstanceArn = first(task.containerInstanceArn, detail.path("containerInstanceArn").asText(null));
        Long created = time(detail.get("createdAt"), at + " detail.createdAt");
        if (created == null) {
            created = time(detail.get("startedAt"), at + " detail.startedAt");
        }
        if (created != null) {
            task.createdAt = task.createdAt == null ? created : Math.min(task.createdAt, created);
        }
        if ("STOPPED".equals(detail.path("lastStatus").asText())) {
            Long stopped = time(detail.get("stoppedAt"), at + " detail.stoppedAt");
            stopped = stopped != null ? stopped : time;
            if (stopped != null) {
                task.stoppedAt = task.stoppedAt == null ? stopped : Math.min(task.stoppedAt, stopped);
            }
        }
        task.cpu = task.cpu != null ? task.cpu : size(detail.get("cpu"), at + " detail.cpu");
        task.memory = task.memory != null ? task.memory : size(detail.get("memory"), at + " detail.memory");
        for (JsonNode attachment : detail.path("attachments")) {
            String type = attachment.path("type").asText();
            if (!"eni".equalsIgnoreCase(type) && !"ElasticNetworkInterface".equals(type)) {
                continue;
            }
            for (JsonNode d : attachment.path("details")) {
                String value = d.path("value").asText(null);
                switch (d.path("name").asText()) {
                    case "subnetId" -> task.subnetId = first(task.subnetId, value);
                    case "privateIPv4Address" -> task.address = first(task.address, value);
                    case "networkInterfaceId" -> task.eniId = first(task.eniId, value);
                    default -> { }
                }
            }
        }
    }

    private static List<Eni> enis(ObjectMapper json, Path file) throws IOException, InvalidExportException {
        String where = "--network-interfaces '" + file + "'";
        JsonNode list = array(json, file, where, "NetworkInterfaces", "aws ec2 describe-network-interfaces");
        List<Eni> enis = new ArrayList<>();
        int i = 0;
        for (JsonNode eni : list) {
            String at = where + " NetworkInterfaces[" + i++ + "]";
            String id = required(eni, "NetworkInterfaceId", at);
            String subnet = required(eni, "SubnetId", at);
            int addresses = Math.max(1, eni.path("PrivateIpAddresses").size());
            Long attached = time(eni.path("Attachment").get("AttachTime"), at + " Attachment.AttachTime");
            enis.add(new Eni(id, subnet, addresses, attached));
        }
        return enis;
    }

    private static List<Subnet> subnets(ObjectMapper json, Path file) throws IOException, InvalidExportException {
        String where = "--subnets '" + file + "'";
        JsonNode list = array(json, file, where, "Subnets", "aws ec2 describe-subnets");
        List<Subnet> subnets = new ArrayList<>();
        int i = 0;
        for (JsonNode subnet : list) {
            String at = where + " Subnets[" + i++ + "]";
            String cidr = required(subnet, "CidrBlock", at);
            prefix(cidr, at);
            JsonNode available = subnet.get("AvailableIpAddressCount");
            if (available == null || !available.canConvertToLong()) {
                throw new InvalidExportException(at + " has no AvailableIpAddressCount number: give the output of"
                        + " aws ec2 describe-subnets");
            }
            subnets.add(new Subnet(required(subnet, "SubnetId", at), subnet.path("VpcId").asText(null),
                    subnet.path("AvailabilityZone").asText(null), cidr, available.asLong(),
                    subnet.path("OwnerId").asText(null)));
        }
        return subnets;
    }

    /** The prefix length of an IPv4 CIDR that AWS allows for a subnet (/16 to /28). */
    static int prefix(String cidr, String at) throws InvalidExportException {
        int slash = cidr.indexOf('/');
        try {
            int prefix = Integer.parseInt(cidr.substring(slash + 1));
            if (slash < 0 || prefix < 16 || prefix > 28 || cidr.substring(0, slash).split("\\.").length != 4) {
                throw new NumberFormatException();
            }
            return prefix;
        } catch (NumberFormatException e) {
            throw new InvalidExportException(at + " CidrBlock '" + cidr + "' is not an IPv4 subnet CIDR (/16 to"
                    + " /28): give the output of aws ec2 describe-subnets");
        }
    }

    private static List<ContainerInstance> containerInstances(ObjectMapper json, Path file)
            throws IOException, InvalidExportException {
        String where = "--container-instances '" + file + "'";
        JsonNode list = array(json, file, where, "containerInstances", "aws ecs describe-container-instances");
        List<ContainerInstance> instances = new ArrayList<>();
        int i = 0;
        for (JsonNode instance : list) {
            String at = where + " containerInstances[" + i++ + "]";
            String type = null;
            boolean trunking = false;
            for (JsonNode attribute : instance.path("attributes")) {
                String name = attribute.path("name").asText();
                if (name.equals("ecs.instance-type")) {
                    type = attribute.path("value").asText(null);
                } else if (name.equals("ecs.awsvpc-trunk-id")) {
                    trunking = true;
                }
            }
            if (type == null) {
                throw new InvalidExportException(at + " has no ecs.instance-type attribute: give the output of aws"
                        + " ecs describe-container-instances (it lists the instance's attributes)");
            }
            long cpu = -1;
            long memory = -1;
            for (JsonNode resource : instance.path("registeredResources")) {
                switch (resource.path("name").asText()) {
                    case "CPU" -> cpu = resource.path("integerValue").asLong(-1);
                    case "MEMORY" -> memory = resource.path("integerValue").asLong(-1);
                    default -> { }
                }
            }
            if (cpu <= 0 || memory <= 0) {
                throw new InvalidExportException(at + " has no registered CPU and MEMORY (registeredResources):"
                        + " give the output of aws ecs describe-container-instances");
            }
            instances.add(new ContainerInstance(required(instance, "containerInstanceArn", at),
                    instance.path("ec2InstanceId").asText(null), type, trunking, cpu, memory));
        }
        return instances;
    }

    private static List<InstanceType> instanceTypes(ObjectMapper json, Path file)
            throws IOException, InvalidExportException {
        String where = "--instance-types '" + file + "'";
        JsonNode list = array(json, file, where, "InstanceTypes", "aws ec2 describe-instance-types");
        List<InstanceType> types = new ArrayList<>();
        int i = 0;
        for (JsonNode type : list) {
            String at = where + " InstanceTypes[" + i++ + "]";
            JsonNode enis = type.path("NetworkInfo").get("MaximumNetworkInterfaces");
            if (enis == null || !enis.canConvertToInt() || enis.asInt() < 1) {
                throw new InvalidExportException(at + " has no NetworkInfo.MaximumNetworkInterfaces: give the output"
                        + " of aws ec2 describe-instance-types");
            }
            types.add(new InstanceType(required(type, "InstanceType", at), enis.asInt(),
                    type.path("NetworkInfo").path("Ipv4AddressesPerInterface").asInt(0),
                    type.path("VCpuInfo").path("DefaultVCpus").asInt(0),
                    type.path("MemoryInfo").path("SizeInMiB").asLong(0)));
        }
        return types;
    }

    private static JsonNode array(ObjectMapper json, Path file, String where, String field, String command)
            throws IOException, InvalidExportException {
        JsonNode root;
        try {
            root = json.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new InvalidExportException(where + " is not JSON (" + e.getOriginalMessage().split("\n")[0]
                    + "): give the output of " + command + " (--output json)");
        }
        JsonNode list = root == null ? null : root.get(field);
        if (list == null || !list.isArray()) {
            throw new InvalidExportException(where + " has no \"" + field + "\" array: give the output of " + command
                    + " (--output json)");
        }
        return list;
    }

    private static String required(JsonNode node, String field, String at) throws InvalidExportException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new InvalidExportException(at + " has no " + field + ": the export is cut or is not the AWS CLI's");
        }
        return value.asText();
    }

    /** An ISO-8601 instant or epoch seconds (as the API's JSON writes times); {@code null} when absent. */
    private static Long time(JsonNode value, String at) throws InvalidExportException {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return (long) Math.floor(value.asDouble());
        }
        try {
            return Instant.parse(value.asText()).getEpochSecond();
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(value.asText()).toEpochSecond();
            } catch (DateTimeParseException notOffset) {
                throw new InvalidExportException(at + " '" + value.asText() + "' is not a time (ISO-8601, e.g."
                        + " 2026-05-01T10:00:00Z, or epoch seconds)");
            }
        }
    }

    /** A task size as ECS writes it: a string of CPU units or MiB ({@code "256"}), or a number; null when absent. */
    private static Integer size(JsonNode value, String at) throws InvalidExportException {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            int size = value.isNumber() ? value.asInt() : Integer.parseInt(value.asText().trim());
            if (size < 0) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException e) {
            throw new InvalidExportException(at + " '" + value.asText() + "' is not a task size (CPU units or MiB,"
                    + " e.g. \"256\")");
        }
    }

    private static String first(String current, String candidate) {
        return current != null ? current : candidate;
    }

    static String lastSegment(String arn) {
        if (arn == null) {
            return null;
        }
        int slash = arn.lastIndexOf('/');
        return slash < 0 ? arn : arn.substring(slash + 1);
    }

    /** The account of an ARN ({@code arn:aws:ecs:region:account:...}), or {@code null}. */
    static String arnAccount(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        return parts.length > 4 && !parts[4].isEmpty() ? parts[4] : null;
    }

    /** The cluster of a container-instance ARN ({@code ...:container-instance/CLUSTER/ID}), or {@code null}. */
    static String containerInstanceCluster(String arn) {
        int start = arn.indexOf(":container-instance/");
        if (start < 0) {
            return null;
        }
        String rest = arn.substring(start + ":container-instance/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? null : rest.substring(0, slash);
    }
}
