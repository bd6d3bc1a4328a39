package dev.flowlens.jobs.detect.operators;

import dev.flowlens.detect.Detection;
import dev.flowlens.detect.DetectionSettings;
import dev.flowlens.detect.ServiceState;
import dev.flowlens.detect.TaskFlow;
import dev.flowlens.schemas.alert.Alert;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
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
 */
public final class DetectAnomalies extends KeyedProcessFunction<String, TaskFlow, Alert> {
    private static final long MINUTE = 60;

    private final DetectionSettings settings;
    private final long latenessSeconds;
    private transient Detection detection;
    private transient ValueState<ServiceState> services;
    private transient ValueState<Long> lastTick;
    private transient DetectionMetrics metrics;

    public DetectAnomalies(DetectionSettings settings, long latenessSeconds) {
        this.settings = settings;
        this.latenessSeconds = latenessSeconds;
    }

    @Override
    public void open(OpenContext openContext) {
        detection = new Detection(settings);
        services = getRuntimeContext().getState(
                new ValueStateDescriptor<>("service-detection", TypeInformation.of(ServiceState.class)));
        lastTick = getRuntimeContext().getState(new ValueStateDescriptor<>("last-tick", Long.class));
        metrics = new DetectionMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(TaskFlow flow, Context ctx, Collector<Alert> out) throws Exception {
        ServiceState state = services.value();
        if (state == null) {
            state = new ServiceState();
            metrics.serviceAdded();
        }
        Consumer<Alert> emit = alert -> emit(alert, out);
        long watermark = ctx.timerService().currentWatermark();
        long clock = watermark > Long.MIN_VALUE ? watermark / 1000 : state.lastSeen - latenessSeconds;
        Long previous = lastTick.value();
        if (state.lastSeen >= 0 && (previous == null || clock / MINUTE > previous / MINUTE)) {
            detection.onTime(state, clock, emit);
            lastTick.update(clock);
        }
        detection.onFlow(state, flow, emit);
        services.update(state);
        long next = (Math.max(clock, flow.time() - latenessSeconds) / MINUTE + 1) * MINUTE;
        ctx.timerService().registerEventTimeTimer(next * 1000);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
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
