package dev.flowlens.jobs.report;

import dev.flowlens.report.Period;
import dev.flowlens.report.ReportFormat;
import dev.flowlens.report.UsageReport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The report's files in an output folder of any Flink file system, one per form: {@code usage-FROM-UNTIL.csv} (and
 * {@code .json}, {@code .html}), the period's bounds as {@code 20260501T1000Z}. The rule of {@code report}'s
 * {@code ReportFile}: a file is replaced only when it is a report of the same form this command wrote; any other is
 * refused. A local file is written beside its target and moved over it, so a failed run leaves the old report; an
 * object store makes an object visible only when it is complete.
 */
public final class UsageReportFiles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'")
            .withZone(ZoneOffset.UTC);

    private UsageReportFiles() {}

    /** The file name of {@code period}'s report as {@code format}. */
    public static String fileName(Period period, ReportFormat format) {
        return "usage-" + STAMP.format(Instant.ofEpochSecond(period.start())) + "-"
                + STAMP.format(Instant.ofEpochSecond(period.end())) + "." + format.optionName();
    }

    /** Why the report may not be written into {@code output}, in one sentence naming the fix; {@code null} if it may. */
    public static String refusal(Path output, Period period, List<ReportFormat> formats) throws IOException {
        FileSystem fs = output.getFileSystem();
        if (fs.exists(output) && !fs.getFileStatus(output).isDir()) {
            return "'" + output + "' is a file, not a folder: give the folder the report files go to";
        }
        for (ReportFormat format : formats) {
            Path target = new Path(output, fileName(period, format));
            if (!fs.exists(target)) {
                continue;
            }
            FileStatus status = fs.getFileStatus(target);
            boolean ours = false;
            if (!status.isDir()) {
                try (FSDataInputStream in = fs.open(target)) {
                    ours = format.wrote(in);
                }
            }
            if (!ours) {
                return "'" + target + "' exists and is not a " + format.optionName() + " report this command wrote,"
                        + " so it is left alone: choose another report.output or remove it yourself";
            }
        }
        return null;
    }

    /** Writes {@code report} into {@code output} (created when missing) in each of {@code formats}. */
    public static void write(UsageReport report, List<ReportFormat> formats, Path output) throws IOException {
        String refusal = refusal(output, report.period(), formats); // again: a file may have appeared since
        if (refusal != null) {
            throw new IOException(refusal);
        }
        FileSystem fs = output.getFileSystem();
        boolean local = "file".equals(fs.getUri().getScheme());
        // an object store has no folders: a prefix exists by the objects under it
        if (local && !fs.exists(output)) {
            boolean made;
            try {
                made = fs.mkdirs(output);
            } catch (IOException e) { // a file in the way: the message, for the run's one-line error
                throw new IOException("cannot create the folder '" + output + "': " + e);
            }
            if (!made) {
                throw new IOException("cannot create the folder '" + output + "'");
            }
        }
        for (ReportFormat format : formats) {
            Path target = new Path(output, fileName(report.period(), format));
            Path written = local ? new Path(output, "." + target.getName() + "." + UUID.randomUUID() + ".tmp")
                    : target;
            try {
                try (Writer out = new BufferedWriter(new OutputStreamWriter(fs.create(written, local
                        ? FileSystem.WriteMode.NO_OVERWRITE : FileSystem.WriteMode.OVERWRITE),
                        StandardCharsets.UTF_8), 1 << 16)) {
                    format.write(report, out);
                }
                if (local && !fs.rename(written, target)) {
                    throw new IOException("cannot move '" + written + "' to '" + target + "'");
                }
            } finally {
                if (local && fs.exists(written)) {
                    fs.delete(written, false); // ours; gone already when the move succeeded
                }
            }
        }
    }
}
