package dev.flowlens.investigate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How an investigation's rows are written: a table for the terminal, CSV with a header line, or one JSON document.
 * In CSV, a task's security groups are joined by {@code ;} and an unknown value is an empty field; JSON keeps
 * {@code null} (unknown) apart from {@code []} (none). Times are ISO instants (UTC).
 */
public enum ResultFormat {
    TABLE, CSV, JSON;

    public static ResultFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected table, csv or json, not '" + text + "'");
        }
    }

    public void write(Investigation investigation, Writer out) throws IOException {
        switch (this) {
            case TABLE -> table(investigation, out);
            case CSV -> csv(investigation.rows(), out);
            case JSON -> json(investigation, out);
            default -> throw new AssertionError(this);
        }
        out.flush();
    }

    static void csv(List<Counterpart> rows, Writer out) throws IOException {
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
        csv.writeRecord(Counterpart.COLUMNS);
        for (Counterpart row : rows) {
            csv.writeRecord(text(row.taskId()), text(row.service()), text(row.cluster()),
                    row.securityGroups() == null ? "" : String.join(";", row.securityGroups()), text(row.address()),
                    text(row.peerClass()), text(row.awsService()), time(row.firstSeen()), time(row.lastSeen()),
                    Long.toString(row.flows()), Long.toString(row.bytes()), Long.toString(row.packets()),
                    Long.toString(row.accepted()), Long.toString(row.rejected()));
        }
        csv.flush();
    }

    private static void json(Investigation investigation, Writer out) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeStringField("subject-kind", investigation.subject().kind().label());
            json.writeStringField("subject", investigation.subject().value());
            json.writeStringField("from", investigation.range().from() == null ? null
                    : investigation.range().from().toString());
            json.writeStringField("until", investigation.range().until() == null ? null
                    : investigation.range().until().toString());
            json.writeArrayFieldStart("rows");
            for (Counterpart row : investigation.rows()) {
                json.writeStartObject();
                json.writeStringField("task_id", row.taskId());
                json.writeStringField("service", row.service());
                json.writeStringField("cluster", row.cluster());
                json.writeFieldName("security_groups");
                if (row.securityGroups() == null) {
                    json.writeNull();
                } else {
                    json.writeStartArray();
                    for (String group : row.securityGroups()) {
                        json.writeString(group);
                    }
                    json.writeEndArray();
                }
                json.writeStringField("address", row.address());
                json.writeStringField("peer_class", row.peerClass());
                json.writeStringField("aws_service", row.awsService());
                json.writeStringField("first_seen", row.firstSeen() == null ? null : row.firstSeen().toString());
                json.writeStringField("last_seen", row.lastSeen() == null ? null : row.lastSeen().toString());
                json.writeNumberField("flows", row.flows());
                json.writeNumberField("bytes", row.bytes());
                json.writeNumberField("packets", row.packets());
                json.writeNumberField("accepted", row.accepted());
                json.writeNumberField("rejected", row.rejected());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write('\n');
    }

    private static void table(Investigation investigation, Writer out) throws IOException {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"COUNTERPART", "SERVICE", "CLUSTER", "SECURITY GROUPS", "PEER", "FIRST SEEN",
            "LAST SEEN", "FLOWS", "BYTES", "PACKETS", "ACCEPTED", "REJECTED"});
        for (Counterpart row : investigation.rows()) {
            lines.add(new String[] {row.taskId() != null ? row.taskId() : dash(row.address()), dash(row.service()),
                dash(row.cluster()), row.securityGroups() == null ? "?" : String.join(",", row.securityGroups()),
                dash(row.peerClass()) + (row.awsService() == null ? "" : " " + row.awsService()),
                dash(time(row.firstSeen())), dash(time(row.lastSeen())), count(row.flows()), count(row.bytes()),
                count(row.packets()), count(row.accepted()), count(row.rejected())});
        }
        int[] widths = new int[lines.get(0).length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                boolean number = i >= 7;
                String cell = number ? " ".repeat(widths[i] - line[i].length()) + line[i]
                        : line[i] + " ".repeat(widths[i] - line[i].length());
                text.append(i == 0 ? "" : "  ").append(cell);
            }
            out.write(text.toString().stripTrailing());
            out.write('\n');
        }
        out.write(String.format("%,d counterparts of %s%n", investigation.rows().size(), investigation.subject()));
    }

    private static String count(long value) {
        return String.format("%,d", value);
    }

    private static String dash(String text) {
        return text == null ? "-" : text;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String time(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
