package dev.flowlens.enrich;

import static dev.flowlens.testkit.TaskStates.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.enrich.index.Lookup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Thousands of tasks added, stopped and expired, many reusing an address another task held: after every step the
 * index answers as a model kept in plain maps does, for the address the step touched (at every edge of each of its
 * holds), for a random sample of every address seen so far, and in its task and interval counts; after each expiry,
 * for every address. This exercises the open-addressing table's growth and deletions.
 */
class IndexChurnTest {
    private static final long HOUR = 3_600_000;
    private static final long T0 = 1_700_000_000_000L;
    private static final long RETENTION = 2 * HOUR;

    /** One task's hold on an address in the model: {@code [from, until)}. */
    private static final class Hold {
        final long from;
        long until = Long.MAX_VALUE;
        final int task;

        Hold(long from, int task) {
            this.from = from;
            this.task = task;
        }
    }

    private final AttributionIndex index = new AttributionIndex(RETENTION);
    /** Address to its holds, oldest first, as long as the index should keep them. */
    private final Map<String, List<Hold>> model = new HashMap<>();
    /** Every address used so far, expired or not, to sample from. */
    private final List<String> seen = new ArrayList<>();
    private final Set<String> seenSet = new HashSet<>();
    private long now = T0;

    @Test
    void indexAgreesWithAModelAfterEveryAddStopAndExpiry() {
        Random random = new Random(42);
        int serial = 0;
        int checks = 0;
        int reuses = 0; // tasks that got an address whose previous holder the index still keeps
        for (int step = 0; step < 20_000; step++) {
            now += 1_000;
            // half the steps touch an address seen before, so that addresses pass from task to task
            String ip = !seen.isEmpty() && random.nextBoolean() ? seen.get(random.nextInt(seen.size()))
                    : "10." + random.nextInt(4) + "." + random.nextInt(256) + "." + random.nextInt(256);
            List<Hold> holds = model.computeIfAbsent(ip, k -> new ArrayList<>());
            if (seenSet.add(ip)) {
                seen.add(ip);
            }
            Hold last = holds.isEmpty() ? null : holds.get(holds.size() - 1);
            if (last == null || last.until != Long.MAX_VALUE) {
                reuses += last == null ? 0 : 1;
                int id = serial++;
                index.apply(task("t" + id).service("s").ip(ip).eni("eni-" + id).createdAt(now).version(1)
                        .lastStatus("RUNNING").observedAt(now).build());
                holds.add(new Hold(now, id));
            } else {
                index.apply(task("t" + last.task).service("s").ip(ip).eni("eni-" + last.task).createdAt(last.from)
                        .stoppedAt(now).version(2).lastStatus("STOPPED").observedAt(now).build());
                last.until = now;
            }
            if (step % 1000 == 999) {
                index.expire(now);
                long horizon = now - RETENTION;
                model.values().forEach(list -> list.removeIf(hold -> hold.until < horizon));
                for (String each : seen) {
                    checks += checkAddress(each);
                }
            }

            checks += checkAddress(ip);
            for (int i = 0; i < 8; i++) {
                String other = seen.get(random.nextInt(seen.size()));
                checks += checkAt(other, now - (long) random.nextInt(3 * 3600) * 1_000);
            }
            int tasks = model.values().stream().mapToInt(List::size).sum();
            assertThat(index.taskCount()).as("step %d", step).isEqualTo(tasks);
            assertThat(index.intervalCount()).as("step %d: one hold by IPv4, one by ENI", step).isEqualTo(2 * tasks);
        }
        assertThat(serial).as("tasks started").isGreaterThan(10_000);
        assertThat(reuses).as("addresses passed on").isGreaterThan(2_000);
        assertThat(checks).isGreaterThan(200_000);
        assertThat(index.lookup("10.9.9.9", now).isFound()).isFalse();
    }

    /** The address at every edge of each hold the model has for it: starts, ends, and the instants around them. */
    private int checkAddress(String ip) {
        int checks = 0;
        int reuses = 0; // tasks that got an address whose previous holder the index still keeps
        for (Hold hold : model.getOrDefault(ip, List.of())) {
            checks += checkAt(ip, hold.from - 1) + checkAt(ip, hold.from);
            if (hold.until != Long.MAX_VALUE) {
                checks += checkAt(ip, hold.until - 1) + checkAt(ip, hold.until);
            }
        }
        return checks + checkAt(ip, now);
    }

    private int checkAt(String ip, long t) {
        String expected = expected(ip, t);
        Lookup byAddress = index.lookup(ip, t);
        assertThat(byAddress.isFound() ? "t:" + byAddress.task().taskId : byAddress.reason().name())
                .as("%s at %d", ip, t).isEqualTo(expected);
        if (byAddress.isFound()) {
            String eni = byAddress.task().eniId;
            assertThat(index.lookupEni(eni, t).task()).as("%s at %d", eni, t).isSameAs(byAddress.task());
        }
        return 1;
    }

    /** What the index should answer, from the model alone. */
    private String expected(String ip, long t) {
        List<Hold> holds = model.getOrDefault(ip, List.of());
        if (holds.isEmpty()) {
            return "NEVER_SEEN";
        }
        for (Hold hold : holds) {
            if (hold.from <= t && t < hold.until) {
                return "t:t" + hold.task;
            }
        }
        if (t < holds.get(0).from) {
            return "BEFORE_FIRST_OWNER";
        }
        return t >= holds.get(holds.size() - 1).until ? "AFTER_LAST_OWNER" : "GAP_BETWEEN_OWNERS";
    }
}
