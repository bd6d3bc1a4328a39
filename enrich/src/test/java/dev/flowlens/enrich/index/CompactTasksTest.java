package dev.flowlens.enrich.index;

import static dev.flowlens.testkit.TaskStates.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.TaskState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The index keeps each task compactly ({@link HeldTask}: ids packed into primitives where their text allows, text
 * otherwise) and gives back exactly what it was given: every field of every spelling, through lookups (by IPv4,
 * IPv6 and ENI), {@code task(arn)} and snapshots, and through updates and expiry.
 */
class CompactTasksTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long HOUR = 3_600_000L;
    private static final String REGION_ACCOUNT = "arn:aws:ecs:us-east-1:123456789012:task/";

    @Test
    void everyFormOfArnTaskIdEniAndMacComesBackAsItWas() {
        List<java.util.function.IntFunction<String>> arns = List.of(
                n -> REGION_ACCOUNT + "prod/" + String.format("%032x", n), // today's: cluster/32 hex digits
                n -> REGION_ACCOUNT + String.format("%08x-422b-4dc4-b493-371970c6c4d6", n), // old: a UUID alone
                n -> REGION_ACCOUNT + "prod/" + String.format("1dc5c17a-422b-4dc4-b493-%012x", n), // cluster/UUID
                n -> REGION_ACCOUNT + "prod/" + String.format("%032X", 0xABCDEFL * (n + 1)), // uppercase: text
                n -> REGION_ACCOUNT + "prod/web-" + n, // not hex
                n -> REGION_ACCOUNT + "prod/" + String.format("%031x", n), // 31 digits
                n -> REGION_ACCOUNT + "prod/" + String.format("1dc5c17a-422b-4dc4-b493_%012x", n), // no dash
                n -> REGION_ACCOUNT + "prod-\u00e9/" + String.format("%032x", n), // a prefix beyond ASCII
                n -> "task-without-a-slash-" + n);
        String[] enis = {"eni-0a1b2c3d4e5f60718", "eni-00000000000000000", "eni-fffffffffffffffff", "eni-1a2b3c4d",
            "eni-0A1B2C3D4E5F60718", "eni-0a1b2c3d4e5f607189", "eni-", "eni-0a1b2c3d4e5f6071g", "trunk-7", null};
        String[] macs = {"0a:1b:2c:3d:4e:5f", "0A:1B:2C:3D:4E:5F", "0a-1b-2c-3d-4e-5f", "", null};
        AttributionIndex index = new AttributionIndex(HOUR);
        List<TaskState> given = new ArrayList<>();
        int n = 0;
        for (java.util.function.IntFunction<String> arn : arns) {
            for (String eni : enis) {
                TaskState state = task("t").ip("10.0." + (n / 200) + "." + (n % 200 + 1))
                        .eni(eni)
                        .createdAt(T0 + n).build();
                TaskIdentity t = state.identity;
                t.taskArn = arn.apply(n);
                String arnId = t.taskArn.substring(t.taskArn.lastIndexOf('/') + 1);
                t.taskId = n % 3 == 0 ? null : n % 3 == 1 ? arnId : "other-" + n;
                t.macAddress = macs[n % macs.length];
                t.vpcId = "vpc-1";
                given.add(state);
                n++;
            }
        }
        // one ENI per task in this index: the shared ENI ids each get their last task, as in any index
        Map<String, TaskIdentity> eniHolder = new HashMap<>();
        for (TaskState state : given) {
            index.apply(state);
            if (state.identity.eniId != null) {
                eniHolder.put(state.identity.eniId, state.identity);
            }
        }

        for (TaskState state : given) {
            TaskIdentity t = state.identity;
            assertThat(index.snapshotOf(t.taskArn)).usingRecursiveComparison().isEqualTo(state);
            assertThat(index.task(t.taskArn)).isEqualTo(t);
            assertThat(index.lookup(t.privateIpv4, T0 + HOUR).task()).isEqualTo(t);
        }
        eniHolder.forEach((eni, t) -> assertThat(index.lookupEni(eni, T0 + HOUR).task()).isEqualTo(t));
        assertThat(index.taskCount()).isEqualTo(given.size());
        assertThat(index.intervalCount()).isEqualTo(given.size() + eniHolder.size());
    }

    @Test
    void anEniIdOfOtherDigitsIsAnotherEni() {
        AttributionIndex index = new AttributionIndex(HOUR);
        index.apply(task("a").ip("10.0.1.5").eni("eni-0a1b2c3d4e5f60718").createdAt(T0).build());

        assertThat(index.knowsEni("eni-0a1b2c3d4e5f60718")).isTrue();
        assertThat(index.knowsEni("eni-a1b2c3d4e5f60718")).isFalse(); // one digit fewer: not the same id
        assertThat(index.knowsEni("eni-00a1b2c3d4e5f60718")).isFalse();
        assertThat(index.knowsEni("eni-0A1B2C3D4E5F60718")).isFalse(); // ids are compared as text, as before
        assertThat(index.knowsEni("eni-1a1b2c3d4e5f60718")).isFalse(); // the 17th digit counts
        assertThat(index.knowsEni(null)).isFalse();
    }

    @Test
    void anIpv6OnlyTaskComesBackWholeByItsAddressAndEni() {
        AttributionIndex index = new AttributionIndex(HOUR);
        TaskState state = task("0123456789abcdef0123456789abcdef").ipv6("2600:1f18:abc:de01::1f")
                .eni("eni-0a1b2c3d4e5f60718").createdAt(T0).build();
        state.identity.privateIpv4 = null;
        index.apply(state);

        assertThat(index.lookup("2600:1f18:abc:de01:0:0:0:1f", T0 + 60_000).task()).isEqualTo(state.identity);
        assertThat(index.lookupEni("eni-0a1b2c3d4e5f60718", T0 + 60_000).task()).isEqualTo(state.identity);
        assertThat(index.snapshotOf(state.identity.taskArn)).usingRecursiveComparison().isEqualTo(state);
        assertThat(index.intervalCount()).isEqualTo(2);
    }

    @Test
    void timesOfZeroAndUnknownTimesAndFlagsComeBackAsGiven() {
        AttributionIndex index = new AttributionIndex(HOUR);
        TaskState zero = task("zero").ip("10.0.1.5").eni("eni-1").build();
        zero.identity.createdAt = 0L;
        zero.identity.startedAt = null;
        zero.identity.stoppedAt = 0L;
        zero.current = true;
        zero.groupsFromEni = true;
        zero.identity.securityGroups = List.of();
        TaskState unknown = task("unknown").ip("10.0.1.6").eni("eni-2").build();
        unknown.identity.createdAt = null;
        unknown.identity.startedAt = T0;
        unknown.identity.securityGroups = null;
        unknown.identity.vpcId = "vpc-1";
        index.apply(zero);
        index.apply(unknown);

        assertThat(index.snapshotOf(zero.identity.taskArn)).usingRecursiveComparison().isEqualTo(zero);
        assertThat(index.snapshotOf(unknown.identity.taskArn)).usingRecursiveComparison().isEqualTo(unknown);
    }

    @Test
    void aLookupAfterAnUpdateAnswersTheUpdatedTaskNeverTheIdentityMadeBefore() {
        AttributionIndex index = new AttributionIndex(HOUR);
        TaskState running = task("0123456789abcdef0123456789abcdef").ip("10.0.1.5").eni("eni-0a1b2c3d4e5f60718")
                .createdAt(T0).version(3).build();
        index.apply(running);
        TaskIdentity before = index.lookup("10.0.1.5", T0 + 60_000).task();
        assertThat(index.lookup("10.0.1.5", T0 + 60_000).task()).isSameAs(before); // made once, then reused

        index.apply(task("0123456789abcdef0123456789abcdef").ip("10.0.1.5").eni("eni-0a1b2c3d4e5f60718")
                .createdAt(T0).stoppedAt(T0 + 120_000).version(6).build());

        TaskIdentity after = index.lookup("10.0.1.5", T0 + 60_000).task();
        assertThat(after.stoppedAt).isEqualTo(T0 + 120_000);
        assertThat(before.stoppedAt).isNull();
        assertThat(index.lookupEni("eni-0a1b2c3d4e5f60718", T0 + 60_000).task()).isSameAs(after);
        assertThat(index.task(running.identity.taskArn)).isSameAs(after);
    }

    @Test
    void manyTasksOfMixedFormsAddedUpdatedAndExpiredAreFoundExactlyWhileHeld() {
        Random random = new Random(7);
        AttributionIndex index = new AttributionIndex(HOUR);
        Map<String, TaskState> held = new HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            String id = switch (random.nextInt(4)) {
                case 0 -> String.format("%032x", random.nextLong() & Long.MAX_VALUE);
                case 1 -> java.util.UUID.randomUUID().toString();
                case 2 -> "odd-" + i;
                default -> String.format("%032X", random.nextLong() & Long.MAX_VALUE);
            };
            long created = T0 + i * 1_000L;
            boolean stops = random.nextBoolean();
            TaskState state = task(id).ip("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255))
                    .eni(random.nextBoolean() ? String.format("eni-%017x", random.nextLong() & Long.MAX_VALUE)
                            : "eni-" + i)
                    .createdAt(created).build();
            state.identity.stoppedAt = stops ? created + 60_000 : null;
            index.apply(state);
            held.put(state.identity.taskArn, state);
        }
        long now = T0 + 2_500 * 1_000L + 60_000 + HOUR;
        List<String> expired = index.expire(now);
        for (String arn : expired) {
            held.remove(arn);
        }

        assertThat(expired).isNotEmpty().allSatisfy(arn -> assertThat(index.task(arn)).isNull());
        assertThat(index.taskCount()).isEqualTo(held.size());
        for (TaskState state : held.values()) {
            assertThat(index.task(state.identity.taskArn)).isEqualTo(state.identity);
            assertThat(index.lookupEni(state.identity.eniId, state.identity.createdAt).task())
                    .isEqualTo(state.identity);
        }
        assertThat(index.intervalCount()).isEqualTo(2 * held.size());
    }
}
