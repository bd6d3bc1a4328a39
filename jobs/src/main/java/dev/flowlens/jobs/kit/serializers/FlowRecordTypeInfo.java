package dev.flowlens.jobs.kit.serializers;

import dev.flowlens.schemas.FlowRecord;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type of a stream or state of {@link FlowRecord}s serialized by {@link FlowRecordSerializer} instead of Flink's
 * reflective {@code PojoSerializer}. Given where it is wanted ({@code returns}, a state descriptor), since the
 * {@code schemas} module stays free of Flink and so cannot annotate {@link FlowRecord} itself.
 */
public final class FlowRecordTypeInfo extends TypeInformation<FlowRecord> {
    private static final long serialVersionUID = 1L;

    /** The one instance. */
    public static final FlowRecordTypeInfo INSTANCE = new FlowRecordTypeInfo();

    private FlowRecordTypeInfo() {}

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<FlowRecord> getTypeClass() {
        return FlowRecord.class;
    }

    @Override
    public boolean isKeyType() {
        return false; // streams are keyed by a field (the interface), never by the whole record
    }

    @Override
    public TypeSerializer<FlowRecord> createSerializer(SerializerConfig config) {
        return FlowRecordSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "FlowRecordTypeInfo";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FlowRecordTypeInfo;
    }

    @Override
    public int hashCode() {
        return FlowRecordTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof FlowRecordTypeInfo;
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
