package dev.flowlens.detect;

import static dev.flowlens.testkit.EnrichedFlows.enriched;
import static dev.flowlens.testkit.Flows.flow;
import static dev.flowlens.testkit.TaskStates.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowEndpoint;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.json.AlertJson;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The content order of task flows: total over every field, and what makes detection independent of arrival order. */
class TaskFlowOrderTest {
    private static final long T0 = 1_700_000_000L;
    private static final TaskIdentity WEB = task("web1").service("web").ip("10.0.1.5").identity();

    @Test
    void flowsEqualInEveryFieldRankEqualAndAnyOneFieldChangedRanksThemApart() throws Exception {
        assertThat(TaskFlowOrder.INSTANCE.compare(full(), full())).isZero();
        List<String> checked = new ArrayList<>();
        // every public field of the content, found by reflection so that a field added later is checked too
        checkEachField(TaskFlow.class, f -> f, checked);
        checkEachField(EnrichedFlow.class, f -> f.flow, checked);
        checkEachField(FlowRecord.class, f -> f.flow.record, checked);
        checkEachField(FlowEndpoint.class, f -> f.flow.src, checked);
        checkEachField(FlowEndpoint.class, f -> f.flow.dst, checked);
        checkEachField(TaskIdentity.class, f -> f.flow.src.task, checked);
        checkEachField(TaskIdentity.class, f -> f.flow.dst.task, checked);
        assertThat(checked).hasSizeGreaterThan(130);
    }

    @Test
    void aMissingValueRanksFirst() {
        TaskFlow missing = full();
        missing.flow.record.bytes = null;
        missing.flow.dst.task.securityGroups = null;
        assertThat(TaskFlowOrder.INSTANCE.compare(missing, full())).isNegative();
        assertThat(TaskFlowOrder.INSTANCE.compare(full(), missing)).isPositive();
        TaskFlow noEnd = full();
        noEnd.flow.dst = null;
        assertThat(TaskFlowOrder.INSTANCE.compare(noEnd, full())).isNegative();
    }

    @Test
    void oneSecondsFlowsInAnyArrivalOrderGiveTheSameAlertsOnceInThisOrder() {
        // a sweep and a scan in the same second: which hosts and ports an alert's evidence names depends on order
        List<TaskFlow> second = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            second.add(side(out("10.0.4." + (10 + i), 41_000 + i, 445, T0 + 60, 100 + i)));
            second.add(side(out("10.0.3.9", 42_000 + i, 1 + i, T0 + 60, 60 + i)));
        }
        second.add(side(out("10.0.4.10", 41_000, 445, T0 + 60, 100))); // a duplicate: interchangeable
        Set<List<String>> sorted = new HashSet<>();
        Set<List<String>> unsorted = new HashSet<>();
        Random random = new Random(13);
        for (int round = 0; round < 6; round++) {
            List<TaskFlow> arrival = new ArrayList<>(second);
            Collections.shuffle(arrival, random);
            unsorted.add(alerts(arrival));
            arrival.sort(TaskFlowOrder.INSTANCE);
            sorted.add(alerts(arrival));
        }
        assertThat(unsorted).as("the detectors themselves depend on the order").hasSizeGreaterThan(1);
        assertThat(sorted).hasSize(1);
        assertThat(sorted.iterator().next()).isNotEmpty();
    }

    private static List<String> alerts(List<TaskFlow> second) {
        Detection detection = new Detection(DetectionSettings.defaults());
        ServiceState state = new ServiceState();
        List<String> alerts = new ArrayList<>();
        detection.onTime(state, T0, alert -> alerts.add(AlertJson.toJson(alert)));
        for (TaskFlow flow : second) {
            detection.onFlow(state, flow, alert -> alerts.add(AlertJson.toJson(alert)));
        }
        for (long t = T0 + 120; t <= T0 + 3 * 3600; t += 60) {
            detection.onTime(state, t, alert -> alerts.add(AlertJson.toJson(alert)));
        }
        return alerts;
    }

    private static EnrichedFlow out(String host, int sport, int dport, long at, long bytes) {
        return enriched(flow().from(WEB.privateIpv4).srcPort(sport).to(host).port(dport).at(at).bytes(bytes)
                .rejected().build()).srcTask(WEB).dstPeer(PeerClass.SAME_VPC).build();
    }

    private static TaskFlow side(EnrichedFlow flow) {
        return TaskFlow.sides(flow).get(0);
    }

    private static <T> void checkEachField(Class<T> type, Function<TaskFlow, T> owner, List<String> checked)
            throws Exception {
        for (Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            Object other = value(field, 2);
            if (other == null) {
                continue; // a nested part, whose own fields are checked
            }
            TaskFlow changed = full();
            field.set(owner.apply(changed), other);
            assertThat(TaskFlowOrder.INSTANCE.compare(full(), changed)).as(type.getSimpleName() + "." + field.getName())
                    .isNegative();
            assertThat(TaskFlowOrder.INSTANCE.compare(changed, full())).as(type.getSimpleName() + "." + field.getName())
                    .isPositive();
            checked.add(type.getSimpleName() + "." + field.getName());
        }
    }

    /** A task flow with every field of its content set (variant 1 of each value). */
    private static TaskFlow full() {
        try {
            TaskFlow flow = new TaskFlow();
            fill(flow, 1);
            flow.flow = fill(new EnrichedFlow(), 1);
            flow.flow.record = fill(new FlowRecord(), 1);
            flow.flow.src = fill(new FlowEndpoint(), 1);
            flow.flow.dst = fill(new FlowEndpoint(), 1);
            flow.flow.src.task = fill(new TaskIdentity(), 1);
            flow.flow.dst.task = fill(new TaskIdentity(), 1);
            return flow;
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T fill(T object, int variant) throws IllegalAccessException {
        for (Field field : object.getClass().getFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                Object value = value(field, variant);
                if (value != null) {
                    field.set(object, value);
                }
            }
        }
        return object;
    }

    /** Variant 1 or 2 of a value for the field; {@code null} for a nested part, set by {@link #full}. */
    private static Object value(Field field, int variant) {
        Class<?> type = field.getType();
        if (type == String.class) {
            return field.getName() + "-" + variant;
        } else if (type == Integer.class) {
            return variant;
        } else if (type == Long.class) {
            return (long) variant;
        } else if (type == Boolean.class || type == boolean.class) {
            return variant == 2;
        } else if (type.isEnum()) {
            return type.getEnumConstants()[variant - 1];
        } else if (type == List.class) {
            return List.of("a", variant == 1 ? "b" : "c");
        }
        return null;
    }
}
