package dev.flowlens.jobs.readers;

import dev.flowlens.ingest.s3.S3ObjectRef;
import dev.flowlens.jobs.kit.AwsSettings;
import dev.flowlens.schemas.FlowRecord;
import org.apache.flink.util.Collector;

/** Fetches one S3 flow-log object and reads it (kind detected); rejects go to the dead letters. */
public final class ReadS3Object extends ReadsS3Objects<S3ObjectRef> {
    public ReadS3Object(String format, AwsSettings aws) {
        super(format, aws);
    }

    @Override
    public void processElement(S3ObjectRef object, Context context, Collector<FlowRecord> out) {
        objects().read(object, consumer(context, out));
    }
}
