/**
 * S3 event notifications (S3's own, SNS-wrapped, EventBridge) to the objects they announce. Plain Java with Jackson;
 * no AWS SDK, no Flink types.
 */
package dev.flowlens.ingest.s3;
