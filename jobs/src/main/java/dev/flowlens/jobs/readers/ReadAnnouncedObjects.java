package dev.flowlens.jobs.readers;

import dev.flowlens.jobs.kit.AwsSettings;
import dev.flowlens.jobs.kit.sqs.QueueMessage;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.Origin;
import org.apache.flink.util.Collector;

/**
 * Reads the S3 objects an SQS message's event notification announces; a bad notification is a dead letter naming
 * the queue and message id.
 */
public final class ReadAnnouncedObjects extends ReadsS3Objects<QueueMessage> {
    public ReadAnnouncedObjects(String format, AwsSettings aws) {
        super(format, aws);
    }

    @Override
    public void processElement(QueueMessage message, Context context, Collector<FlowRecord> out) {
        objects().readAnnounced(message.body, Origin.of(message.queueUrl + "#" + message.messageId),
                consumer(context, out));
    }
}
