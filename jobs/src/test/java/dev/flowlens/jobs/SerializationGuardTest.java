package dev.flowlens.jobs;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;

import dev.flowlens.detect.ServiceState;
import dev.flowlens.detect.TaskFlow;
import dev.flowlens.enrich.index.InterfaceEvidence;
import dev.flowlens.ingest.s3.S3ObjectRef;
import dev.flowlens.jobs.kit.kafka.EnrichedMessage;
import dev.flowlens.jobs.kit.kafka.KafkaMessage;
import dev.flowlens.jobs.kit.sqs.QueueMessage;
import dev.flowlens.report.UsageFlow;
import dev.flowlens.schemas.alert.Alert;
import org.junit.jupiter.api.Test;

/**
 * The jobs' own stream types must be POJOs too (the schemas' guard covers the record types): a Kryo fallback would
 * be slow and break state evolution.
 */
class SerializationGuardTest {

    @Test
    void kafkaMessageIsAPojo() { // from the Kafka source to the reading operator
        assertSerializedAsPojoWithoutKryo(KafkaMessage.class);
    }

    @Test
    void enrichedMessageIsAPojo() { // from the enriched-flows Kafka source to the operator that unpacks it
        assertSerializedAsPojoWithoutKryo(EnrichedMessage.class);
    }

    @Test
    void queueMessageIsAPojo() { // from the SQS source to the reading operator
        assertSerializedAsPojoWithoutKryo(QueueMessage.class);
    }

    @Test
    void s3ObjectRefIsAPojo() { // from the S3 listing to the reading operator, rebalanced
        assertSerializedAsPojoWithoutKryo(S3ObjectRef.class);
    }

    @Test
    void taskFlowIsAPojo() { // from the enriched flows to the detectors, keyed by service
        assertSerializedAsPojoWithoutKryo(TaskFlow.class);
    }

    @Test
    void serviceStateIsAPojo() { // the detectors' keyed state, checkpointed
        assertSerializedAsPojoWithoutKryo(ServiceState.class);
    }

    @Test
    void interfaceEvidenceFactIsAPojo() { // the streaming attribution's operator state, checkpointed
        assertSerializedAsPojoWithoutKryo(InterfaceEvidence.Fact.class);
    }

    @Test
    void alertIsAPojo() { // from the detection operators to the alert sinks (AlertSinks), rebalanced to their writers
        assertSerializedAsPojoWithoutKryo(Alert.class);
    }

    @Test
    void usageFlowIsAPojo() { // from the usage report's Parquet source to the subtasks' aggregation
        assertSerializedAsPojoWithoutKryo(UsageFlow.class);
    }
}
