package dev.flowlens.jobs.kit;

import java.util.List;

/** How jobs reach AWS: the region and endpoint overrides (credentials come from the SDK's default chain). */
public final class AwsOptions {
    public static final JobOption<String> REGION = JobOption.key("aws.region")
            .text("us-east-1", "region of the AWS clients; credentials come from the SDK's default chain");
    public static final JobOption<String> S3_ENDPOINT = JobOption.key("aws.s3.endpoint")
            .text(null, "an S3-compatible endpoint (also given to Flink's S3 file system)");
    public static final JobOption<Boolean> S3_PATH_STYLE = JobOption.key("aws.s3.path-style")
            .bool(false, "path-style bucket addressing, as most S3-compatible servers need");
    public static final JobOption<String> SQS_ENDPOINT = JobOption.key("aws.sqs.endpoint")
            .text(null, "SQS endpoint override (a local server, a VPC endpoint)");
    public static final JobOption<String> ECS_ENDPOINT = JobOption.key("aws.ecs.endpoint")
            .text(null, "ECS endpoint override");
    public static final JobOption<String> EC2_ENDPOINT = JobOption.key("aws.ec2.endpoint")
            .text(null, "EC2 endpoint override");

    public static final List<JobOption<?>> ALL = List.of(REGION, S3_ENDPOINT, S3_PATH_STYLE, SQS_ENDPOINT,
            ECS_ENDPOINT, EC2_ENDPOINT);

    private AwsOptions() {}

    /** The AWS settings a job's operators build their clients from. */
    public static AwsSettings settings(JobConfig config) {
        return new AwsSettings(config.get(REGION), config.get(S3_ENDPOINT), config.get(S3_PATH_STYLE),
                config.get(SQS_ENDPOINT));
    }
}
