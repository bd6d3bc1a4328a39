package dev.flowlens.jobs.kit.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each flow's partition is its start's UTC day and hour, whatever partition the flow before it had. */
class HivePartitionsTest {
    @Test
    void everyFlowGetsThePartitionOfItsOwnHour() {
        HivePartitions<EnrichedFlow> partitions = HivePartitions.byFlowStart();
        Random random = new Random(5);
        long base = 1_720_137_600L; // 2024-07-05T00:00:00Z
        for (int i = 0; i < 20_000; i++) {
            long seconds = switch (random.nextInt(4)) {
                case 0 -> base + random.nextInt(3) * 3600L - 1 + random.nextInt(3); // around hour boundaries
                case 1 -> -random.nextInt(7200); // before the epoch
                default -> base + random.nextInt(86_400 * 3);
            };
            EnrichedFlow flow = new EnrichedFlow();
            flow.record = new FlowRecord();
            if (random.nextInt(50) == 0) {
                flow.record.end = seconds;
            } else if (random.nextInt(50) != 0) {
                flow.record.start = seconds;
            }
            Long time = flow.record.start != null ? flow.record.start : flow.record.end;
            String expected = time == null ? "dt=unknown/hour=unknown"
                    : String.format("dt=%s/hour=%02d", Instant.ofEpochSecond(time).atZone(ZoneOffset.UTC).toLocalDate(),
                            Instant.ofEpochSecond(time).atZone(ZoneOffset.UTC).getHour());
            assertThat(partitions.getBucketId(flow, null)).as("%s", time).isEqualTo(expected);
        }
    }
}
