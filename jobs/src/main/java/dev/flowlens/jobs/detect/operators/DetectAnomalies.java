package dev.flowlens.jobs.detect.operators;

import dev.flowlens.detect.Detection;
import dev.flowlens.detect.DetectionSettings;
import dev.flowlens.detect.ServiceState;
import dev.flowlens.detect.TaskFlow;
import dev.flowlens.detect.TaskFlowOrder;
import dev.flowlens.schemas.alert.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Runs {@link Detection} per service key. Event time is the watermark while streaming; in a bounded (BATCH) run,
 * where the watermark only arrives at the end, a key's flows come sorted by time and the clock is their latest time
 * less the allowed lateness. A tick each minute of event time expires windows and closes quiet incidents; the key's
 * state is cleared when detection says the service is gone.
 *
 * <p>Bounded runs sort a key's flows by time but not the flows of one second among themselves (at parallelism above
 * one they arrive interleaved from several subtasks), and the detectors depend on the order they see flows in. So a
 * bounded run holds the key's flows of the current second and hands them to {@link Detection} in
 * {@link TaskFlowOrder} when a later second or the end of the key's input comes: its alerts are then the same at any
 * parallelism. Streaming is unchanged (flows in arrival order; there is no end of a second to wait for).
 */
public final class DetectAnomalies extends KeyedProcessFunction<String, TaskFlow, Alert> {
    private static final long MINUTE = 60;

    private final DetectionSettings settings;
    private final long latenessSeconds;
    private final boolean bounded;
    private transient Detection detection;
    private transient ValueState<ServiceState> services;
    private transient ValueState<Long> lastTick;
    private transient DetectionMetrics metrics;
    /** Bounded runs: the key's flows of {@link #heldSecond} not yet handed to detection. */
    private transient ListState<TaskFlow> heldFlows;
    private transient ValueState<Long> heldSecond;

    /**
     * @param bounded a bounded (BATCH) run: a key's flows arrive sorted by their start second, the watermark only at
     *     the end of the key's input; otherwise streaming, on the watermark
     */
    public DetectAnomalies(DetectionSettings settings, long latenessSeconds, boolean bounded) {
        this.settings = settings;
        this.latenessSeconds = latenessSeconds;
        this.bounded = bounded;
    }

    @Override
    public void open(OpenContext openContext) {
        detection = new Detection(settings);
        services = getRuntimeContext().getState(
                new ValueStateDescriptor<>("service-detection", TypeInformation.of(ServiceState.class)));
        lastTick = getRuntimeContext().getState(new ValueStateDescriptor<>("last-tick", Long.class));
        metrics = new DetectionMetrics(getRuntimeContext().getMetricGroup());
        if (bounded) {
            heldFlows = getRuntimeContext().getListState(
                    new ListStateDescriptor<>("same-second-flows", TypeInformation.of(TaskFlow.class)));
            heldSecond = getRuntimeContext().getState(new ValueStateDescriptor<>("same-second", Long.class));
        }
    }

    @Override
    public void processElement(TaskFlow flow, Context ctx, Collector<Alert> out) throws Exception {
        if (!bounded) {
            long watermark = ctx.timerService().currentWatermark();
            long clock = take(flow, watermark > Long.MIN_VALUE ? watermark / 1000 : null, out);
            long next = (Math.max(clock, flow.time() - latenessSeconds) / MINUTE + 1) * MINUTE;
            ctx.timerService().registerEventTimeTimer(next * 1000);
            return;
        }
        Long second = heldSecond.value();
        if (second == null) {
            // the key's input ends with the watermark (BATCH fires every timer of a key then): hand over what is held
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        } else if (second != flow.startTime()) {
            handOverHeld(out);
        }
        // held as received: BATCH deserializes every record of a keyed input afresh, so nothing reuses it
        heldFlows.add(flow);
        heldSecond.update(flow.startTime());
    }

    /** Bounded runs: the held flows of one second to detection, in their content's order. */
    private void handOverHeld(Collector<Alert> out) throws Exception {
        List<TaskFlow> held = new ArrayList<>();
        for (TaskFlow flow : heldFlows.get()) {
            held.add(flow);
        }
        held.sort(TaskFlowOrder.INSTANCE);
        for (TaskFlow flow : held) {
            take(flow, null, out);
        }
        heldFlows.clear();
        heldSecond.clear();
    }

    /**
     * One flow to detection, after a tick if its clock entered a new minute.
     *
     * @param watermarkSeconds the watermark, or {@code null} before any (and in bounded runs): the clock is then the
     *     service's newest flow time less the lateness
     * @return the clock
     */
    private long take(TaskFlow flow, Long watermarkSeconds, Collector<Alert> out) throws Exception {
        ServiceState state = services.value();
        if (state == null) {
            state = new ServiceState();
            metrics.serviceAdded();
        }
        Consumer<Alert> emit = alert -> emit(alert, out);
        long clock = watermarkSeconds != null ? watermarkSeconds : state.lastSeen - latenessSeconds;
        Long previous = lastTick.value();
        if (state.lastSeen >= 0 && (previous == null || clock / MINUTE > previous / MINUTE)) {
            detection.onTime(state, clock, emit);
            lastTick.update(clock);
        }
        detection.onFlow(state, flow, emit);
        services.update(state);
        return clock;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        if (bounded && heldSecond.value() != null) {
            handOverHeld(out);
        }
        ServiceState state = services.value();
        if (state == null) {
            return;
        }
        boolean endOfInput = timestamp == Long.MAX_VALUE || ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        // at the end of a bounded input every incident is as closed as it will get
        long now = endOfInput ? state.lastSeen + settings.serviceTtl().toSeconds() : timestamp / 1000;
        boolean gone = detection.onTime(state, now, alert -> emit(alert, out));
        if (gone || endOfInput) {
            services.clear();
            lastTick.clear();
            metrics.serviceRemoved();
            return;
        }
        services.update(state);
        lastTick.update(now);
        ctx.timerService().registerEventTimeTimer(timestamp + MINUTE * 1000);
    }

    private void emit(Alert alert, Collector<Alert> out) {
        metrics.emitted(alert);
        out.collect(alert);
    }
}
