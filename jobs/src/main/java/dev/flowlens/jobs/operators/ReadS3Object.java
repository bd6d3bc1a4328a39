package dev.flowlens.jobs.operators;

import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.ingest.s3.S3ObjectRef;
import dev.flowlens.jobs.aws.AwsSettings;
import dev.flowlens.jobs.aws.S3FlowLogObjects;
import dev.flowlens.schemas.FlowRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.util.Collector;

/** Fetches one S3 flow-log object and reads it (kind detected); rejects go to the dead letters. */
public final class ReadS3Object extends ReadsFlowLogs<S3ObjectRef> {
    private final String format;
    private final AwsSettings aws;
    private transient S3FlowLogObjects objects;

    public ReadS3Object(String format, AwsSettings aws) {
        this.format = format;
        this.aws = aws;
    }

    @Override
    public void open(OpenContext openContext) {
        super.open(openContext);
        objects = new S3FlowLogObjects(aws.s3(), FlowLogFormat.parse(format));
    }

    @Override
    public void processElement(S3ObjectRef object, Context context, Collector<FlowRecord> out) {
        objects.read(object, consumer(context, out));
    }

    @Override
    public void close() {
        if (objects != null) {
            objects.close();
        }
    }
}
