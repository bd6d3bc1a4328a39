package dev.flowlens.report;

import java.io.IOException;
import java.io.Writer;

/** The forms {@code flowlens report capacity} writes, each able to tell a file it wrote from any other. */
public enum CapacityFormat implements RecognizedForm {
    /** The self-contained page with charts. */
    HTML {
        @Override
        public void write(CapacityReport report, CapacityRows.Table table, Writer out) throws IOException {
            CapacityHtml.write(report, out);
        }

        @Override
        public boolean wroteIt(String head) {
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
        public boolean wroteIt(String head) {
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
        public boolean wroteIt(String head) {
            return head.startsWith("{\"" + CapacityRows.SUBNETS_KEY + "\": [");
        }
    };

    /** Writes {@code report}; {@code table} says which table a CSV holds (the other forms hold all). */
    public abstract void write(CapacityReport report, CapacityRows.Table table, Writer out) throws IOException;
}
