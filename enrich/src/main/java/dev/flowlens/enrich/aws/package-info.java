/**
 * The ECS/EC2 reconciler: brings the task index in line with the ECS and EC2 APIs through the AWS SDK v2,
 * rate-limited, retried and cached. Plain Java; no Flink types.
 */
package dev.flowlens.enrich.aws;
