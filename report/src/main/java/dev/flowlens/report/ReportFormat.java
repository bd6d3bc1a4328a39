package dev.flowlens.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The forms {@code flowlens report usage} writes, each able to tell a file it wrote from any other. */
public enum ReportFormat {
    /** The self-contained page with charts. */
    HTML {
        @Override
        public void write(UsageReport report, Writer out) throws IOException {
            UsageHtml.write(report, out);
        }

        @Override
        boolean wroteIt(String head) {
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
        boolean wroteIt(String head) {
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
        boolean wroteIt(String head) {
            return head.startsWith("[\n{\"period-start\":") || head.equals("[\n]\n");
        }
    };

    /** How many bytes of a file {@link #wroteIt} looks at. */
    private static final int HEAD = 512;

    public abstract void write(UsageReport report, Writer out) throws IOException;

    /** Whether a file starting with {@code head} is one this format wrote. */
    abstract boolean wroteIt(String head);

    /** Whether {@code file} is a report of this form, written by this command: only such a file may be replaced. */
    public boolean wrote(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return wrote(in);
        }
    }

    /** Whether the file {@code in} reads from its start (any file system's) is a report of this form this command wrote. */
    public boolean wrote(InputStream in) throws IOException {
        return wroteIt(new String(in.readNBytes(HEAD), StandardCharsets.UTF_8));
    }

    /** The option value, {@code html}. */
    public String optionName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
