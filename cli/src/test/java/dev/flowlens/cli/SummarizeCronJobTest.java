package dev.flowlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.flowlens.investigate.HourSummary;
import dev.flowlens.investigate.TimeRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * deploy/kubernetes/flowlens-summarize.yaml, parsed: the CronJob's arguments are a valid {@code flowlens summarize}
 * command line for the enrichment job's dataset, its cache sits on a volume larger than the cache, the image is the
 * command-line image, and its service account's IAM policy lets it read the dataset and write only its summaries.
 */
class SummarizeCronJobTest {
    private static final Path DEPLOY = Path.of("../deploy");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void hourlyOneAtATimeAndDoneBeforeTheNextHour() throws IOException {
        JsonNode spec = cronJob().path("spec");
        assertThat(spec.path("schedule").asText()).matches("[0-9]{1,2} \\* \\* \\* \\*");
        assertThat(spec.path("concurrencyPolicy").asText()).isEqualTo("Forbid");
        JsonNode job = spec.path("jobTemplate").path("spec");
        assertThat(job.path("activeDeadlineSeconds").asLong()).isPositive().isLessThan(3_600);
        assertThat(job.path("template").path("spec").path("restartPolicy").asText()).isEqualTo("Never");
    }

    @Test
    void itsArgumentsAreASummarizeCommandOverTheEnrichmentJobsDataset() throws IOException {
        JsonNode container = container();
        List<String> args = strings(container.path("args"));
        ParseResult parsed = Flowlens.commandLine().parseArgs(args.toArray(String[]::new));
        assertThat(parsed.hasSubcommand()).isTrue();
        ParseResult summarize = parsed.subcommand();
        assertThat(summarize.commandSpec().name()).isEqualTo("summarize");

        String dataset = summarize.matchedOptionValue("--dataset", "");
        assertThat(dataset).isEqualTo(enrichmentDataset()).startsWith("s3://");
        // the hours of the last days, counted from each run's clock
        Instant now = Instant.now();
        TimeRange range = TimeRange.parse(summarize.matchedOptionValue("--from", ""), null, now);
        assertThat(Duration.between(range.from(), now)).isBetween(Duration.ofHours(2), Duration.ofDays(7));

        String cache = summarize.matchedOption("--cache").getValue().toString();
        JsonNode cacheVolume = volumeMountedAt(container, cache);
        long cacheBytes = bytes(summarize.matchedOptionValue("--cache-size", ""));
        assertThat(bytes(cacheVolume.path("emptyDir").path("sizeLimit").asText())).isGreaterThan(cacheBytes);
        // DuckDB's JDBC driver unpacks its native library into /tmp
        assertThat(volumeMountedAt(container, "/tmp").has("emptyDir")).isTrue();
    }

    @Test
    void theImageIsTheCommandLineImageOfTheAllInOneJar() throws IOException {
        assertThat(container().path("image").asText()).endsWith("/flowlens-cli:0.1.0");
        List<String> dockerfile = Files.readAllLines(DEPLOY.resolve("cli.Dockerfile")).stream()
                .filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
        assertThat(dockerfile.get(0)).startsWith("FROM eclipse-temurin:17-jre");
        assertThat(dockerfile).anyMatch(line -> line.startsWith("COPY") && line.contains(" cli/target/flowlens.jar "))
                .anyMatch(line -> line.startsWith("ENTRYPOINT") && line.contains("\"-jar\"")
                        && line.contains("/opt/flowlens/flowlens.jar"));
        // the jar the shade plugin writes
        assertThat(Files.readString(Path.of("pom.xml"))).contains("<finalName>flowlens</finalName>");
    }

