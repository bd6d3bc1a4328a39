package dev.flowlens.jobs.report;

import dev.flowlens.report.Prices;
import dev.flowlens.report.ReportFormat;
import dev.flowlens.report.UsageAggregate;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.fs.Path;

/**
 * The sink of the whole aggregate (one element, one subtask): the report costed with the prices, written by
 * {@link UsageReportFiles}; an aggregate without a record of the period writes nothing (the runner says so). A file
 * that cannot be written fails the job.
 */
final class WriteUsageReport implements Sink<byte[]> {
    private static final long serialVersionUID = 1L;

    private final String output;
    private final List<ReportFormat> formats;
    private final Prices prices;
    private final int top;

    WriteUsageReport(String output, List<ReportFormat> formats, Prices prices, int top) {
        this.output = output;
        this.formats = List.copyOf(formats);
        this.prices = prices;
        this.top = top;
    }

    @Override
    public SinkWriter<byte[]> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(byte[] element, Context context) throws IOException {
                UsageAggregate aggregate = UsageAggregate.fromBytes(element);
                if (aggregate.records() > 0) {
                    UsageReportFiles.write(aggregate.report(prices, top), formats, new Path(output));
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
