package dev.flowlens.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The ECS metadata as the pipeline would see it: a DescribeTasks-shaped snapshot of the tasks running at the start,
 * and a stream of "ECS Task State Change" events (RUNNING, then STOPPED) delivered late by up to
 * {@code eventDelaySeconds}, so out of order, some twice, some never.
 */
final class EcsEvents {
    private final Simulation sim;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final Set<String> lost = new HashSet<>();
    private final java.util.Map<String, Long> runningDelivered = new java.util.HashMap<>();

    /** One delivered event: when it arrives and its JSON. */
    record Delivery(long deliveredAt, long happenedAt, String taskId, String json) {}

    EcsEvents(Simulation sim, Random random) {
        this.sim = sim;
        SimConfig config = sim.config;
        long start = sim.startSecond();
        for (SimTask task : sim.fleet.tasks) {
            if (task.stoppedAt >= 0 && task.stoppedAt < start - 3600) {
                continue;
            }
            long running = task.createdAt + 20;
            schedule(random, task, running, "RUNNING", 3, Math.max(running, start - 1));
            if (task.stoppedAt >= 0 && task.stoppedAt < sim.endSecond()) {
                schedule(random, task, task.stoppedAt, "STOPPED", 6, task.stoppedAt);
            }
        }
        deliveries.sort(Comparator.comparingLong(Delivery::deliveredAt).thenComparing(Delivery::taskId)
                .thenComparingLong(Delivery::happenedAt));
        for (Delivery delivery : deliveries) {
            if (delivery.json().contains("\"lastStatus\":\"RUNNING\"")) {
                runningDelivered.putIfAbsent(delivery.taskId(), delivery.deliveredAt());
            }
        }
    }

    private void schedule(Random random, SimTask task, long happenedAt, String status, int version, long from) {
        if (random.nextDouble() < sim.config.eventLossRate()) {
            lost.add(task.id);
            return;
        }
        String event = event(task, happenedAt, status, version);
        long delivered = from + random.nextInt(sim.config.eventDelaySeconds() + 1);
        deliveries.add(new Delivery(delivered, happenedAt, task.id, event));
        if (random.nextDouble() < sim.config.eventDuplicateRate()) {
            deliveries.add(new Delivery(delivered + 1 + random.nextInt(60), happenedAt, task.id, event));
        }
    }

    boolean lost(String taskId) {
        return lost.contains(taskId);
    }

    List<Delivery> deliveries() {
        return deliveries;
    }

    /** When the RUNNING event of a task was first delivered, or -1 if never. */
    long runningDeliveredAt(String taskId) {
        return runningDelivered.getOrDefault(taskId, -1L);
    }

