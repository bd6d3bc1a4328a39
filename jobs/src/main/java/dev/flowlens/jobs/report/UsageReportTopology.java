package dev.flowlens.jobs.report;

import dev.flowlens.report.Period;
import dev.flowlens.report.UsageFlow;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The usage report as a bounded job: the dataset's flows (the {@code dt=} partitions of the period) → each subtask
 * aggregates its own ({@link AggregateUsage}, report's plain-Java {@code UsageAggregate}) → one subtask merges the
 * parts ({@link MergeUsage}) → the sink, which gets the whole aggregate once, as bytes.
 */
public final class UsageReportTopology {
    private UsageReportTopology() {}

    /** The enriched-flow Parquet files under {@code partitions} (folders of any Flink file system), as flows. */
    public static DataStream<UsageFlow> readDataset(StreamExecutionEnvironment env, List<Path> partitions) {
        FileSource<UsageFlow> source = FileSource.forBulkFileFormat(new UsageFlowParquet(),
                        partitions.toArray(Path[]::new))
                .setFileEnumerator(() -> new NonSplittingRecursiveEnumerator(UsageFlowParquet::isDatasetPath))
                .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "enriched-flow dataset")
                .uid("usage-dataset");
    }

    /**
     * Aggregates {@code flows} for {@code period} and hands the merged aggregate ({@code UsageAggregate.toBytes},
     * one element) to {@code sink}.
     */
    public static void build(DataStream<UsageFlow> flows, Period period, Consumer<DataStream<byte[]>> sink) {
        DataStream<byte[]> parts = flows.fullWindowPartition().aggregate(new AggregateUsage(period))
                .uid("aggregate-usage").name("aggregate usage (each subtask)");
        DataStream<byte[]> whole = parts.fullWindowPartition().mapPartition(new MergeUsage(period))
                .setParallelism(1).uid("merge-usage").name("merge usage");
        sink.accept(whole);
    }
}
