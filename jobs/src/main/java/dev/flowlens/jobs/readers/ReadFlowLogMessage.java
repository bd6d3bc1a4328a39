package dev.flowlens.jobs.readers;

import dev.flowlens.ingest.CloudWatchLogsReader;
import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.ingest.ReaderLimits;
import dev.flowlens.ingest.RecordConsumer;
import dev.flowlens.ingest.TextFlowLogReader;
import dev.flowlens.ingest.s3.S3EventNotifications;
import dev.flowlens.jobs.kit.AwsSettings;
import dev.flowlens.jobs.kit.kafka.KafkaMessage;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.Origin;
import java.io.ByteArrayInputStream;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.util.Collector;

/**
 * Reads one Kafka message of flow logs, whatever it holds — a CloudWatch Logs subscription payload (gzip or plain
 * JSON), an S3 event notification (the objects it announces are fetched and read), or one or more plain lines (gzip
 * or not, with or without a header line) — into records; rejects go to the dead letters with topic, partition and
 * offset, or the object's {@code s3://} address.
 */
public final class ReadFlowLogMessage extends ReadsS3Objects<KafkaMessage> {
    private transient FlowLogFormat configured;

    /**
     * @param format the format of messages without a header line, as an AWS format string
     * @param aws how to reach S3 for the objects notifications announce
     */
    public ReadFlowLogMessage(String format, AwsSettings aws) {
        super(format, aws);
    }

    @Override
    public void open(OpenContext openContext) {
        super.open(openContext);
        configured = FlowLogFormat.parse(format);
    }

    @Override
    public void processElement(KafkaMessage message, Context context, Collector<FlowRecord> out) {
        RecordConsumer consumer = consumer(context, out);
        Origin origin = Origin.kafka(message.topic, message.partition, message.offset);
        if (CloudWatchLogsReader.looksLikePayload(message.value)) {
            new CloudWatchLogsReader(configured, ReaderLimits.DEFAULT).read(message.value, origin, consumer);
        } else if (S3EventNotifications.looksLikeNotification(message.value)) {
            objects().readAnnounced(message.value, origin, consumer);
        } else {
            new TextFlowLogReader(configured, ReaderLimits.DEFAULT)
                    .read(new ByteArrayInputStream(message.value), origin, consumer);
        }
    }
}
