package dev.flowlens.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The forms {@code flowlens report capacity} writes, each able to tell a file it wrote from any other. */
public enum CapacityFormat {
    /** The self-contained page with charts. */
    HTML {
        @Override
        public void write(CapacityReport report, CapacityRows.Table table, Writer out) throws IOException {
            CapacityHtml.write(report, out);
        }

        @Override
        boolean wroteIt(String head) {
            return head.startsWith("<!DOCTYPE html>")
                    && head.contains("<meta name=\"generator\" content=\"" + CapacityHtml.GENERATOR + "\">");
        }
    },
    /** One table's rows, header first. */
    CSV {
        @Override
        public void write(CapacityReport report, CapacityRows.Table table, Writer out) throws IOException {
            CapacityRows.csv(report, table, out);
        }

        @Override
        boolean wroteIt(String head) {
            return head.startsWith(String.join(",", CapacityRows.SUBNET_FIELDS) + "\n")
                    || head.startsWith(String.join(",", CapacityRows.INSTANCE_FIELDS) + "\n");
        }
    },
    /** Both tables in one JSON object. */
    JSON {
        @Override
        public void write(CapacityReport report, CapacityRows.Table table, Writer out) throws IOException {
            CapacityRows.json(report, out);
        }

        @Override
        boolean wroteIt(String head) {
            return head.startsWith("{\"" + CapacityRows.SUBNETS_KEY + "\": [");
        }
    };

    /** How many bytes of a file {@link #wroteIt} looks at. */
    private static final int HEAD = 512;

    /** Writes {@code report}; {@code table} says which table a CSV holds (the other forms hold all). */
    public abstract void write(CapacityReport report, CapacityRows.Table table, Writer out) throws IOException;

    abstract boolean wroteIt(String head);

    /** Whether {@code file} is a report of this form written by this command: only such a file may be replaced. */
    public boolean wrote(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return wroteIt(new String(in.readNBytes(HEAD), StandardCharsets.UTF_8));
        }
    }

    /** The option value, {@code html}. */
    public String optionName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
