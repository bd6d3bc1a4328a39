package dev.flowlens.testkit.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CollectingSinkTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @Test
    void collectsEveryElementOfEveryParallelSubtaskOnce() throws Exception {
        try (CollectingSink<Long> sink = CollectingSink.create("numbers");
                CollectingSink<Long> other = CollectingSink.create("numbers")) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.getConfig().enableObjectReuse();
            env.fromSequence(1, 20_000).setParallelism(4).rebalance().sinkTo(sink).setParallelism(4);
            env.execute("collecting sink test");

            assertThat(sink.values()).hasSize(20_000)
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 20_000).boxed().toList());
            assertThat(other.values()).as("a sink of the same label is another store").isEmpty();
        }
    }

    @Test
    void aClosedSinkHasNoStore() {
        CollectingSink<String> sink = CollectingSink.create("closed");
        sink.close();
        assertThatThrownBy(sink::values).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
