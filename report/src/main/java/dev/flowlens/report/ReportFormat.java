package dev.flowlens.report;

import java.io.IOException;
import java.io.Writer;

/** The forms {@code flowlens report usage} writes, each able to tell a file it wrote from any other. */
public enum ReportFormat implements RecognizedForm {
    /** The self-contained page with charts. */
    HTML {
        @Override
        public void write(UsageReport report, Writer out) throws IOException {
            UsageHtml.write(report, out);
        }

        @Override
        public boolean wroteIt(String head) {
            return head.startsWith("<!DOCTYPE html>")
                    && head.contains("<meta name=\"generator\" content=\"" + UsageHtml.GENERATOR + "\">");
        }
    },
    /** The ServiceUsage rows, header first. */
    CSV {
        @Override
        public void write(UsageReport report, Writer out) throws IOException {
            UsageRows.csv(report.rows(), out);
        }

        @Override
        public boolean wroteIt(String head) {
            return head.startsWith(String.join(",", UsageRows.FIELDS) + "\n");
        }
    },
    /** The ServiceUsage rows as a JSON array. */
    JSON {
        @Override
        public void write(UsageReport report, Writer out) throws IOException {
            UsageRows.json(report.rows(), out);
        }

        @Override
        public boolean wroteIt(String head) {
            return head.startsWith("[\n{\"period-start\":") || head.equals("[\n]\n");
        }
    };

    public abstract void write(UsageReport report, Writer out) throws IOException;
}