    private String event(SimTask task, long happenedAt, String status, int version) {
        SimConfig config = sim.config;
        String arnBase = "arn:aws:ecs:" + config.region() + ":" + config.accountId() + ":";
        String cluster = task.standalone ? "batch" : "prod";
        ObjectNode root = json.createObjectNode();
        root.put("version", "0");
        root.put("id", java.util.UUID.nameUUIDFromBytes((task.id + status).getBytes()).toString());
        root.put("detail-type", "ECS Task State Change");
        root.put("source", "aws.ecs");
        root.put("account", config.accountId());
        root.put("time", Instant.ofEpochSecond(happenedAt).toString());
        root.put("region", config.region());
        root.putArray("resources").add(arnBase + "task/" + cluster + "/" + task.id);
        ObjectNode detail = root.putObject("detail");
        ArrayNode attachments = detail.putArray("attachments");
        ObjectNode eni = attachments.addObject();
        eni.put("id", java.util.UUID.nameUUIDFromBytes(task.eniId.getBytes()).toString());
        eni.put("type", "eni");
        eni.put("status", status.equals("STOPPED") ? "DELETED" : "ATTACHED");
        ArrayNode details = eni.putArray("details");
        details.addObject().put("name", "subnetId").put("value", sim.subnetId(task.az));
        details.addObject().put("name", "networkInterfaceId").put("value", task.eniId);
        details.addObject().put("name", "macAddress").put("value", mac(task.eniId));
        details.addObject().put("name", "privateIPv4Address").put("value", task.ip);
        detail.put("availabilityZone", config.region() + (char) ('a' + task.az));
        detail.put("clusterArn", arnBase + "cluster/" + cluster);
        if (task.instance != null) {
            detail.put("containerInstanceArn", task.instance.arn);
        }
        detail.put("cpu", Integer.toString(task.cpu)); // strings, as ECS writes the task size
        detail.put("memory", Integer.toString(task.memory));
        detail.put("createdAt", Instant.ofEpochSecond(task.reportedCreatedAt).toString());
        detail.put("desiredStatus", status.equals("STOPPED") ? "STOPPED" : "RUNNING");
        detail.put("group", task.standalone ? "family:" + task.service : "service:" + task.service);
        detail.put("launchType", task.instance != null ? "EC2" : "FARGATE");
        detail.put("lastStatus", status);
        detail.put("startedAt", Instant.ofEpochSecond(task.createdAt + 20).toString());
        if (status.equals("STOPPED")) {
            detail.put("stoppedAt", Instant.ofEpochSecond(task.stoppedAt).toString());
            detail.put("stopCode", "ServiceSchedulerInitiated");
        }
        detail.put("updatedAt", Instant.ofEpochSecond(happenedAt).toString());
        detail.put("taskArn", arnBase + "task/" + cluster + "/" + task.id);
        detail.put("taskDefinitionArn", arnBase + "task-definition/" + task.service + ":12");
        detail.put("version", version);
        try {
            return json.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** DescribeTasks output for the tasks running at the start (epoch seconds, as the API writes times). */
    String snapshot() {
        ObjectNode root = json.createObjectNode();
        ArrayNode tasks = root.putArray("tasks");
        for (SimTask task : sim.fleet.live(sim.startSecond())) {
            tasks.add(describedTask(task, false));
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A task as DescribeTasks returns it (epoch seconds, as the API writes times), running or, when
     * {@code stopped}, stopped with its ENI deleted; versions as in the events (3 RUNNING, 6 STOPPED).
     */
    ObjectNode describedTask(SimTask task, boolean stopped) {
        SimConfig config = sim.config;
        String arnBase = "arn:aws:ecs:" + config.region() + ":" + config.accountId() + ":";
        String cluster = AccountAtEnd.cluster(task);
        ObjectNode t = json.createObjectNode();
        t.put("taskArn", arnBase + "task/" + cluster + "/" + task.id);
        t.put("clusterArn", arnBase + "cluster/" + cluster);
        t.put("taskDefinitionArn", arnBase + "task-definition/" + task.service + ":12");
        t.put("group", task.standalone ? "family:" + task.service : "service:" + task.service);
        t.put("lastStatus", stopped ? "STOPPED" : "RUNNING");
        t.put("desiredStatus", stopped ? "STOPPED" : "RUNNING");
        t.put("launchType", task.instance != null ? "EC2" : "FARGATE");
        if (task.instance != null) {
            t.put("containerInstanceArn", task.instance.arn);
        }
        t.put("cpu", Integer.toString(task.cpu));
        t.put("memory", Integer.toString(task.memory));
        t.put("availabilityZone", config.region() + (char) ('a' + task.az));
        t.put("createdAt", (double) task.reportedCreatedAt);
        t.put("startedAt", (double) task.createdAt + 20);
        if (stopped) {
            t.put("stoppedAt", (double) task.stoppedAt);
            t.put("stopCode", "ServiceSchedulerInitiated");
        }
        t.put("version", stopped ? 6 : 3);
        ObjectNode eni = t.putArray("attachments").addObject();
        eni.put("type", "ElasticNetworkInterface");
        eni.put("status", stopped ? "DELETED" : "ATTACHED");
        ArrayNode details = eni.putArray("details");
        details.addObject().put("name", "subnetId").put("value", sim.subnetId(task.az));
        details.addObject().put("name", "networkInterfaceId").put("value", task.eniId);
        details.addObject().put("name", "privateIPv4Address").put("value", task.ip);
        return t;
    }

    private static String mac(String eniId) {
        int h = eniId.hashCode();
        return String.format("0a:%02x:%02x:%02x:%02x:01", (h >>> 24) & 255, (h >>> 16) & 255, (h >>> 8) & 255,
                h & 255);
    }
}
