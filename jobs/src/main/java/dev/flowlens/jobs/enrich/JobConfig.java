package dev.flowlens.jobs.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The enrichment job's configuration: one YAML file (documented key by key in the README), each key overridable by
 * an environment variable {@code FLOWLENS_} + the key path in upper case with {@code .} and {@code -} as {@code _}
 * (so {@code sinks.kafka.topic} is {@code FLOWLENS_SINKS_KAFKA_TOPIC}). Unknown keys are errors.
 */
public final class JobConfig {
    private static final Set<String> KEYS = Set.of(
            "flow-logs.format", "flow-logs.source", "flow-logs.directory", "flow-logs.kafka.bootstrap-servers",
            "flow-logs.kafka.topic", "flow-logs.kafka.group-id", "flow-logs.kafka.bounded",
            "flow-logs.out-of-orderness", "flow-logs.watch-interval", "flow-logs.s3.bucket", "flow-logs.s3.prefix", "flow-logs.s3.account-id",
            "flow-logs.s3.region", "flow-logs.s3.from", "flow-logs.s3.until", "flow-logs.s3.hive-layout",
            "flow-logs.sqs.queue-url", "flow-logs.sqs.wait-seconds", "flow-logs.sqs.visibility-timeout",
            "flow-logs.sqs.remembered-ids",
            "aws.region", "aws.s3.endpoint", "aws.s3.path-style", "aws.sqs.endpoint", "aws.ecs.endpoint",
            "aws.ec2.endpoint",
            "metadata.events", "metadata.snapshot", "metadata.kafka.bootstrap-servers", "metadata.kafka.topic",
            "metadata.kafka.group-id", "metadata.out-of-orderness", "metadata.reconcile.interval",
            "metadata.sqs.queue-url", "metadata.sqs.wait-seconds", "metadata.sqs.visibility-timeout",
            "metadata.sqs.remembered-ids",
            "enrichment.retention", "enrichment.vpc-cidrs", "enrichment.threat-lists", "enrichment.hold-back",
            "enrichment.max-held-per-interface", "enrichment.idleness",
            "checkpoints.interval", "checkpoints.directory",
            "sinks.enriched-json", "sinks.parquet", "sinks.dead-letters", "sinks.kafka.bootstrap-servers",
            "sinks.kafka.topic", "sinks.kafka.transactional-id-prefix");
    private static final String KAFKA_PROPERTIES = "kafka.properties";
    /** Keys under {@code flink.} are Flink configuration options, passed on as they are. */
    private static final String FLINK_OPTIONS = "flink.";
    /** Where Managed Service for Apache Flink puts an application's runtime properties. */
    public static final Path MANAGED_FLINK_PROPERTIES = Path.of("/etc/flink/application_properties.json");

    private final Map<String, JsonNode> values;

    private JobConfig(Map<String, JsonNode> values) {
        this.values = values;
    }

