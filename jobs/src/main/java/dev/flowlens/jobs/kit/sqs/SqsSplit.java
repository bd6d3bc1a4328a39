package dev.flowlens.jobs.kit.sqs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * What one SQS reader keeps in a checkpoint: the messages it emitted before the checkpoint and has not yet deleted.
 * Their records are in that checkpoint, so after a restore they are deleted (and skipped if seen again), never read
 * twice.
 */
public final class SqsSplit implements SourceSplit {
    /** A message received and emitted: its id (for skipping redeliveries) and receipt handle (for deleting). */
    public record Received(String messageId, String receiptHandle) {}

    private final String id;
    private final List<Received> undeleted;

    public SqsSplit(String id, List<Received> undeleted) {
        this.id = id;
        this.undeleted = List.copyOf(undeleted);
    }

    @Override
    public String splitId() {
        return id;
    }

    public List<Received> undeleted() {
        return undeleted;
    }

    /** Version 1: id, count, then (message id, receipt handle) pairs, as modified UTF-8. */
    public static final class Serializer implements SimpleVersionedSerializer<SqsSplit> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(SqsSplit split) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF(split.id);
                out.writeInt(split.undeleted.size());
                for (Received message : split.undeleted) {
                    out.writeUTF(message.messageId());
                    out.writeUTF(message.receiptHandle());
                }
            }
            return bytes.toByteArray();
        }

        @Override
        public SqsSplit deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) {
                throw new IOException("unknown SQS split version " + version);
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                String id = in.readUTF();
                int count = in.readInt();
                List<Received> undeleted = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    undeleted.add(new Received(in.readUTF(), in.readUTF()));
                }
                return new SqsSplit(id, undeleted);
            }
        }
    }
}
