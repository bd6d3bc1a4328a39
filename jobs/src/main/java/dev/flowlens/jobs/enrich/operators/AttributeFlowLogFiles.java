package dev.flowlens.jobs.enrich.operators;

import dev.flowlens.enrich.FlowAttributor;
import dev.flowlens.ingest.FlowLogFiles;
import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.ingest.ReaderLimits;
import dev.flowlens.ingest.RecordConsumer;
import dev.flowlens.jobs.readers.ReaderMetrics;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.DeadLetterReason;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.Origin;
import dev.flowlens.schemas.TaskState;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link AttributeFlows} for bounded file input, reading the files itself: a record goes from the parser to the
 * attributor in the same call, never crossing operators (where Flink would serialize every record). Only file paths
 * travel. BATCH mode processes the broadcast metadata first, as for {@link AttributeFlows}. Each file is read twice:
 * first for the {@link dev.flowlens.enrich.index.InterfaceEvidence} of its records (added to that of the files this
 * subtask read before), then to attribute them.
 */
public final class AttributeFlowLogFiles extends BroadcastProcessFunction<String, TaskState, EnrichedFlow> {
    private final BroadcastTaskIndex tasks;
    private final String format;
    private transient FlowLogFiles files;
    private transient AttributionMetrics metrics;
    private transient ReaderMetrics readerMetrics;

    /** @param format the format of files without a header line, as an AWS format string */
    public AttributeFlowLogFiles(String format, IndexSettings settings) {
        this.tasks = new BroadcastTaskIndex(settings);
        this.format = format;
    }

    @Override
    public void open(OpenContext openContext) {
        files = new FlowLogFiles(FlowLogFormat.parse(format), ReaderLimits.DEFAULT);
        metrics = new AttributionMetrics(getRuntimeContext(), tasks);
        tasks.open(metrics);
        readerMetrics = new ReaderMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processBroadcastElement(TaskState task, Context context, Collector<EnrichedFlow> out)
            throws Exception {
        tasks.apply(context.getBroadcastState(BroadcastTaskIndex.TASKS), task);
    }

    @Override
    public void processElement(String file, ReadOnlyContext context, Collector<EnrichedFlow> out) throws Exception {
        tasks.refreshThreatLists(context.currentProcessingTime());
        FlowAttributor attributor = tasks.attributor(context.getBroadcastState(BroadcastTaskIndex.TASKS));
        RecordConsumer consumer = new RecordConsumer() {
            @Override
            public void record(FlowRecord record) {
                readerMetrics.record();
                EnrichedFlow enriched = attributor.enrich(record);
                metrics.counted(enriched);
                out.collect(enriched);
            }

            @Override
            public void deadLetter(DeadLetter deadLetter) {
                readerMetrics.deadLetter(deadLetter, context::output);
            }
        };
        try {
            files.read(Path.of(file), new RecordConsumer() {
                @Override
                public void record(FlowRecord record) {
                    attributor.observe(record);
                }

                @Override
                public void deadLetter(DeadLetter deadLetter) {} // counted and sent by the second read
            });
            files.read(Path.of(file), consumer);
        } catch (IOException e) {
            consumer.deadLetter(DeadLetter.of("", Origin.of(file), DeadLetterReason.READ_ERROR,
                    "cannot read: " + e.getMessage()));
        }
    }

    @Override
    public void close() throws Exception {
        tasks.close();
        super.close();
    }
}
