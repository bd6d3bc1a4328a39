/**
 * An HTTP webhook as a Flink Sink V2: each record POSTed as JSON, retried with exponential backoff and jitter
 * ({@code WebhookRetryPolicy}, plain Java), never holding the job up for longer than its attempts allow; failures
 * are counted and logged, not fatal. Java's {@code HttpClient}; knows no job.
 */
package dev.flowlens.jobs.kit.webhook;
