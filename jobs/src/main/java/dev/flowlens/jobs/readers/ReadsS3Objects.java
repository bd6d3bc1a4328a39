package dev.flowlens.jobs.readers;

import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.jobs.kit.AwsSettings;

/**
 * A flow-log reading function that fetches S3 objects: its S3 client is made on first use (a topic of plain lines
 * never needs one) and closed with the function.
 */
abstract class ReadsS3Objects<IN> extends ReadsFlowLogs<IN> {
    /** The format of input without a header line, as an AWS format string. */
    final String format;
    private final AwsSettings aws;
    private transient S3FlowLogObjects objects;

    ReadsS3Objects(String format, AwsSettings aws) {
        this.format = format;
        this.aws = aws;
    }

    S3FlowLogObjects objects() {
        if (objects == null) {
            objects = new S3FlowLogObjects(aws.s3(), FlowLogFormat.parse(format));
        }
        return objects;
    }

    @Override
    public void close() {
        if (objects != null) {
            objects.close();
            objects = null;
        }
    }
}
