package dev.flowlens.jobs.kit.sqs;

import dev.flowlens.jobs.kit.AwsSettings;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Messages of an SQS queue (S3 event notifications, typically), unbounded. Every reader polls the queue itself — SQS
 * hands each message to one consumer at a time — so there is nothing to enumerate; a message is deleted only when a
 * checkpoint that covers its records completes. The visibility timeout must outlast a checkpoint interval plus the
 * time to read the object, or SQS hands the message out again. A reader skips a message id it remembers (see
 * {@link SqsSplit}); a copy on another reader, or another message announcing the same object, is for the job to
 * skip (the enrichment job deduplicates by object, in keyed state).
 */
public final class SqsSource implements Source<QueueMessage, SqsSplit, Void>, ResultTypeQueryable<QueueMessage> {
    /**
     * @param waitSeconds long-poll wait (0–20 s)
     * @param visibilityTimeout how long a received message stays hidden from other consumers
     * @param rememberedIds how many delivered message ids each reader keeps to skip redeliveries
     */
    public record Settings(int waitSeconds, java.time.Duration visibilityTimeout, int rememberedIds)
            implements java.io.Serializable {}

    private final String queueUrl;
    private final AwsSettings aws;
    private final Settings settings;

    public SqsSource(String queueUrl, AwsSettings aws, Settings settings) {
        this.queueUrl = queueUrl;
        this.aws = aws;
        this.settings = settings;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<QueueMessage, SqsSplit> createReader(SourceReaderContext context) {
        return new SqsReader(aws.sqs(), queueUrl, settings, context.getIndexOfSubtask());
    }

    @Override
    public SplitEnumerator<SqsSplit, Void> createEnumerator(SplitEnumeratorContext<SqsSplit> context) {
        return new NoSplits();
    }

    @Override
    public SplitEnumerator<SqsSplit, Void> restoreEnumerator(SplitEnumeratorContext<SqsSplit> context, Void state) {
        return new NoSplits();
    }

    @Override
    public SimpleVersionedSerializer<SqsSplit> getSplitSerializer() {
        return new SqsSplit.Serializer();
    }

    @Override
    public SimpleVersionedSerializer<Void> getEnumeratorCheckpointSerializer() {
        return new SimpleVersionedSerializer<>() {
            @Override
            public int getVersion() {
                return 1;
            }

            @Override
            public byte[] serialize(Void state) {
                return new byte[0];
            }

            @Override
            public Void deserialize(int version, byte[] serialized) {
                return null;
            }
        };
    }

    @Override
    public TypeInformation<QueueMessage> getProducedType() {
        return TypeInformation.of(QueueMessage.class);
    }

    /** The readers need no splits: each polls the queue. Splits only carry reader state across restores. */
    private static final class NoSplits implements SplitEnumerator<SqsSplit, Void> {
        @Override
        public void start() {}

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {}

        @Override
        public void addSplitsBack(List<SqsSplit> splits, int subtaskId) {}

        @Override
        public void addReader(int subtaskId) {}

        @Override
        public Void snapshotState(long checkpointId) {
            return null;
        }

        @Override
        public void close() throws IOException {}
    }
}
