package dev.flowlens.enrich;

import static dev.flowlens.testkit.TaskStates.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.schemas.TaskState;
import dev.flowlens.testkit.TestAccount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A day of churn with 1% of STOPPED events lost: 200 tasks live at any time, each running 10 to 60 minutes on an
 * address from a pool, replaced when it stops. The index expires by event time every minute and a reconciler
 * pass every five minutes states what ECS lists (the running tasks as observed now, the ones stopped within the hour
 * with their {@code stoppedAt}); tasks ECS lists no more are closed where last seen. The index must stay within the
 * live tasks plus retention × stop rate, with a 10% margin, all day.
 */
class BoundedIndexTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long MINUTE = 60_000L;
    private static final long RETENTION = 60 * MINUTE;
    private static final int LIVE = 200;

    private record Live(String id, String ip, long start, long stop) {}

    @Test
    void aDayOfChurnWithLostStoppedEventsStaysWithinLiveTasksPlusRetentionTimesStopRate() {
        churn(true, 65_536); // addresses seldom reused: only the reconciler closes a lost task
    }

    /** Without a reconciler a lost STOPPED leaves the task open; the newer owner of its address supersedes it. */
    @Test
    void withoutAReconcilerTheTasksSupersededOnTheirAddressesExpireToo() {
        churn(false, 1024);
    }

    private static void churn(boolean reconciler, int addresses) {
        Random random = new Random(7);
        AttributionIndex index = new AttributionIndex(RETENTION);
        List<String> free = new ArrayList<>();
        for (int i = 0; i < addresses; i++) {
            free.add("10." + (i / 65_536) + "." + (i / 256 % 256) + "." + (i % 256));
        }
        List<Live> live = new ArrayList<>();
        Map<String, Long> stoppedWithinHour = new HashMap<>(); // arn id -> stoppedAt, what ECS lists as STOPPED
        Map<String, Live> byId = new HashMap<>();
        int[] next = {0};
        for (int i = 0; i < LIVE; i++) {
            live.add(start(index, random, free, T0 - random.nextInt(50) * MINUTE, next, byId));
        }
        int stops = 0;
        int lost = 0;
        int peak = 0;
        for (long now = T0; now < T0 + 24 * 60 * MINUTE; now += MINUTE) {
            List<Live> stopping = new ArrayList<>();
            for (Live task : live) {
                if (task.stop <= now) {
                    stopping.add(task);
                }
            }
            for (Live task : stopping) {
                live.remove(task);
                stops++;
                TaskState stopped = task(task.id).service("svc").ip(task.ip).createdAt(task.start)
                        .startedAt(task.start + 10_000).stoppedAt(task.stop).lastStatus("STOPPED").version(5)
                        .observedAt(task.stop).build();
                if (random.nextInt(100) == 0) {
                    lost++; // the event never arrives; ECS still lists the task as STOPPED for an hour
                } else {
                    index.apply(stopped);
                }
                stoppedWithinHour.put(task.id, task.stop);
                free.add(task.ip);
                live.add(start(index, random, free, now + 30_000, next, byId));
            }
            if (reconciler && (now - T0) % (5 * MINUTE) == 0) {
                reconcile(index, live, stoppedWithinHour, byId, now);
            }
            index.expire(index.knownUntil());
            peak = Math.max(peak, index.taskCount());
        }
        double stopsPerRetention = stops / 24.0 * (RETENTION / (60.0 * MINUTE));
        assertThat(lost).as("lost STOPPED events").isGreaterThan(30);
        System.out.printf("churn reconciler=%s: %d stops, %d lost, peak %d, bound %.0f%n", reconciler, stops, lost,
                peak, (LIVE + stopsPerRetention) * 1.1);
        assertThat(peak).as("peak tasks in the index, %d stops, %d STOPPED lost", stops, lost)
                .isLessThanOrEqualTo((int) Math.ceil((LIVE + stopsPerRetention) * 1.1));
    }

    /** What a reconciler pass does: current observations of what ECS lists, then the unlisted closed. */
    private static void reconcile(AttributionIndex index, List<Live> live, Map<String, Long> stoppedWithinHour,
            Map<String, Live> byId, long now) {
        Set<String> listed = new HashSet<>();
        for (Live task : live) {
            TaskState running = task(task.id).service("svc").ip(task.ip).createdAt(task.start)
                    .startedAt(task.start + 10_000).version(2).lastStatus("RUNNING").observedAt(now).build();
            running.current = true;
            index.apply(running);
            listed.add(running.identity.taskArn);
        }
        stoppedWithinHour.entrySet().removeIf(e -> e.getValue() < now - 60 * MINUTE);
        for (Map.Entry<String, Long> e : stoppedWithinHour.entrySet()) {
            Live task = byId.get(e.getKey());
            TaskState stopped = task(task.id).service("svc").ip(task.ip).createdAt(task.start)
                    .startedAt(task.start + 10_000).stoppedAt(task.stop).lastStatus("STOPPED").version(5)
                    .observedAt(now).build();
            stopped.current = true;
            index.apply(stopped);
            listed.add(stopped.identity.taskArn);
        }
        index.closeUnlisted(listed, Set.of(TestAccount.REGION + ":" + TestAccount.ACCOUNT_ID));
    }

    private static Live start(AttributionIndex index, Random random, List<String> free, long at, int[] next,
            Map<String, Live> byId) {
        String ip = free.remove(random.nextInt(free.size()));
        String id = "t" + next[0]++;
        long stop = at + (10 + random.nextInt(51)) * MINUTE;
        index.apply(task(id).service("svc").ip(ip).createdAt(at).startedAt(at + 10_000).version(2)
                .lastStatus("RUNNING").observedAt(at + 10_000).build());
        Live task = new Live(id, ip, at, stop);
        byId.put(id, task);
        return task;
    }
}
