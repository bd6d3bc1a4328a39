package dev.flowlens.ingest;

import dev.flowlens.schemas.FlowLogField;
import dev.flowlens.schemas.FlowRecord;

/** Constants for the closed-set fields, and rendering a record back to AWS's text form. */
public final class FlowRecords {
    public static final String ACCEPT = "ACCEPT";
    public static final String REJECT = "REJECT";
    public static final String OK = "OK";
    public static final String NODATA = "NODATA";
    public static final String SKIPDATA = "SKIPDATA";

    private FlowRecords() {}

    /** The record as a line of {@code format}, exactly as AWS writes it: single spaces, {@code -} for absent. */
    public static String toLine(FlowRecord record, FlowLogFormat format) {
        StringBuilder line = new StringBuilder(160);
        appendLine(line, record, format);
        return line.toString();
    }

    public static void appendLine(StringBuilder line, FlowRecord record, FlowLogFormat format) {
        boolean first = true;
        for (FlowLogField field : format.fields()) {
            if (!first) {
                line.append(' ');
            }
            first = false;
            Object value = field.get(record);
            line.append(value == null ? "-" : value.toString());
        }
    }
}
