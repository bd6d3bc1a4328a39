package dev.flowlens.jobs.readers;

import dev.flowlens.ingest.s3.InvalidNotificationException;
import dev.flowlens.ingest.s3.S3EventNotifications;
import dev.flowlens.ingest.s3.S3ObjectRef;
import dev.flowlens.jobs.kit.sqs.QueueMessage;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.DeadLetterReason;
import dev.flowlens.schemas.Origin;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The S3 objects an SQS message's event notification announces, with the version id and sequencer that identify
 * them; a bad notification is a dead letter ({@code BAD_NOTIFICATION}) naming the queue and message id.
 */
public final class AnnouncedObjects extends ProcessFunction<QueueMessage, S3ObjectRef> {
    private transient S3EventNotifications notifications;
    private transient ReaderMetrics metrics;

    @Override
    public void open(OpenContext openContext) {
        notifications = new S3EventNotifications();
        metrics = new ReaderMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(QueueMessage message, Context context, Collector<S3ObjectRef> out) {
        try {
            for (S3ObjectRef object : notifications.createdObjects(message.body)) {
                out.collect(object);
            }
        } catch (InvalidNotificationException e) {
            metrics.deadLetter(DeadLetter.of(message.text(), Origin.of(message.queueUrl + "#" + message.messageId),
                    DeadLetterReason.BAD_NOTIFICATION, e.getMessage()), context::output);
        }
    }
}
