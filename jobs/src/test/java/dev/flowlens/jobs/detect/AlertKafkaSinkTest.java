package dev.flowlens.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.jobs.enrich.KafkaBroker;
import dev.flowlens.jobs.enrich.KafkaBrokerExtension;
import dev.flowlens.jobs.enrich.MiniClusters;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertStatus;
import dev.flowlens.schemas.json.AlertJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Alerts into a real Kafka broker, exactly once, keyed by alert id. */
class AlertKafkaSinkTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.withSlots(2);

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void everyAlertIsCommittedOnceKeyedByIdInItsIncidentsOrder() throws Exception {
        String bootstrap = KAFKA.bootstrapServers();
        KafkaBroker.createTopics(bootstrap, Map.of("alerts", 3));
        List<Alert> alerts = TestAlerts.incidents(12);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.enableCheckpointing(200); // transactions commit on checkpoints, the last one at the end of the input
        env.setParallelism(1); // one writer, so the input order is the order each incident's records are sent in
        AlertSinks sinks = new AlertSinks(null, null,
                new AlertSinks.Kafka(bootstrap, "alerts", "test-alerts", new Properties()), null,
                AlertSinks.Format.FLOWLENS);
        sinks.alerts(env.fromData(alerts, TypeInformation.of(Alert.class)).name("alerts"));
        env.execute("alert kafka sink");

        List<String> committed = KafkaBroker.readCommitted(bootstrap, "alerts", alerts.size());
        assertThat(committed).as("read_committed: each alert once").hasSize(alerts.size());
        List<String> ids = new ArrayList<>();
        for (String value : committed) {
            ids.add(AlertJson.parse(value).id);
        }
        assertThat(ids).containsExactlyInAnyOrderElementsOf(alerts.stream().map(a -> a.id).toList());

        // keys: the alert id, so one incident's open, updated and closed share a partition, in that order
        Map<String, Integer> partitionOf = new HashMap<>();
        Map<String, List<AlertStatus>> statuses = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "group.id", "keys", "auto.offset.reset", "earliest", "isolation.level", "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("alerts"));
            long deadline = System.currentTimeMillis() + 30_000;
            int seen = 0;
            while (seen < alerts.size() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    seen++;
                    Alert alert = AlertJson.parse(new String(record.value(), StandardCharsets.UTF_8));
                    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(alert.id);
                    Integer before = partitionOf.putIfAbsent(alert.id, record.partition());
                    assertThat(before == null || before == record.partition()).as(alert.id + " in one partition")
                            .isTrue();
                    statuses.computeIfAbsent(alert.id, id -> new ArrayList<>()).add(alert.status);
                }
            }
        }
        assertThat(statuses).hasSize(12);
        statuses.forEach((id, order) -> assertThat(order).as(id)
                .containsExactly(AlertStatus.OPEN, AlertStatus.UPDATED, AlertStatus.CLOSED));
        assertThat(new java.util.HashSet<>(partitionOf.values())).as("incidents spread over the partitions")
                .hasSizeGreaterThan(1);
    }
}
