package dev.flowlens.jobs.enrich;

import static dev.flowlens.testkit.Flows.flow;
import static dev.flowlens.testkit.TaskStates.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.jobs.enrich.operators.HoldBackSettings;
import dev.flowlens.jobs.enrich.operators.IndexSettings;
import dev.flowlens.jobs.kit.serializers.FlowRecordSerializer;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.TaskState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * The keyed edge into the streaming attribution, which every flow crosses, is serialized by
 * {@link FlowRecordSerializer}: not Flink's reflective PojoSerializer, not Kryo.
 */
class HotEdgeSerializerTest {

    @Test
    void theKeyedEdgeIntoTheStreamingAttributionIsTheExplicitSerializer() {
        StreamGraph graph = streamingGraph();
        StreamNode attribution = node(graph, "attribute flows (held back for metadata)");
        TypeSerializer<?> flows = attribution.getTypeSerializersIn()[0]; // the second: the broadcast metadata
        assertThat(flows).isInstanceOf(FlowRecordSerializer.class).isNotInstanceOf(PojoSerializer.class);
        assertThat(attribution.getInEdges()).anySatisfy(edge -> {
            assertThat(graph.getStreamNode(edge.getSourceId()).getOperatorName()).isEqualTo("flow event time");
            assertThat(edge.getPartitioner().toString()).isEqualTo("HASH");
        });
    }

    @Test
    void noEdgeOfTheStreamingTopologyFallsBackToKryo() {
        for (StreamNode node : streamingGraph().getStreamNodes()) {
            if (node.getTypeSerializerOut() != null) {
                assertThat(node.getTypeSerializerOut()).as(node.getOperatorName())
                        .isNotInstanceOf(KryoSerializer.class);
            }
            for (TypeSerializer<?> in : node.getTypeSerializersIn()) {
                assertThat(in).as(node.getOperatorName()).isNotInstanceOf(KryoSerializer.class);
            }
        }
    }

    private static StreamGraph streamingGraph() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<FlowRecord> records = env.fromData(flow().interfaceId("eni-a").from("10.0.1.5").to("52.216.1.1")
                .at(1_700_000_000L).build());
        DataStream<TaskState> tasks = env.fromData(task("a").ip("10.0.1.5").eni("eni-a")
                .createdAt(1_700_000_000_000L).build());
        EnrichmentSettings settings = new EnrichmentSettings(FlowLogFormat.defaultFormat().toAwsFormatString(),
                "events.jsonl", new IndexSettings(Duration.ofHours(24), List.of("10.0.0.0/16"), Map.of()))
                .withStreaming(new EnrichmentSettings.Streaming(
                        new HoldBackSettings(Duration.ofMinutes(5), 10_000, Duration.ofMinutes(1)),
                        Duration.ofMinutes(10), Duration.ofSeconds(1)));
        EnrichmentTopology.build(new EnrichmentTopology.FlowInput.Records(records, env.fromData(List.of(),
                        org.apache.flink.api.common.typeinfo.TypeInformation.of(DeadLetter.class))),
                null, tasks, settings, new EnrichmentTopology.Sinks() {
                    @Override
                    public void enriched(DataStream<EnrichedFlow> flows) {
                        flows.sinkTo(new DiscardingSink<>());
                    }

                    @Override
                    public void deadLetters(DataStream<DeadLetter> deadLetters) {
                        deadLetters.sinkTo(new DiscardingSink<>());
                    }
                });
        return env.getStreamGraph();
    }

    private static StreamNode node(StreamGraph graph, String name) {
        return graph.getStreamNodes().stream().filter(node -> node.getOperatorName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no operator " + name));
    }
}
