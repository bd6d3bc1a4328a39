/**
 * A checkpoint-aware SQS source: each reader polls the queue, and a message is deleted only after a checkpoint
 * covering its records completes; redeliveries are skipped. Flink's Source API and the AWS SDK's SQS client; knows no
 * job.
 */
package dev.flowlens.jobs.kit.sqs;
