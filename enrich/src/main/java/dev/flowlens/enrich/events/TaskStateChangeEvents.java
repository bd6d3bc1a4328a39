package dev.flowlens.enrich.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.TaskState;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Amazon ECS "ECS Task State Change" events (the EventBridge JSON, as delivered to a Kafka topic, an SQS queue
 * or a file) into {@link TaskState} observations for the index.
 *
 * <p>ENI attachments are read under both spellings ({@code eni} in events, {@code ElasticNetworkInterface} in
 * DescribeTasks output). A STOPPED event alone closes the task's hold on its address: when it lacks
 * {@code stoppedAt}, the event's update time stands in.
 */
public final class TaskStateChangeEvents {
    public static final String DETAIL_TYPE = "ECS Task State Change";
    private final ObjectMapper json = new ObjectMapper();

    /** Parses one event. */
    public TaskState parse(byte[] event) throws InvalidEventException {
        JsonNode root;
        try {
            root = json.readTree(event);
        } catch (IOException e) {
            throw new InvalidEventException("not JSON: " + firstLine(e.getMessage()));
        }
        return parse(root);
    }

    public TaskState parse(JsonNode root) throws InvalidEventException {
        if (root == null || !root.isObject()) {
            throw new InvalidEventException("an event must be a JSON object");
        }
        String detailType = text(root, "detail-type");
        if (!DETAIL_TYPE.equals(detailType)) {
            throw new InvalidEventException("not an ECS Task State Change event (detail-type: " + detailType + ")");
        }
        JsonNode detail = root.get("detail");
        if (detail == null || !detail.isObject()) {
            throw new InvalidEventException("event has no detail object");
        }
        TaskIdentity task = identity(detail, text(root, "account"), text(root, "region"));
        String lastStatus = text(detail, "lastStatus");
        Long updatedAt = time(detail, "updatedAt");
        Long eventTime = time(root, "time");
        long observedAt = updatedAt != null ? updatedAt : eventTime != null ? eventTime : 0L;
        if ("STOPPED".equals(lastStatus) && task.stoppedAt == null) {
            task.stoppedAt = observedAt;
        }
        JsonNode version = detail.get("version");
        if (version == null || !version.canConvertToLong()) {
            throw new InvalidEventException("detail.version is missing or not a number");
        }
        return TaskState.of(task, version.asLong(), lastStatus, observedAt);
    }

    /** A task object (an event's {@code detail}, or a DescribeTasks {@code tasks[]} entry) as an identity. */
    private static TaskIdentity identity(JsonNode detail, String accountId, String region)
            throws InvalidEventException {
        TaskIdentity task = new TaskIdentity();
        task.accountId = accountId;
        task.region = region;
        task.taskArn = required(detail, "taskArn");
        task.taskId = afterLast(task.taskArn, '/');
        task.clusterArn = text(detail, "clusterArn");
        task.clusterName = afterLast(task.clusterArn, '/');
        task.group = text(detail, "group");
        task.serviceName = task.group != null && task.group.startsWith("service:")
                ? task.group.substring("service:".length()) : null;
        task.taskDefinitionArn = text(detail, "taskDefinitionArn");
        task.taskDefinition = afterLast(task.taskDefinitionArn, '/');
        task.launchType = text(detail, "launchType");
        task.capacityProvider = text(detail, "capacityProviderName");
        task.containerInstanceArn = text(detail, "containerInstanceArn");
        task.availabilityZone = text(detail, "availabilityZone");
        task.createdAt = time(detail, "createdAt");
        task.startedAt = time(detail, "startedAt");
        task.stoppedAt = time(detail, "stoppedAt");
        readEni(detail.get("attachments"), task);

        return task;
    }

    /**
     * Reads DescribeTasks output ({@code {"tasks": [...]}}, times in epoch seconds) as observations made at
     * {@code observedAt}: a snapshot to start the index from, as reconciliation would.
     */
    public List<TaskState> parseDescribeTasks(byte[] output, long observedAt) throws InvalidEventException {
        JsonNode root;
        try {
            root = json.readTree(output);
        } catch (IOException e) {
            throw new InvalidEventException("not JSON: " + firstLine(e.getMessage()));
        }
        JsonNode tasks = root == null ? null : root.get("tasks");
        if (tasks == null || !tasks.isArray()) {
            throw new InvalidEventException("DescribeTasks output has no 'tasks' array");
        }
        List<TaskState> states = new ArrayList<>();
        for (JsonNode task : tasks) {
            String arn = text(task, "taskArn");
            String[] parts = arn == null ? new String[0] : arn.split(":", 6);
            TaskIdentity identity = identity(task, parts.length == 6 ? parts[4] : null,
                    parts.length == 6 ? parts[3] : null);
            JsonNode version = task.get("version");
            states.add(TaskState.of(identity, version == null ? 0 : version.asLong(), text(task, "lastStatus"),
                    observedAt));
        }
        return states;
    }

    /** Reads the task's ENI attachment, spelled {@code eni} (events) or {@code ElasticNetworkInterface} (API). */
    static void readEni(JsonNode attachments, TaskIdentity task) throws InvalidEventException {
        if (attachments == null || attachments.isNull()) {
            return;
        }
        if (!attachments.isArray()) {
            throw new InvalidEventException("attachments is not an array");
        }
        for (JsonNode attachment : attachments) {
            String type = text(attachment, "type");
            if (!"eni".equals(type) && !"ElasticNetworkInterface".equals(type)) {
                continue;
            }
            JsonNode details = attachment.get("details");
            if (details == null || !details.isArray()) {
                continue;
            }
            for (JsonNode pair : details) {
                String value = text(pair, "value");
                String name = text(pair, "name");
                if (name == null || value == null) {
                    continue;
                }
                switch (name) {
                    case "networkInterfaceId": task.eniId = value; break;
                    case "subnetId": task.subnetId = value; break;
                    case "macAddress": task.macAddress = value; break;
                    case "privateIPv4Address": task.privateIpv4 = value; break;
                    case "ipv6Address":
                    case "privateIPv6Address": task.ipv6 = value; break;
                    default: break;
                }
            }
        }
    }

    private static String required(JsonNode node, String field) throws InvalidEventException {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("detail." + field + " is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }

    /** ISO-8601 text (events) or epoch seconds with a fraction (API JSON), as epoch millis. */
    private static Long time(JsonNode node, String field) throws InvalidEventException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return Math.round(value.asDouble() * 1000);
        }
        try {
            return Instant.parse(value.asText()).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(field + " is not an ISO-8601 time: '" + value.asText() + "'");
        }
    }

    private static String afterLast(String text, char separator) {
        return text == null ? null : text.substring(text.lastIndexOf(separator) + 1);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
