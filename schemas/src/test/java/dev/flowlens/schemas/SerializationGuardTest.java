package dev.flowlens.schemas;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;

import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertEvidence;
import dev.flowlens.schemas.alert.AlertPeer;
import dev.flowlens.schemas.alert.AlertTask;
import dev.flowlens.schemas.usage.InstanceEniDensity;
import dev.flowlens.schemas.usage.ServiceUsage;
import dev.flowlens.schemas.usage.SubnetCapacity;
import org.junit.jupiter.api.Test;

/** Flink must serialize every record type as a POJO; a Kryo fallback would be slow and break state evolution. */
class SerializationGuardTest {

    @Test
    void flowRecordIsAPojo() {
        assertSerializedAsPojoWithoutKryo(FlowRecord.class);
    }

    @Test
    void enrichmentTypesArePojos() {
        assertSerializedAsPojoWithoutKryo(TaskIdentity.class);
        assertSerializedAsPojoWithoutKryo(FlowEndpoint.class);
        assertSerializedAsPojoWithoutKryo(EnrichedFlow.class);
    }

    @Test
    void taskStateIsAPojo() { // the unit of the task index's Flink state
        assertSerializedAsPojoWithoutKryo(TaskState.class);
    }

    @Test
    void deadLetterAndOriginArePojos() {
        assertSerializedAsPojoWithoutKryo(Origin.class);
        assertSerializedAsPojoWithoutKryo(DeadLetter.class);
    }

    @Test
    void alertAndItsPartsArePojos() {
        assertSerializedAsPojoWithoutKryo(AlertTask.class);
        assertSerializedAsPojoWithoutKryo(AlertPeer.class);
        assertSerializedAsPojoWithoutKryo(AlertEvidence.class);
        assertSerializedAsPojoWithoutKryo(Alert.class);
    }

    @Test
    void usageRowsArePojos() { // the scheduled report aggregates them in a bounded Flink job
        assertSerializedAsPojoWithoutKryo(ServiceUsage.class);
        assertSerializedAsPojoWithoutKryo(SubnetCapacity.class);
        assertSerializedAsPojoWithoutKryo(InstanceEniDensity.class);
    }
}
