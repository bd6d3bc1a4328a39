package dev.flowlens.jobs.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A job's configuration: one YAML file (or Managed Service for Apache Flink property groups) holding values for the
 * job's declared {@link JobOption}s, each overridable by an environment variable {@code FLOWLENS_} + the key path in
 * upper case with {@code .} and {@code -} as {@code _} (so {@code sinks.kafka.topic} is
 * {@code FLOWLENS_SINKS_KAFKA_TOPIC}). Unknown keys, in the file or in {@code FLOWLENS_} variables, are errors; keys
 * under {@code flink.} are Flink options and pass on as they are.
 */
public final class JobConfig {
    /** Keys under {@code flink.} are Flink configuration options, passed on as they are. */
    private static final String FLINK_OPTIONS = "flink.";
    private static final String ENVIRONMENT_PREFIX = "FLOWLENS_";
    /** The launcher's own variable (JVM options), not a configuration key. */
    private static final String LAUNCHER_VARIABLE = "FLOWLENS_JAVA_OPTS";
    /** Where Managed Service for Apache Flink puts an application's runtime properties. */
    public static final Path MANAGED_FLINK_PROPERTIES = Path.of("/etc/flink/application_properties.json");

    private final Map<String, JobOption<?>> options;
    private final Map<String, JsonNode> values;

    private JobConfig(Map<String, JobOption<?>> options, Map<String, JsonNode> values) {
        this.options = options;
        this.values = values;
    }

    /**
     * The configuration a cluster entry point's arguments name: {@code --config FILE} (YAML), {@code --property-groups
     * FILE}, or none on Managed Service for Apache Flink (its {@link #MANAGED_FLINK_PROPERTIES}).
     *
     * @param job the entry point's name, for the usage error
     */
    public static JobConfig fromArguments(String[] args, List<JobOption<?>> options, String job) throws IOException {
        if (args.length == 0 && Files.isRegularFile(MANAGED_FLINK_PROPERTIES)) {
            return readPropertyGroups(MANAGED_FLINK_PROPERTIES, System.getenv(), options);
        }
        if (args.length == 2 && args[0].equals("--config")) {
            return read(Path.of(args[1]), System.getenv(), options);
        }
        if (args.length == 2 && args[0].equals("--property-groups")) {
            return readPropertyGroups(Path.of(args[1]), System.getenv(), options);
        }
        throw new IllegalArgumentException("usage: " + job + " --config FILE | --property-groups FILE (or no"
                + " arguments on Managed Service for Apache Flink)");
    }

