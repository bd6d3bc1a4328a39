package dev.flowlens.jobs.kit.serializers;

import dev.flowlens.schemas.FlowRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink's own checks of a serializer (copy, duplicate, serialize alone and in sequence, with and without reuse,
 * serialized copy, snapshot and restore, Java serialization) over the corners and a simulated sample in the widest
 * format.
 */
class FlowRecordSerializerTest extends SerializerTestBase<FlowRecord> {

    @Override
    protected TypeSerializer<FlowRecord> createSerializer() {
        return FlowRecordSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<FlowRecord> getTypeClass() {
        return FlowRecord.class;
    }

    @Override
    protected FlowRecord[] getTestData() {
        List<FlowRecord> data = new ArrayList<>(TestRecords.corners());
        List<FlowRecord> simulated = TestRecords.simulated(3, "v11", 2);
        data.addAll(simulated.subList(0, Math.min(500, simulated.size())));
        return data.toArray(FlowRecord[]::new);
    }
}
