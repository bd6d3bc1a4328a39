package dev.flowlens.jobs.operators;

import dev.flowlens.ingest.CloudWatchLogsReader;
import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.ingest.ReaderLimits;
import dev.flowlens.ingest.RecordConsumer;
import dev.flowlens.ingest.TextFlowLogReader;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.Origin;
import java.io.ByteArrayInputStream;
import org.apache.flink.util.Collector;

/**
 * Reads one Kafka message of flow logs, whatever it holds — a CloudWatch Logs subscription payload (gzip or plain
 * JSON), or one or more plain lines (gzip or not, with or without a header line) — into records; rejects go to the
 * dead letters with topic, partition and offset.
 */
public final class ReadFlowLogMessage extends ReadsFlowLogs<KafkaMessage> {
    private final String format;

    /** @param format the format of messages without a header line, as an AWS format string */
    public ReadFlowLogMessage(String format) {
        this.format = format;
    }

    @Override
    public void processElement(KafkaMessage message, Context context, Collector<FlowRecord> out) {
        RecordConsumer consumer = consumer(context, out);
        Origin origin = Origin.kafka(message.topic, message.partition, message.offset);
        FlowLogFormat configured = FlowLogFormat.parse(format);
        if (CloudWatchLogsReader.looksLikePayload(message.value)) {
            new CloudWatchLogsReader(configured, ReaderLimits.DEFAULT).read(message.value, origin, consumer);
        } else {
            new TextFlowLogReader(configured, ReaderLimits.DEFAULT)
                    .read(new ByteArrayInputStream(message.value), origin, consumer);
        }
    }
}
