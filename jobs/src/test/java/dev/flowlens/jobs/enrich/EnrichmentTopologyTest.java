package dev.flowlens.jobs.enrich;

import static dev.flowlens.testkit.Flows.flow;
import static dev.flowlens.testkit.TaskStates.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.jobs.enrich.operators.IndexSettings;
import dev.flowlens.jobs.kit.RuntimeModes;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.DeadLetterReason;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowEndpoint;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.Origin;
import dev.flowlens.schemas.TaskState;
import dev.flowlens.testkit.flink.CollectingSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link EnrichmentTopology#build} over in-memory inputs (records already parsed, task observations, one bad
 * event) on two parallel subtasks: each flow names the task that held its addresses at its time, and every dead
 * letter reaches the sink.
 */
class EnrichmentTopologyTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.withSlots(2);

    private static final long HOUR = 3_600_000;
    private static final long T0 = 1_700_000_000_000L;
    private static final long T0_SECOND = T0 / 1000;

    private static TaskState onEc2(TaskState task) {
        task.identity.launchType = "EC2";
        task.identity.interfaceType = null; // EC2 not asked: it may be a trunk's branch
        return task;
    }

    @Test
    void eachFlowNamesTheTaskThatHeldItsAddressesThen() throws Exception {
        // 10.0.1.5 goes from checkout to payments a second after checkout's task stopped
        List<TaskState> tasks = List.of(
                task("old").service("checkout").ip("10.0.1.5").eni("eni-old").createdAt(T0).stoppedAt(T0 + HOUR)
                        .build(),
                // an EC2 task, whose traffic a trunk ENI may record (ENI trunking is for the EC2 launch type only)
                onEc2(task("new").service("payments").ip("10.0.1.5").eni("eni-new").createdAt(T0 + HOUR + 1000)
                        .observedAt(T0 + 3 * HOUR).build()),
                task("api").service("api").ip("10.0.2.20").eni("eni-api").createdAt(T0).observedAt(T0 + 3 * HOUR)
                        .build());
        // the source port tells the flows apart
        List<FlowRecord> flows = List.of(
                flow().srcPort(1).interfaceId("eni-old").from("10.0.1.5").to("52.216.10.1").at(T0_SECOND + 600)
                        .build(),
                flow().srcPort(2).interfaceId("eni-new").from("10.0.1.5").to("52.216.10.1").at(T0_SECOND + 7200)
                        .build(),
                flow().srcPort(3).interfaceId("eni-old").from("10.0.1.5").to("10.0.2.20").at(T0_SECOND + 1200)
                        .build(),
                flow().srcPort(4).interfaceId("eni-trunk").from("10.0.1.5").to("52.216.10.1").at(T0_SECOND + 7260)
                        .build(),
                flow().srcPort(5).interfaceId("eni-api").from("203.0.113.9").to("10.0.2.20").at(T0_SECOND + 1800)
                        .build(),
                flow().srcPort(6).interfaceId("eni-trunk").from("10.0.1.5").to("52.216.10.1").at(T0_SECOND + 3600)
                        .build());
        DeadLetter unparsed = DeadLetter.of("2 garbage", Origin.of("flows.log").atLine(7), DeadLetterReason.FIELD_COUNT,
                "2 fields, expected 14");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        RuntimeModes.bounded(env);
        env.setParallelism(2);
        try (CollectingSink<EnrichedFlow> enriched = CollectingSink.create("enriched");
                CollectingSink<DeadLetter> deadLetters = CollectingSink.create("dead-letters")) {
            EnrichmentTopology.build(
                    new EnrichmentTopology.FlowInput.Records(
                            env.fromData(flows, TypeInformation.of(FlowRecord.class)),
                            env.fromData(List.of(unparsed), TypeInformation.of(DeadLetter.class))),
                    env.fromData(List.of("{\"not\": \"an event\"}"), Types.STRING),
                    env.fromData(tasks, TypeInformation.of(TaskState.class)),
                    new EnrichmentSettings(FlowLogFormat.defaultFormat().toAwsFormatString(), "events.jsonl",
                            new IndexSettings(Duration.ofHours(24), List.of("10.0.0.0/16"), Map.of())),
                    new EnrichmentTopology.Sinks() {
                        @Override
                        public void enriched(DataStream<EnrichedFlow> stream) {
                            stream.sinkTo(enriched);
                        }

                        @Override
                        public void deadLetters(DataStream<DeadLetter> stream) {
                            stream.sinkTo(deadLetters);
                        }
                    });
            env.execute("enrichment topology test");

            Map<Integer, String> ends = new TreeMap<>();
            for (EnrichedFlow flow : enriched.values()) {
                assertThat(ends.put(flow.record.srcPort, end(flow.src) + " -> " + end(flow.dst)))
                        .as("flow %d once", flow.record.srcPort).isNull();
            }
            assertThat(ends).containsExactly(
                    Map.entry(1, "old (eni) -> unattributed:never-seen"),
                    Map.entry(2, "new (eni) -> unattributed:never-seen"),
                    Map.entry(3, "old (eni) -> api (ip-time)"),
                    Map.entry(4, "new (ip-time) -> unattributed:never-seen"),
                    Map.entry(5, "unattributed:never-seen -> api (eni)"),
                    Map.entry(6, "unattributed:gap-between-owners -> unattributed:never-seen"));
            assertThat(deadLetters.values()).extracting(letter -> letter.reason)
                    .containsExactlyInAnyOrder(DeadLetterReason.FIELD_COUNT, DeadLetterReason.BAD_EVENT);
        }
    }

    private static String end(FlowEndpoint end) {
        return end.task == null ? end.attributionLabel() : end.task.taskId + " (" + end.attributionLabel() + ")";
    }
}
