package dev.flowlens.enrich;

import static dev.flowlens.enrich.Tasks.observed;
import static dev.flowlens.enrich.Tasks.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.enrich.index.Lookup;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of tasks added, stopped and expired across colliding addresses: after every step the index answers
 * exactly as a model kept in a plain map does (this exercises the open-addressing table's growth and deletions).
 */
class IndexChurnTest {
    private static final long HOUR = 3_600_000;
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void indexAgreesWithAModelThroughAddsStopsAndExpiry() {
        Random random = new Random(42);
        AttributionIndex index = new AttributionIndex(2 * HOUR);
        Map<String, long[]> model = new HashMap<>(); // ip -> {from, until, task number} of the live or last task
        Map<String, Integer> taskOfIp = new HashMap<>();
        long now = T0;
        int serial = 0;
        for (int step = 0; step < 20_000; step++) {
            now += 1_000;
            String ip = "10." + random.nextInt(4) + "." + random.nextInt(256) + "." + random.nextInt(256);
            Integer current = taskOfIp.get(ip);
            if (current == null) {
                int id = serial++;
                index.apply(observed(task("t" + id, "s", ip, "eni-" + id, now, null), 1, "RUNNING", now));
                taskOfIp.put(ip, id);
                model.put(ip, new long[] {now, Long.MAX_VALUE, id});
            } else {
                long[] hold = model.get(ip);
                index.apply(observed(task("t" + current, "s", ip, "eni-" + current, hold[0], now), 2, "STOPPED",
                        now));
                hold[1] = now;
                taskOfIp.remove(ip);
            }
            if (step % 1000 == 999) {
                index.expire(now);
                long horizon = now - 2 * HOUR;
                model.values().removeIf(hold -> hold[1] < horizon);
            }
        }
        index.advanceKnownUntil(now);
        for (Map.Entry<String, long[]> entry : model.entrySet()) {
            long[] hold = entry.getValue();
            Lookup during = index.lookup(entry.getKey(), hold[0]);
            assertThat(during.isFound()).as(entry.getKey()).isTrue();
            assertThat(during.task().taskId).isEqualTo("t" + hold[2]);
        }
        assertThat(index.lookup("10.9.9.9", now).isFound()).isFalse();
    }
}
