package dev.flowlens.jobs.operators;

import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.jobs.aws.AwsSettings;
import dev.flowlens.jobs.aws.S3FlowLogObjects;
import dev.flowlens.jobs.sqs.QueueMessage;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.Origin;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.util.Collector;

/**
 * Reads the S3 objects an SQS message's event notification announces; a bad notification is a dead letter naming
 * the queue and message id.
 */
public final class ReadAnnouncedObjects extends ReadsFlowLogs<QueueMessage> {
    private final String format;
    private final AwsSettings aws;
    private transient S3FlowLogObjects objects;

    public ReadAnnouncedObjects(String format, AwsSettings aws) {
        this.format = format;
        this.aws = aws;
    }

    @Override
    public void open(OpenContext openContext) {
        super.open(openContext);
        objects = new S3FlowLogObjects(aws.s3(), FlowLogFormat.parse(format));
    }

    @Override
    public void processElement(QueueMessage message, Context context, Collector<FlowRecord> out) {
        objects.readAnnounced(message.body, Origin.of(message.queueUrl + "#" + message.messageId),
                consumer(context, out));
    }

    @Override
    public void close() {
        if (objects != null) {
            objects.close();
        }
    }
}
