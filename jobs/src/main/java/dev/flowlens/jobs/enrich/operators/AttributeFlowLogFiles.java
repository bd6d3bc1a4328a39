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
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link AttributeFlows} for bounded file input, reading the files itself: a record goes from the parser to the
 * attributor in the same call, never crossing operators (where Flink would serialize every record). Only file paths
 * travel. BATCH mode processes the broadcast metadata first, as for {@link AttributeFlows}. A file's records are
 * attributed only after the {@link dev.flowlens.enrich.index.InterfaceEvidence} of all of them is in (added to that
 * of the files this subtask read before): a file of up to {@value #BUFFERED_RECORDS} records is read once and held
 * meanwhile; a larger one is read twice (evidence first, then attribution), so memory stays bounded either way.
 */
public final class AttributeFlowLogFiles extends BroadcastProcessFunction<String, TaskState, EnrichedFlow> {
    /** Records of one file held between its evidence and its attribution (AWS delivers files of far fewer). */
    static final int BUFFERED_RECORDS = 65_536;
    /** Dead letters held likewise: each keeps up to 4 KiB of its input, so fewer of them. */
    private static final int BUFFERED_DEAD_LETTERS = 1_024;

    private final BroadcastTaskIndex tasks;
    private final String format;
    private final int bufferedRecords;
    private transient FlowLogFiles files;
    private transient AttributionMetrics metrics;
    private transient ReaderMetrics readerMetrics;

    /** @param format the format of files without a header line, as an AWS format string */
    public AttributeFlowLogFiles(String format, IndexSettings settings) {
        this(format, settings, BUFFERED_RECORDS);
    }

    /** With another bound of records held per file, for tests of both ways of reading. */
    AttributeFlowLogFiles(String format, IndexSettings settings, int bufferedRecords) {
        this.tasks = new BroadcastTaskIndex(settings);
        this.format = format;
        this.bufferedRecords = bufferedRecords;
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
        OneRead read = new OneRead(attributor, bufferedRecords);
        try {
            files.read(Path.of(file), read);
            if (read.records != null && read.deadLetters != null) {
                read.records.forEach(consumer::record);
                read.deadLetters.forEach(consumer::deadLetter);
            } else {
                files.read(Path.of(file), consumer);
            }
        } catch (IOException e) {
            consumer.deadLetter(DeadLetter.of("", Origin.of(file), DeadLetterReason.READ_ERROR,
                    "cannot read: " + e.getMessage()));
        }
    }

    /** The first read of a file: every record observed, and held while there are few enough to hold. */
    private static final class OneRead implements RecordConsumer {
        private final FlowAttributor attributor;
        private final int bound;
        // both null once the file proved too large: it is then read a second time
        List<FlowRecord> records = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();

        OneRead(FlowAttributor attributor, int bound) {
            this.attributor = attributor;
            this.bound = bound;
        }

        @Override
        public void record(FlowRecord record) {
            attributor.observe(record);
            if (records != null && records.size() < bound) {
                records.add(record);
            } else {
                tooLarge();
            }
        }

        @Override
        public void deadLetter(DeadLetter deadLetter) {
            if (deadLetters != null && deadLetters.size() < Math.min(bound, BUFFERED_DEAD_LETTERS)) {
                deadLetters.add(deadLetter);
            } else {
                tooLarge();
            }
        }

        private void tooLarge() {
            records = null;
            deadLetters = null;
        }
    }

    @Override
    public void close() throws Exception {
        tasks.close();
        super.close();
    }
}
