package dev.flowlens.schemas;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;

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
    void deadLetterAndOriginArePojos() {
        assertSerializedAsPojoWithoutKryo(Origin.class);
        assertSerializedAsPojoWithoutKryo(DeadLetter.class);
    }
}
