package dev.flowlens.jobs.kit.serializers;

import dev.flowlens.schemas.FlowRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The snapshot of {@link FlowRecordSerializer} in a checkpoint or savepoint: the field list its data was written
 * with. Data of an earlier field list that the current one extends reads as is (the fields added since are null);
 * state a savepoint holds through Flink's {@code PojoSerializer} of {@link FlowRecord} (every job before this
 * serializer) is migrated: read with the POJO serializer, written again with this one.
 */
public final class FlowRecordSerializerSnapshot implements TypeSerializerSnapshot<FlowRecord> {
    /** Version 1: the number of fields, then their names. */
    private static final int VERSION = 1;

    private List<String> fields;

    /** For Flink, which instantiates a snapshot before {@link #readSnapshot}; also the current field list. */
    public FlowRecordSerializerSnapshot() {
        this.fields = FlowRecordSerializer.FIELDS;
    }

    @Override
    public int getCurrentVersion() {
        return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeInt(fields.size());
        for (String field : fields) {
            out.writeUTF(field);
        }
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
        if (readVersion != VERSION) {
            throw new IOException("FlowRecordSerializer snapshot version " + readVersion + " is not known (this"
                    + " build reads version " + VERSION + ")");
        }
        int count = in.readInt();
        List<String> read = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            read.add(in.readUTF());
        }
        this.fields = List.copyOf(read);
    }

    @Override
    public TypeSerializer<FlowRecord> restoreSerializer() {
        if (!readable(fields)) {
            throw new IllegalStateException("FlowRecord data written with fields " + fields + " cannot be read by"
                    + " this build's FlowRecordSerializer (fields " + FlowRecordSerializer.FIELDS + ")");
        }
        return FlowRecordSerializer.INSTANCE;
    }

    @Override
    public TypeSerializerSchemaCompatibility<FlowRecord> resolveSchemaCompatibility(
            TypeSerializerSnapshot<FlowRecord> oldSerializerSnapshot) {
        if (oldSerializerSnapshot instanceof FlowRecordSerializerSnapshot old) {
            return readable(old.fields) ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
        if (oldSerializerSnapshot instanceof PojoSerializerSnapshot<FlowRecord> pojo
                && pojo.restoreSerializer().createInstance() instanceof FlowRecord) {
            return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
        return TypeSerializerSchemaCompatibility.incompatible();
    }

    /** The fields of data written earlier; the current serializer reads it if its list starts with them. */
    List<String> fields() {
        return fields;
    }

    private static boolean readable(List<String> written) {
        List<String> current = FlowRecordSerializer.FIELDS;
        return written.size() <= current.size() && current.subList(0, written.size()).equals(written);
    }
}
