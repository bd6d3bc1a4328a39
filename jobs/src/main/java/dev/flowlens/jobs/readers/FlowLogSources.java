package dev.flowlens.jobs.readers;

import dev.flowlens.ingest.S3ObjectKey;
import dev.flowlens.ingest.s3.S3ObjectRef;
import dev.flowlens.jobs.kit.AwsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where flow-log files and objects come from: the streams of paths and object references the readers take. */
public final class FlowLogSources {
    private FlowLogSources() {}

    /** The paths of a file, or of every file under a directory, as a bounded stream. */
    public static DataStream<String> fileList(StreamExecutionEnvironment env, Path root) throws IOException {
        List<String> files;
        if (!Files.isDirectory(root)) {
            files = List.of(root.toString());
        } else {
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(Files::isRegularFile).sorted().map(Path::toString).collect(Collectors.toList());
            }
        }
        return env.fromData(files, Types.STRING).uid("flow-log-files").name("flow-log files");
    }

    /**
     * The paths of the files under {@code directory}, and of every file that appears there later (checked every
     * {@code interval}); each path once, across restarts too (the file source keeps what it handed out).
     */
    public static DataStream<String> watched(StreamExecutionEnvironment env, Path directory, Duration interval) {
        FileSource<String> files = FileSource.forBulkFileFormat(new FilePaths(),
                        new org.apache.flink.core.fs.Path(directory.toAbsolutePath().toUri()))
                .monitorContinuously(interval).build();
        return env.fromSource(files, WatermarkStrategy.noWatermarks(), "flow-log files (watched)")
                .uid("flow-log-files-watched");
    }

    /**
     * The flow-log objects of one account and region delivered in {@code [from, until)}: only the days in range are
     * listed (AWS's key layout puts each day under its own prefix), and objects are chosen by their delivery time.
     *
     * @param hiveLayout whether keys are Hive-compatible ({@code aws-account-id=.../year=/month=/day=})
     */
    public static DataStream<S3ObjectRef> s3Backfill(StreamExecutionEnvironment env, String bucket, String prefix,
            String account, String region, boolean hiveLayout, Instant from, Instant until, AwsSettings aws) {
        if (!from.isBefore(until)) {
            throw new IllegalArgumentException("flow-logs.s3.from must be before flow-logs.s3.until");
        }
        List<String> days = new ArrayList<>();
        for (LocalDate day = from.atZone(ZoneOffset.UTC).toLocalDate();
                !day.isAfter(until.atZone(ZoneOffset.UTC).toLocalDate()); day = day.plusDays(1)) {
            days.add(hiveLayout ? S3ObjectKey.hiveDayPrefix(prefix, account, region, day)
                    : S3ObjectKey.dayPrefix(prefix, account, region, day));
        }
        return env.fromData(days, Types.STRING).uid("s3-day-prefixes").name("S3 day prefixes")
                .process(new ListS3Objects(bucket, from, until, aws))
                .uid("list-s3-objects").name("list S3 flow-log objects");
    }
}
