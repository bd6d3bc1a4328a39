package dev.flowlens.jobs.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.enrich.peer.ReloadingThreatLists;
import dev.flowlens.enrich.peer.ThreatList;
import dev.flowlens.enrich.peer.ThreatLists;
import dev.flowlens.jobs.enrich.operators.ThreatListLocations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.flowlens.jobs.kit.JobConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Threat lists kept as S3 objects, read and followed by their ETag through the SDK against S3Proxy. */
class S3ThreatListsTest {
    private static final String BUCKET = "threat-lists";
    private static final Duration REFRESH = Duration.ofMinutes(5);

    private static S3Server s3;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3Server.start();
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @Test
    void aChangedObjectIsReadAgainAndAnUnchangedOneIsNot() throws Exception {
        put("feeds/deny.txt", "# drop list\n198.51.100.7\n");
        List<String> swapped = new ArrayList<>();
        try (ThreatListLocations locations = new ThreatListLocations(s3.aws())) {
            List<ThreatList> initial = ThreatLists.load(Map.of("deny", "s3://" + BUCKET + "/feeds/deny.txt"),
                    locations);
            assertThat(initial).singleElement().satisfies(list -> {
                assertThat(list.entries()).containsExactly("198.51.100.7");
                assertThat(list.version()).isNotBlank(); // the ETag
            });
            assertThat(locations.load(initial.get(0).location(), initial.get(0).version()))
                    .as("unchanged: not read").isNull();

            ReloadingThreatLists lists = new ReloadingThreatLists(initial, locations, REFRESH, 0,
                    new ReloadingThreatLists.Listener() {
                        @Override
                        public void reloaded(ThreatList list) {
                            swapped.add(list.name());
                        }

                        @Override
                        public void failed(ThreatList previous, Exception cause) {
                            throw new AssertionError(cause);
                        }
                    });
            assertThat(lists.refreshIfDue(REFRESH.toMillis())).isFalse();

            put("feeds/deny.txt", "203.0.113.0/24\r\n2001:db8::/32\n");
            assertThat(lists.refreshIfDue(2 * REFRESH.toMillis())).isTrue();
            assertThat(lists.entries()).containsEntry("deny", List.of("203.0.113.0/24", "2001:db8::/32"));
            assertThat(swapped).containsExactly("deny");
        }
    }

    @Test
    void aMissingObjectIsAnErrorNamingTheListAndTheObject() {
        try (ThreatListLocations locations = new ThreatListLocations(s3.aws())) {
            assertThatThrownBy(() -> ThreatLists.load(Map.of("feed", "s3://" + BUCKET + "/gone.txt"), locations))
                    .isInstanceOf(IOException.class)
                    .hasMessage("threat list feed 's3://" + BUCKET + "/gone.txt': no such S3 object 's3://" + BUCKET
                            + "/gone.txt'");
        }
    }

    @Test
    void aJobWhoseS3ListCannotBeReadFailsWhenItIsDefined(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("flowlogs"));
        Files.writeString(dir.resolve("flowlogs/none.log"), "");
        Path yaml = Files.writeString(dir.resolve("job.yaml"), String.join("\n",
                "flow-logs:", "  directory: " + dir.resolve("flowlogs"),
                "enrichment:", "  threat-lists:", "    feed: s3://" + BUCKET + "/missing.txt",
                "sinks:", "  dead-letters: " + dir.resolve("dead-letters"),
                "aws:", "  region: us-east-1", "  s3:", "    endpoint: " + s3.endpoint(), "    path-style: true", ""));
        JobConfig config = JobConfig.read(yaml, Map.of(), EnrichmentOptions.ALL);

        assertThatThrownBy(() -> RunEnrichment.define(StreamExecutionEnvironment.getExecutionEnvironment(), config,
                warning -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("enrichment.threat-lists: threat list feed 's3://" + BUCKET + "/missing.txt': no such"
                        + " S3 object 's3://" + BUCKET + "/missing.txt'");
    }

    private static void put(String key, String text) {
        s3.put(BUCKET, key, text.getBytes(StandardCharsets.UTF_8));
    }
}
