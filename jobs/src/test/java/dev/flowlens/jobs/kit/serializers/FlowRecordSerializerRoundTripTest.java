package dev.flowlens.jobs.kit.serializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.schemas.FlowRecord;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every simulated record survives the serializer, which is smaller than the POJO form, and its snapshot evolves. */
class FlowRecordSerializerRoundTripTest {
    private static final FlowRecordSerializer SERIALIZER = FlowRecordSerializer.INSTANCE;

    @ParameterizedTest
    @ValueSource(strings = {"v2", "v5", "v7", "v11"})
    void everySimulatedRecordOfASeedRoundTripsAndIsSmallerThanThePojoForm(String format) throws IOException {
        List<FlowRecord> records = TestRecords.simulated(11, format, 8);
        assertThat(records).hasSizeGreaterThan(1000);
        TypeSerializer<FlowRecord> pojo = pojoSerializer();
        DataOutputSerializer ours = new DataOutputSerializer(4096);
        DataOutputSerializer theirs = new DataOutputSerializer(4096);
        for (FlowRecord record : records) {
            SERIALIZER.serialize(record, ours);
            pojo.serialize(record, theirs);
        }
        DataInputDeserializer in = new DataInputDeserializer(ours.getSharedBuffer(), 0, ours.length());
        FlowRecord reused = new FlowRecord();
        for (FlowRecord record : records) {
            assertThat(SERIALIZER.deserialize(reused, in)).isEqualTo(record);
            assertThat(SERIALIZER.copy(record)).isEqualTo(record).isNotSameAs(record);
        }
        assertThat(in.available()).isZero();
        assertThat(ours.length()).isLessThan(theirs.length());
    }

    @Test
    void cornersRoundTripOneByOne() throws IOException {
        for (FlowRecord record : TestRecords.corners()) {
            DataOutputSerializer out = new DataOutputSerializer(64);
            SERIALIZER.serialize(record, out);
            FlowRecord back = SERIALIZER.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            assertThat(back).isEqualTo(record);
        }
    }

    /** A record of every field null is its two bitmap bytes; each field alone costs the bitmap and its value. */
    @Test
    void serializedLengthIsTheBitmapAndThePresentFieldsOnly() throws IOException {
        assertThat(serializedLength(new FlowRecord())).isEqualTo(2);
        FlowRecord port = new FlowRecord();
        port.srcPort = 443; // zig-zag 886: two bytes; bit 5: one bitmap byte
        assertThat(serializedLength(port)).isEqualTo(1 + 1 + 2);
        FlowRecord lost = new FlowRecord();
        lost.packetsLostTtlExpired = 1L; // the last field, bit 71: low word 0 (1 byte), high 128 (2), the value 1
        assertThat(serializedLength(lost)).isEqualTo(1 + 2 + 1);
    }

    /** The serializer's field list is FlowRecord's, in declaration order: a new field must be added to it. */
    @Test
    void theFieldListIsEveryFieldOfFlowRecordInOrder() {
        assertThat(FlowRecordSerializer.FIELDS).containsExactlyElementsOf(
                TestRecords.fields().stream().map(Field::getName).toList());
        assertThat(FlowRecordSerializer.FIELDS).hasSizeLessThanOrEqualTo(64 + 32); // what the bitmap holds
    }

    @Test
    void theSnapshotOfTheSameFieldsIsCompatibleAsIs() throws IOException {
        TypeSerializerSnapshot<FlowRecord> restored = roundTrip(SERIALIZER.snapshotConfiguration());
        assertThat(restored).isInstanceOf(FlowRecordSerializerSnapshot.class);
        assertThat(((FlowRecordSerializerSnapshot) restored).fields()).isEqualTo(FlowRecordSerializer.FIELDS);
        assertThat(restored.restoreSerializer()).isSameAs(SERIALIZER);
        assertThat(SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs())
                .isTrue();
    }

    /** Data written before fields were appended reads as is, the new fields null; any other list cannot. */
    @Test
    void aSnapshotOfFewerFieldsReadsAsIsAndOneOfOtherFieldsIsIncompatible() throws IOException {
        FlowRecordSerializerSnapshot fewer = snapshotOf(FlowRecordSerializer.FIELDS.subList(0, 42));
        assertThat(SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(fewer).isCompatibleAsIs()).isTrue();
        assertThat(fewer.restoreSerializer()).isSameAs(SERIALIZER);

        FlowRecordSerializerSnapshot reordered = snapshotOf(List.of("accountId", "version"));
        assertThat(SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(reordered).isIncompatible())
                .isTrue();
        assertThatThrownBy(reordered::restoreSerializer).isInstanceOf(IllegalStateException.class);
    }

    /** Keyed state a savepoint holds through Flink's PojoSerializer (every job before this one) is migrated. */
    @Test
    void thePojoSerializersSnapshotOfFlowRecordMigrates() throws IOException {
        TypeSerializerSnapshot<FlowRecord> pojo = roundTrip(pojoSerializer().snapshotConfiguration());
        TypeSerializerSchemaCompatibility<FlowRecord> compatibility =
                SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(pojo);
        assertThat(compatibility.isCompatibleAfterMigration()).isTrue();

        // what the migration does: read with the restored POJO serializer, write with ours
        FlowRecord record = TestRecords.simulated(5, "v7", 1).get(0);
        DataOutputSerializer old = new DataOutputSerializer(256);
        pojoSerializer().serialize(record, old);
        FlowRecord read = pojo.restoreSerializer().deserialize(new DataInputDeserializer(old.getCopyOfBuffer()));
        DataOutputSerializer migrated = new DataOutputSerializer(256);
        SERIALIZER.serialize(read, migrated);
        assertThat(SERIALIZER.deserialize(new DataInputDeserializer(migrated.getCopyOfBuffer()))).isEqualTo(record);
    }

    @Test
    void anotherTypesSnapshotIsIncompatible() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeSerializerSnapshot<FlowRecord> strings = (TypeSerializerSnapshot) StringSerializer.INSTANCE
                .snapshotConfiguration();
        assertThat(SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(strings).isIncompatible()).isTrue();
    }

    @Test
    void theTypeInformationGivesThisSerializer() {
        assertThat(FlowRecordTypeInfo.INSTANCE.createSerializer(new SerializerConfigImpl())).isSameAs(SERIALIZER);
        assertThat(FlowRecordTypeInfo.INSTANCE.getTypeClass()).isEqualTo(FlowRecord.class);
    }

    private static TypeSerializer<FlowRecord> pojoSerializer() {
        TypeSerializer<FlowRecord> serializer = TypeInformation.of(FlowRecord.class)
                .createSerializer(new SerializerConfigImpl());
        assertThat(serializer).isInstanceOf(PojoSerializer.class);
        return serializer;
    }

    private static int serializedLength(FlowRecord record) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        SERIALIZER.serialize(record, out);
        return out.length();
    }

    private static FlowRecordSerializerSnapshot snapshotOf(List<String> fields) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeInt(fields.size());
        for (String field : fields) {
            out.writeUTF(field);
        }
        FlowRecordSerializerSnapshot snapshot = new FlowRecordSerializerSnapshot();
        snapshot.readSnapshot(snapshot.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()),
                FlowRecordSerializerRoundTripTest.class.getClassLoader());
        return snapshot;
    }

    /** A snapshot written as a checkpoint writes it (class, version, content) and read back. */
    private static <T> TypeSerializerSnapshot<T> roundTrip(TypeSerializerSnapshot<T> snapshot) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()),
                FlowRecordSerializerRoundTripTest.class.getClassLoader());
    }
}
