package dev.flowlens.jobs.readers;

import dev.flowlens.ingest.FlowLogFiles;
import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.ingest.ReaderLimits;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.DeadLetterReason;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.Origin;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.flink.util.Collector;

/** Reads one flow-log file (any kind {@link FlowLogFiles} detects) into records; rejects go to the dead letters. */
public final class ReadFlowLogFile extends ReadsFlowLogs<String> {
    private final String format;

    /** @param format the format of files without a header line, as an AWS format string */
    public ReadFlowLogFile(String format) {
        this.format = format;
    }

    @Override
    public void processElement(String file, Context context, Collector<FlowRecord> out) {
        try {
            new FlowLogFiles(FlowLogFormat.parse(format), ReaderLimits.DEFAULT)
                    .read(Path.of(file), consumer(context, out));
        } catch (IOException e) {
            deadLetter(context, DeadLetter.of("", Origin.of(file), DeadLetterReason.READ_ERROR,
                    "cannot read: " + e.getMessage()));
        }
    }
}