    @Test
    void itsRoleReadsTheDatasetAndWritesOnlyItsSummaries() throws IOException {
        JsonNode pod = cronJob().path("spec").path("jobTemplate").path("spec").path("template").path("spec");
        String account = pod.path("serviceAccountName").asText();
        JsonNode serviceAccount = documents(DEPLOY.resolve("kubernetes/rbac.yaml")).stream()
                .filter(doc -> doc.path("kind").asText().equals("ServiceAccount"))
                .filter(doc -> doc.path("metadata").path("name").asText().equals(account)).findFirst().orElseThrow();
        assertThat(serviceAccount.path("metadata").path("annotations").path("eks.amazonaws.com/role-arn").asText())
                .endsWith(":role/" + account);

        String dataset = enrichmentDataset().substring("s3://".length());
        String bucket = dataset.substring(0, dataset.indexOf('/'));
        String prefix = dataset.substring(bucket.length() + 1);
        JsonNode policy = new ObjectMapper().readTree(DEPLOY.resolve("iam/summarize.json").toFile());
        List<String> reads = new ArrayList<>();
        List<String> writes = new ArrayList<>();
        List<String> listings = new ArrayList<>();
        for (JsonNode statement : policy.path("Statement")) {
            List<String> actions = strings(statement.path("Action"));
            List<String> resources = strings(statement.path("Resource"));
            if (actions.contains("s3:GetObject")) {
                reads.addAll(resources);
            }
            if (actions.stream().anyMatch(action -> action.startsWith("s3:Put") || action.startsWith("s3:Delete"))) {
                assertThat(actions).containsExactly("s3:PutObject");
                writes.addAll(resources);
            }
            if (actions.contains("s3:ListBucket")) {
                assertThat(resources).containsExactly("arn:aws:s3:::" + bucket);
                listings.addAll(strings(statement.path("Condition").path("StringLike").path("s3:prefix")));
            }
        }
        assertThat(reads).containsExactly("arn:aws:s3:::" + dataset + "/*");
        assertThat(writes).containsExactly("arn:aws:s3:::" + dataset + "/" + HourSummary.FOLDER + "/*");
        assertThat(listings).containsExactly(prefix + "/*");
    }

    private static JsonNode cronJob() throws IOException {
        return documents(DEPLOY.resolve("kubernetes/flowlens-summarize.yaml")).stream()
                .filter(doc -> doc.path("kind").asText().equals("CronJob")).findFirst().orElseThrow();
    }

    private static JsonNode container() throws IOException {
        JsonNode containers = cronJob().path("spec").path("jobTemplate").path("spec").path("template").path("spec")
                .path("containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    /** The enrichment job's Parquet dataset, as its ConfigMap configures {@code sinks.parquet}. */
    private static String enrichmentDataset() throws IOException {
        JsonNode configMap = documents(DEPLOY.resolve("kubernetes/configmap.yaml")).stream()
                .filter(doc -> doc.path("kind").asText().equals("ConfigMap")).findFirst().orElseThrow();
        for (JsonNode file : configMap.path("data")) {
            JsonNode parquet = YAML.readTree(file.asText()).path("sinks").path("parquet");
            if (parquet.isTextual()) {
                return parquet.asText();
            }
        }
        throw new AssertionError("no sinks.parquet in deploy/kubernetes/configmap.yaml");
    }

    private static JsonNode volumeMountedAt(JsonNode container, String path) throws IOException {
        String name = null;
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(path)) {
                name = mount.path("name").asText();
            }
        }
        assertThat(name).as("a volume mounted at " + path).isNotNull();
        for (JsonNode volume : cronJob().path("spec").path("jobTemplate").path("spec").path("template").path("spec")
                .path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    /** {@code 8G} (the cache's sizes) or {@code 10Gi} (Kubernetes quantities), in bytes. */
    private static long bytes(String size) {
        String digits = size.replaceAll("[^0-9]", "");
        String unit = size.substring(digits.length());
        long scale = switch (unit) {
            case "G", "Gi" -> 1L << 30;
            case "M", "Mi" -> 1L << 20;
            default -> throw new AssertionError("unexpected size " + size);
        };
        return Long.parseLong(digits) * scale;
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            return YAML.readValues(parser, JsonNode.class).readAll().stream()
                    .filter(doc -> doc != null && !doc.isNull() && !doc.isEmpty()).toList();
        }
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else if (!node.isMissingNode()) {
            values.add(node.asText());
        }
        return values;
    }
}
