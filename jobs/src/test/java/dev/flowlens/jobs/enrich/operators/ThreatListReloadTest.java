package dev.flowlens.jobs.enrich.operators;

import static dev.flowlens.testkit.Flows.flow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.enrich.peer.ThreatListSource;
import dev.flowlens.enrich.peer.ThreatLists;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming attribution operator follows a threat-list file that changes while it runs: flows after the refresh
 * interval of processing time carry the new list, and a broken rewrite leaves the old one in use.
 */
class ThreatListReloadTest {
    private static final long T0 = 1_700_000_000L; // epoch seconds, the flows' time
    private static final Duration REFRESH = Duration.ofMinutes(5);
    private static final String OLD_PEER = "198.51.100.7";
    private static final String NEW_PEER = "203.0.113.9";

    @TempDir
    Path dir;

    private Path deny;
    private KeyedBroadcastOperatorTestHarness<String, FlowRecord, TaskState, EnrichedFlow> harness;

    @BeforeEach
    void setUp() throws Exception {
        deny = dir.resolve("deny.txt");
        write(OLD_PEER + "\n", 1);
        // as RunEnrichment builds them: read once when the job is defined, then followed by the operator
        IndexSettings settings = new IndexSettings(Duration.ofHours(24), List.of("10.0.0.0/16"),
                ThreatLists.load(Map.of("deny", deny.toString()), ThreatListSource.files()), REFRESH, null);
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new AttributeFlowsStreaming(settings, new HoldBackSettings(Duration.ofMinutes(5), 1000,
                        Duration.ZERO)),
                flow -> flow.interfaceId, Types.STRING, BroadcastTaskIndex.TASKS);
        harness.open();
        harness.setProcessingTime(1_000);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void flowsAfterTheRefreshIntervalCarryTheChangedList() throws Exception {
        assertThat(sendTo(OLD_PEER, 0)).containsExactly("deny");

        write("# the feed moved on\n" + NEW_PEER + "\n", 2);
        harness.setProcessingTime(1_000 + REFRESH.toMillis() - 1);
        assertThat(sendTo(NEW_PEER, 1)).as("before the interval the old list stands").isEmpty();

        harness.setProcessingTime(1_000 + REFRESH.toMillis());
        assertThat(sendTo(NEW_PEER, 2)).containsExactly("deny");
        assertThat(sendTo(OLD_PEER, 3)).isEmpty();
    }

    @Test
    void aRewriteThatDoesNotParseKeepsTheListInUse() throws Exception {
        assertThat(sendTo(OLD_PEER, 0)).containsExactly("deny");

        write(NEW_PEER + "\n10.0.0.0/99\n", 2);
        harness.setProcessingTime(1_000 + REFRESH.toMillis());
        assertThat(sendTo(OLD_PEER, 1)).containsExactly("deny");
        assertThat(sendTo(NEW_PEER, 2)).isEmpty();

        write(NEW_PEER + "\n", 3); // fixed: taken at the next interval
        harness.setProcessingTime(1_000 + 2 * REFRESH.toMillis());
        assertThat(sendTo(NEW_PEER, 3)).containsExactly("deny");
    }

    /** Sends a flow from an untracked VPC address to {@code peer} and returns the lists its peer end is on. */
    private List<String> sendTo(String peer, int second) throws Exception {
        int before = harness.extractOutputValues().size();
        harness.processElement(flow().interfaceId("eni-1").from("192.0.2.10").to(peer).at(T0 + second).build(),
                (T0 + second) * 1000);
        List<EnrichedFlow> out = harness.extractOutputValues();
        assertThat(out).hasSize(before + 1); // outside the VPC: goes out at once, not held back
        return out.get(before).dst.threatLists;
    }

    /** Writes the list with a distinct modification time, as a rewrite seconds later would have. */
    private void write(String text, int second) throws Exception {
        Files.writeString(deny, text);
        Files.setLastModifiedTime(deny, FileTime.fromMillis(T0 * 1000 + second * 1000L));
    }
}
