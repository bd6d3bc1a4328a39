package dev.flowlens.jobs.kit.sqs;

import dev.flowlens.jobs.kit.JobConfig;
import dev.flowlens.jobs.kit.JobOption;
import java.time.Duration;
import java.util.List;

/** The keys of one SQS queue a job reads, under a prefix ({@code flow-logs.sqs.queue-url}, ...). */
public record SqsOptions(JobOption<String> queueUrl, JobOption<Integer> waitSeconds,
        JobOption<Duration> visibilityTimeout, JobOption<Integer> rememberedIds) {

    public static SqsOptions of(String prefix, String what) {
        return new SqsOptions(
                JobOption.key(prefix + ".sqs.queue-url").text(null, "the queue of " + what),
                JobOption.key(prefix + ".sqs.wait-seconds").integer(20, "long-poll wait, 0-20 seconds"),
                JobOption.key(prefix + ".sqs.visibility-timeout").duration(Duration.ofMinutes(10),
                        "how long a received message stays hidden; must outlast a checkpoint interval plus"
                                + " reading what it announces"),
                JobOption.key(prefix + ".sqs.remembered-ids").integer(100_000,
                        "message ids each reader remembers to skip redeliveries"));
    }

    /**
     * How long the objects announced on a queue of S3 event notifications are remembered, so that a second
     * notification of one (S3 delivers at least once; SQS redelivers, maybe to another reader) is skipped.
     */
    public static JobOption<Duration> deduplicationTtl(String prefix) {
        return JobOption.key(prefix + ".sqs.deduplication-ttl").duration(Duration.ofHours(24),
                "how long an announced object (bucket, key, version or sequencer) is remembered in keyed state, so"
                        + " that another notification of it is skipped; must outlast redeliveries");
    }

    public List<JobOption<?>> all() {
        return List.of(queueUrl, waitSeconds, visibilityTimeout, rememberedIds);
    }

    public SqsSource.Settings settings(JobConfig config) {
        int wait = config.get(waitSeconds);
        if (wait < 0 || wait > 20) {
            throw new IllegalArgumentException(waitSeconds.key() + ": 0 to 20 seconds, not " + wait);
        }
        return new SqsSource.Settings(wait, config.get(visibilityTimeout), config.get(rememberedIds));
    }
}
