package dev.flowlens.jobs.readers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.ingest.s3.S3ObjectRef;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The deduplication of announced objects, keyed by their identity, with its state's time to live. */
class FirstAnnouncementTest {
    private static final Duration TTL = Duration.ofHours(1);

    @Test
    void onlyTheFirstAnnouncementOfAnObjectPasses() throws Exception {
        try (var harness = harness(null, 0)) {
            harness.processElement(object("a.log.gz", "0A01"), 0);
            harness.processElement(object("a.log.gz", "0A01"), 0); // a copy of the same event
            harness.processElement(object("b.log.gz", "0B01"), 0);
            harness.processElement(object("a.log.gz", "0A02"), 0); // the key written again: a new object

            assertThat(harness.extractOutputValues()).extracting(S3ObjectRef::identity).containsExactly(
                    "s3://logs/a.log.gz sequencer 0A01", "s3://logs/b.log.gz sequencer 0B01",
                    "s3://logs/a.log.gz sequencer 0A02");
            assertThat(harness.numKeyedStateEntries()).isEqualTo(3);
        }
    }

    @Test
    void aRestartRemembersWhatTheCheckpointHolds() throws Exception {
        OperatorSubtaskState checkpoint;
        try (var harness = harness(null, 0)) {
            harness.processElement(object("a.log.gz", "0A01"), 0);
            checkpoint = harness.snapshot(1, 0);
        }
        try (var restarted = harness(checkpoint, 1_000)) {
            restarted.processElement(object("a.log.gz", "0A01"), 0); // SQS delivers it again after the restart
            restarted.processElement(object("b.log.gz", "0B01"), 0);
            assertThat(restarted.extractOutputValues()).extracting(ref -> ref.key).containsExactly("b.log.gz");
        }
    }

    @Test
    void anObjectIsRememberedForTheTimeToLiveThenForgotten() throws Exception {
        OperatorSubtaskState checkpoint;
        try (var harness = harness(null, 0)) {
            harness.processElement(object("a.log.gz", "0A01"), 0);
            harness.processElement(object("b.log.gz", "0B01"), 0);

            harness.setStateTtlProcessingTime(TTL.toMillis() - 1);
            harness.processElement(object("a.log.gz", "0A01"), 0);
            assertThat(harness.extractOutputValues()).as("a copy within the time to live is dropped").hasSize(2);
            assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

            // Past the time to live an object is forgotten: a copy now is read again (the bound of the state)...
            harness.setStateTtlProcessingTime(TTL.toMillis() + 1);
            harness.processElement(object("a.log.gz", "0A01"), 0);
            assertThat(harness.extractOutputValues()).extracting(ref -> ref.key)
                    .containsExactly("a.log.gz", "b.log.gz", "a.log.gz");
            // ... and once every entry expired, a checkpoint holds none (the heap cleans up as it is used, RocksDB
            // as it compacts).
            harness.setStateTtlProcessingTime(2 * TTL.toMillis() + 2);
            checkpoint = harness.snapshot(1, 0);
        }
        try (var restarted = harness(checkpoint, 2 * TTL.toMillis() + 2)) {
            assertThat(restarted.numKeyedStateEntries()).as("state after the time to live").isZero();
        }
    }

    /** A harness at state-TTL time {@code now}, restored from {@code checkpoint} when not null. */
    private static KeyedOneInputStreamOperatorTestHarness<String, S3ObjectRef, S3ObjectRef> harness(
            OperatorSubtaskState checkpoint, long now) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<String, S3ObjectRef, S3ObjectRef>(
                new KeyedProcessOperator<>(new FirstAnnouncement(TTL)), FirstAnnouncement::key, Types.STRING);
        harness.setStateTtlProcessingTime(now);
        if (checkpoint != null) {
            harness.initializeState(checkpoint);
        }
        harness.open();
        return harness;
    }

    private static S3ObjectRef object(String key, String sequencer) {
        return new S3ObjectRef("logs", key, 100, null, sequencer);
    }
}
