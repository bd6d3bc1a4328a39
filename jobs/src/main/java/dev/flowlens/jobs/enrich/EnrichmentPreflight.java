package dev.flowlens.jobs.enrich;

import static dev.flowlens.jobs.enrich.EnrichmentOptions.*;

import dev.flowlens.enrich.peer.PrefixTrie;
import dev.flowlens.enrich.peer.ThreatLists;
import dev.flowlens.jobs.kit.JobConfig;
import dev.flowlens.jobs.kit.JobOption;
import dev.flowlens.jobs.kit.kafka.KafkaOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * What the enrichment job needs from the world, checked before it is submitted: a job that fails later may already
 * have committed part of its output (enriched flows committed, then dead letters lost to an unwritable directory).
 * Inputs must exist, local sink directories must be writable (nothing is created: Flink creates them), CIDRs must
 * parse, and Kafka brokers must answer. {@code s3://} paths are Flink's file system's to check. Errors are
 * {@link IllegalArgumentException}s naming the key; what is suspicious but runnable comes back as warnings.
 */
public final class EnrichmentPreflight {
    /** How long a Kafka cluster has to answer before the job is refused. */
    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    private EnrichmentPreflight() {}

    /** Checks {@code config}; returns warnings, throws {@link IllegalArgumentException} for what cannot run. */
    public static List<String> check(JobConfig config) {
        List<String> warnings = new ArrayList<>();
        for (String cidr : config.get(VPC_CIDRS)) {
            try {
                new PrefixTrie<Boolean>().add(cidr, Boolean.TRUE);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(VPC_CIDRS.key() + ": " + e.getMessage());
            }
        }
        config.get(THREAT_LISTS).forEach((name, file) -> {
            if (file.startsWith("s3://")) {
                return; // read through the S3 client when the job is built
            }
            Path path = existingFile(THREAT_LISTS.key() + "." + name, file);
            try {
                ThreatLists.read(Map.of(name, path)).get(name).forEach(entry -> new PrefixTrie<Boolean>()
                        .add(entry, Boolean.TRUE));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException(THREAT_LISTS.key() + "." + name + " '" + file + "': "
                        + e.getMessage());
            }
        });
        if (config.isSet(EVENTS)) {
            existingFile(EVENTS.key(), config.get(EVENTS));
        }
        if (config.isSet(SNAPSHOT)) {
            existingFile(SNAPSHOT.key(), config.get(SNAPSHOT));
        }
        for (JobOption<String> export : List.of(NETWORK_INTERFACES, SERVICES)) {
            if (config.isSet(export)) {
                existingFile(export.key(), config.get(export));
            }
        }
        if (config.get(SOURCE).equals("directory") && config.isSet(DIRECTORY)) {
            flowLogDirectory(config.get(DIRECTORY), config.isSet(WATCH_INTERVAL)).ifPresent(warnings::add);
        }
        for (JobOption<String> sink : List.of(ENRICHED_JSON, PARQUET, DEAD_LETTERS)) {
            if (config.isSet(sink)) {
                writableDirectory(sink.key(), config.get(sink));
            }
        }
        if (config.get(SOURCE).equals("kafka")) {
            brokersAnswer(config, FLOW_LOGS_KAFKA);
        }
        if (config.isSet(METADATA_KAFKA.topic())) {
            brokersAnswer(config, METADATA_KAFKA);
        }
        if (config.isSet(SINK_KAFKA.topic())) {
            brokersAnswer(config, SINK_KAFKA);
        }
        return warnings;
    }

    private static Path existingFile(String key, String file) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(key + " '" + file + "': " + (Files.exists(path) ? "not a file"
                    : "no such file"));
        }
        return path;
    }

    /** The directory (or one file) must exist; an empty one runs, reading nothing, so it is only a warning. */
    private static java.util.Optional<String> flowLogDirectory(String directory, boolean watched) {
        Path path = Path.of(directory);
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(DIRECTORY.key() + " '" + directory + "': no such file or directory");
        }
        if (!Files.isDirectory(path) || watched) { // a watched directory may well start empty
            return java.util.Optional.empty();
        }
        long files;
        try (Stream<Path> walk = Files.walk(path)) {
            files = walk.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new IllegalArgumentException(DIRECTORY.key() + " '" + directory + "': cannot list: " + e);
        }
        return files > 0 ? java.util.Optional.empty() : java.util.Optional.of(DIRECTORY.key() + " '" + directory
                + "' holds 0 files: the job reads no flow logs");
    }

    /**
     * A local sink directory, or the nearest existing folder above it, must take a file: tried by writing one and
     * removing it, since permission bits say nothing to root or about read-only mounts.
     */
    private static void writableDirectory(String key, String directory) {
        if (directory.contains("://") && !directory.startsWith("file://")) {
            return; // s3:// and other Flink file systems check themselves, on the cluster's credentials
        }
        Path path = Path.of(directory.startsWith("file://") ? directory.substring("file://".length()) : directory)
                .toAbsolutePath();
        Path existing = path;
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (!Files.isDirectory(existing)) {
            throw new IllegalArgumentException(key + " '" + directory + "': '" + existing + "' is a file, not a"
                    + " directory");
        }
        try {
            Files.delete(Files.createTempFile(existing, ".flowlens-write-check", ".tmp"));
        } catch (IOException e) {
            throw new IllegalArgumentException(key + " '" + directory + "': cannot write in '" + existing + "' ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    /** Asks the cluster for its brokers, with the job's own client properties (TLS, SASL). */
    private static void brokersAnswer(JobConfig config, KafkaOptions kafka) {
        String servers = config.required(kafka.bootstrapServers());
        Properties properties = config.properties(kafka.properties());
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        int timeout = (int) KAFKA_TIMEOUT.toMillis();
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        String unreachable = kafka.bootstrapServers().key() + ": no Kafka broker answered at " + servers + " within "
                + KAFKA_TIMEOUT.toSeconds() + " s; check the address and that the brokers are up";
        try (Admin admin = Admin.create(properties)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeout)).nodes()
                    .get(timeout + 2_000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new IllegalArgumentException(unreachable);
            }
            throw new IllegalArgumentException(kafka.bootstrapServers().key() + ": the Kafka cluster at " + servers
                    + " refused the client: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new IllegalArgumentException(unreachable);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + servers, e);
        } catch (org.apache.kafka.common.KafkaException e) { // bad client properties, unresolvable names
            throw new IllegalArgumentException(kafka.bootstrapServers().key() + " " + servers + ": "
                    + e.getMessage());
        }
    }
}