    /** Reads the file and applies {@code environment} overrides. */
    public static JobConfig read(Path file, Map<String, String> environment, List<JobOption<?>> options)
            throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": the configuration is a YAML mapping");
        }
        return of(root, file.toString(), environment, options);
    }

    /**
     * Reads Managed Service for Apache Flink runtime properties ({@code [{"PropertyGroupId": ..., "PropertyMap":
     * {...}}]}, as the service writes them to {@link #MANAGED_FLINK_PROPERTIES}): a group's id is the key prefix
     * ({@code flow-logs} with {@code kafka.topic} is {@code flow-logs.kafka.topic}); in the group
     * {@code FlinkApplicationProperties} keys are written whole. Lists are comma-separated; environment overrides
     * apply as for the YAML file.
     */
    public static JobConfig readPropertyGroups(Path file, Map<String, String> environment,
            List<JobOption<?>> options) throws IOException {
        JsonNode groups = new ObjectMapper().readTree(file.toFile());
        if (groups == null || !groups.isArray()) {
            throw new IllegalArgumentException(file + ": property groups are a JSON array");
        }
        Map<String, JobOption<?>> declared = byKey(options);
        ObjectNode root = new ObjectMapper().createObjectNode();
        for (JsonNode group : groups) {
            String id = group.path("PropertyGroupId").asText("");
            if (id.isEmpty() || !group.path("PropertyMap").isObject()) {
                throw new IllegalArgumentException(file + ": each group has a PropertyGroupId and a PropertyMap");
            }
            String prefix = id.equals("FlinkApplicationProperties") ? "" : id + ".";
            for (Iterator<Map.Entry<String, JsonNode>> it = group.path("PropertyMap").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> property = it.next();
                nest(root, prefix + property.getKey(), property.getValue().asText(), declared);
            }
        }
        return of(root, file.toString(), environment, options);
    }

    private static Map<String, JobOption<?>> byKey(List<JobOption<?>> options) {
        Map<String, JobOption<?>> byKey = new LinkedHashMap<>();
        for (JobOption<?> option : options) {
            if (byKey.put(option.key(), option) != null) {
                throw new IllegalStateException("option declared twice: " + option.key());
            }
        }
        return byKey;
    }

    /** Puts a dotted key into the tree as YAML would hold it; below a mapping option the rest is one key. */
    private static void nest(ObjectNode root, String key, String value, Map<String, JobOption<?>> declared) {
        ObjectNode node = root;
        String path = "";
        String rest = key;
        while (rest.contains(".") && !isMapping(path, declared)) {
            String part = rest.substring(0, rest.indexOf('.'));
            path = path.isEmpty() ? part : path + "." + part;
            rest = rest.substring(part.length() + 1);
            node = node.get(part) instanceof ObjectNode child ? child : node.putObject(part);
        }
        node.put(rest, value);
    }

    private static boolean isMapping(String key, Map<String, JobOption<?>> declared) {
        JobOption<?> option = declared.get(key);
        return option != null && option.type() == JobOption.Kind.MAP;
    }

    private static JobConfig of(JsonNode root, String source, Map<String, String> environment,
            List<JobOption<?>> options) {
        Map<String, JobOption<?>> declared = byKey(options);
        Map<String, JsonNode> values = new LinkedHashMap<>();
        flatten("", root, values, declared);
        Map<String, String> variables = new LinkedHashMap<>();
        declared.keySet().forEach(key -> variables.put(variable(key), key));
        for (Map.Entry<String, String> entry : environment.entrySet()) {
            if (!entry.getKey().startsWith(ENVIRONMENT_PREFIX) || entry.getKey().equals(LAUNCHER_VARIABLE)) {
                continue;
            }
            String key = variables.get(entry.getKey());
            if (key == null) {
                throw new IllegalArgumentException("environment variable " + entry.getKey()
                        + " names no configuration key (FLOWLENS_ + a key in upper case, '.' and '-' as '_')");
            }
            if (declared.get(key).type() == JobOption.Kind.MAP) {
                throw new IllegalArgumentException("environment variable " + entry.getKey()
                        + ": mappings are set in the configuration file, not by environment variables");
            }
            values.put(key, new ObjectMapper().getNodeFactory().textNode(entry.getValue()));
        }
        for (String key : values.keySet()) {
            if (!declared.containsKey(key) && !key.startsWith(FLINK_OPTIONS)) {
                throw new IllegalArgumentException(source + ": unknown configuration key '" + key + "'");
            }
        }
        JobConfig config = new JobConfig(declared, values);
        declared.values().forEach(config::get); // every value checked now, not when first used
        return config;
    }

    /** {@code sinks.kafka.topic} → {@code FLOWLENS_SINKS_KAFKA_TOPIC}. */
    public static String variable(String key) {
        return ENVIRONMENT_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> values,
            Map<String, JobOption<?>> declared) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            if (entry.getValue().isObject() && !isMapping(key, declared)) {
                flatten(key, entry.getValue(), values, declared);
            } else {
                values.put(key, entry.getValue());
            }
        }
    }

    /** The value of {@code option}: what the configuration says, else its default. */
    @SuppressWarnings("unchecked")
    public <T> T get(JobOption<T> option) {
        if (options.get(option.key()) != option) {
            throw new IllegalStateException(option.key() + " is not an option of this job");
        }
        JsonNode value = values.get(option.key());
        if (value == null || value.isNull()) {
            return option.defaultValue();
        }
        return switch (option.type()) {
            case LIST -> {
                if (value.isArray()) {
                    List<String> items = new java.util.ArrayList<>();
                    value.forEach(item -> items.add(item.asText()));
                    yield (T) items;
                }
                yield option.parse(value.asText());
            }
            case MAP -> {
                if (!value.isObject()) {
                    throw new IllegalArgumentException(option.key() + ": expected a mapping of names to values");
                }
                Map<String, String> map = new LinkedHashMap<>();
                value.fields().forEachRemaining(entry -> map.put(entry.getKey(), entry.getValue().asText()));
                yield (T) map;
            }
            default -> option.parse(value.asText());
        };
    }

    /** The value of {@code option}, which must be set. */
    public <T> T required(JobOption<T> option) {
        T value = get(option);
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new IllegalArgumentException("configuration key '" + option.key() + "' is required");
        }
        return value;
    }

    /** Whether the configuration sets {@code option} (its default does not count). */
    public boolean isSet(JobOption<?> option) {
        JsonNode value = values.get(option.key());
        return value != null && !value.isNull();
    }

    /** The Flink options under {@code flink.}, without that prefix. */
    public Map<String, String> flinkOptions() {
        Map<String, String> flink = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(FLINK_OPTIONS)) {
                flink.put(key.substring(FLINK_OPTIONS.length()), value.asText());
            }
        });
        return flink;
    }

    /** A mapping option as client properties (Kafka's {@code *.kafka.properties}: TLS, SASL, ...). */
    public Properties properties(JobOption<Map<String, String>> option) {
        Properties properties = new Properties();
        get(option).forEach(properties::setProperty);
        return properties;
    }
}