    /** Reads the file and applies {@code environment} overrides. */
    public static JobConfig read(Path file, Map<String, String> environment) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": the configuration is a YAML mapping");
        }
        return of(root, file.toString(), environment);
    }

    /**
     * Reads Managed Service for Apache Flink runtime properties ({@code [{"PropertyGroupId": ..., "PropertyMap":
     * {...}}]}, as the service writes them to {@link #MANAGED_FLINK_PROPERTIES}): a group's id is the key prefix
     * ({@code flow-logs} with {@code kafka.topic} is {@code flow-logs.kafka.topic}); in the group
     * {@code FlinkApplicationProperties} keys are written whole. Lists are comma-separated; environment overrides
     * apply as for the YAML file.
     */
    public static JobConfig readPropertyGroups(Path file, Map<String, String> environment) throws IOException {
        JsonNode groups = new ObjectMapper().readTree(file.toFile());
        if (groups == null || !groups.isArray()) {
            throw new IllegalArgumentException(file + ": property groups are a JSON array");
        }
        ObjectNode root = new ObjectMapper().createObjectNode();
        for (JsonNode group : groups) {
            String id = group.path("PropertyGroupId").asText("");
            if (id.isEmpty() || !group.path("PropertyMap").isObject()) {
                throw new IllegalArgumentException(file + ": each group has a PropertyGroupId and a PropertyMap");
            }
            String prefix = id.equals("FlinkApplicationProperties") ? "" : id + ".";
            for (Iterator<Map.Entry<String, JsonNode>> it = group.path("PropertyMap").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> property = it.next();
                nest(root, prefix + property.getKey(), property.getValue().asText());
            }
        }
        return of(root, file.toString(), environment);
    }

    /** Puts a dotted key into the tree as YAML would hold it; below a leaf map the rest is one key. */
    private static void nest(ObjectNode root, String key, String value) {
        ObjectNode node = root;
        String path = "";
        String rest = key;
        while (rest.contains(".") && !isLeafMap(path)) {
            String part = rest.substring(0, rest.indexOf('.'));
            path = path.isEmpty() ? part : path + "." + part;
            rest = rest.substring(part.length() + 1);
            node = node.get(part) instanceof ObjectNode child ? child : node.putObject(part);
        }
        node.put(rest, value);
    }

    private static boolean isLeafMap(String key) {
        return key.endsWith("." + KAFKA_PROPERTIES) || key.equals("enrichment.threat-lists");
    }

    private static JobConfig of(JsonNode root, String source, Map<String, String> environment) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        flatten("", root, values);
        for (String key : new TreeSet<>(KEYS)) {
            String variable = "FLOWLENS_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
            if (environment.containsKey(variable)) {
                values.put(key, new ObjectMapper().getNodeFactory().textNode(environment.get(variable)));
            }
        }
        for (String key : values.keySet()) {
            boolean passedOn = key.startsWith(FLINK_OPTIONS) || key.contains("." + KAFKA_PROPERTIES + ".")
                    || key.endsWith("." + KAFKA_PROPERTIES);
            if (!KEYS.contains(key) && !passedOn) {
                throw new IllegalArgumentException(source + ": unknown configuration key '" + key + "'");
            }
        }
        return new JobConfig(values);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> values) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            if (entry.getValue().isObject() && !isLeafMap(key)) {
                flatten(key, entry.getValue(), values);
            } else {
                values.put(key, entry.getValue());
            }
        }
    }

    public String text(String key, String fallback) {
        JsonNode value = values.get(key);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    public String required(String key) {
        String value = text(key, null);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("configuration key '" + key + "' is required");
        }
        return value;
    }

    public Duration duration(String key, Duration fallback) {
        String value = text(key, null);
        try {
            return value == null ? fallback : Duration.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": not an ISO-8601 duration (e.g. PT24H): " + value);
        }
    }

    /** A required ISO-8601 instant ({@code 2024-03-01T00:00:00Z}). */
    public Instant instant(String key) {
        String value = required(key);
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": not an ISO-8601 instant (e.g. 2024-03-01T00:00:00Z): " + value);
        }
    }

    public boolean bool(String key, boolean fallback) {
        String value = text(key, null);
        if (value == null) {
            return fallback;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(key + ": true or false, not " + value);
        }
        return Boolean.parseBoolean(value);
    }

    public int integer(String key, int fallback) {
        String value = text(key, null);
        try {
            return value == null ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a whole number: " + value);
        }
    }

    /** A list: a YAML sequence, or comma-separated text (as environment variables give it). */
    public List<String> list(String key) {
        JsonNode value = values.get(key);
        List<String> items = new ArrayList<>();
        if (value == null || value.isNull()) {
            return items;
        }
        if (value.isArray()) {
            value.forEach(item -> items.add(item.asText()));
        } else {
            for (String item : value.asText().split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
        }
        return items;
    }

    /** A mapping of names to text (e.g. threat list name → file). */
    public Map<String, String> map(String key) {
        Map<String, String> map = new LinkedHashMap<>();
        JsonNode value = values.get(key);
        if (value instanceof ObjectNode) {
            value.fields().forEachRemaining(entry -> map.put(entry.getKey(), entry.getValue().asText()));
        }
        return map;
    }

    /** The Flink options under {@code flink.}, without that prefix. */
    public Map<String, String> flinkOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(FLINK_OPTIONS)) {
                options.put(key.substring(FLINK_OPTIONS.length()), value.asText());
            }
        });
        return options;
    }

    /** Extra Kafka client properties under {@code <prefix>.kafka.properties} (TLS, SASL, ...). */
    public Properties kafkaProperties(String prefix) {
        Properties properties = new Properties();
        map(prefix + ".kafka.properties").forEach(properties::setProperty);
        return properties;
    }
}
