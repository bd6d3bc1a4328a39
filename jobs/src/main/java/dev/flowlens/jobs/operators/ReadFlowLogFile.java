package dev.flowlens.jobs.operators;

import dev.flowlens.ingest.FlowLogFiles;
import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.ingest.ReaderLimits;
import dev.flowlens.ingest.RecordConsumer;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.DeadLetterReason;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.Origin;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Reads one flow-log file (any kind {@link FlowLogFiles} detects) into records; rejects go to the dead letters. */
public final class ReadFlowLogFile extends ProcessFunction<String, FlowRecord> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") { };

    private final String format;

    /** @param format the format of files without a header line, as an AWS format string */
    public ReadFlowLogFile(String format) {
        this.format = format;
    }

    private transient Counter recordsIn;
    private transient Counter deadLettered;

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("flowlens");
        recordsIn = metrics.counter("records");
        deadLettered = metrics.counter("deadLetters");
    }

    @Override
    public void processElement(String file, Context context, Collector<FlowRecord> out) {
        RecordConsumer consumer = new RecordConsumer() {
            @Override
            public void record(FlowRecord record) {
                recordsIn.inc();
                out.collect(record);
            }

            @Override
            public void deadLetter(DeadLetter deadLetter) {
                deadLettered.inc();
                context.output(DEAD_LETTERS, deadLetter);
            }
        };
        try {
            new FlowLogFiles(FlowLogFormat.parse(format), ReaderLimits.DEFAULT).read(Path.of(file), consumer);
        } catch (IOException e) {
            deadLettered.inc();
            context.output(DEAD_LETTERS, DeadLetter.of("", Origin.of(file), DeadLetterReason.READ_ERROR,
                    "cannot read: " + e.getMessage()));
        }
    }
}
