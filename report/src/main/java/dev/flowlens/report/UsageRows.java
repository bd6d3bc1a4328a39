package dev.flowlens.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowlens.schemas.usage.ServiceUsage;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The usage rows as CSV and JSON, under the hyphenated field names of {@code schemas/usage.md} ({@code ServiceUsage}),
 * in its order. Nulls are empty CSV fields and JSON nulls; costs have six decimals in both.
 */
public final class UsageRows {
    /** The CSV header and JSON field names, in order. */
    public static final List<String> FIELDS = List.of("period-start", "period-end", "account-id", "cluster", "service",
            "direction", "peer-class", "peer-service", "aws-service", "bytes", "packets", "flows",
            "estimated-cost-usd");

    private UsageRows() {}

    /** Header line, then one line per row (fields with a comma, quote or line break are quoted as RFC 4180 says). */
    public static void csv(List<ServiceUsage> rows, Writer out) throws IOException {
        out.write(String.join(",", FIELDS));
        out.write("\n");
        for (ServiceUsage row : rows) {
            Object[] values = values(row);
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(csvField(values[i]));
            }
            out.write("\n");
        }
        out.flush();
    }

    /** A JSON array, one row object per line. */
    public static void json(List<ServiceUsage> rows, Writer out) throws IOException {
        JsonGenerator json = new JsonFactory().createGenerator(out);
        json.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeRaw('[');
        for (int r = 0; r < rows.size(); r++) {
            json.writeRaw(r == 0 ? "\n" : ",\n");
            Object[] values = values(rows.get(r));
            json.writeStartObject();
            for (int i = 0; i < values.length; i++) {
                json.writeFieldName(FIELDS.get(i));
                Object value = values[i];
                if (value == null) {
                    json.writeNull();
                } else if (value instanceof Long number) {
                    json.writeNumber(number);
                } else if (value instanceof BigDecimal number) {
                    json.writeNumber(number);
                } else {
                    json.writeString(value.toString());
                }
            }
            json.writeEndObject();
        }
        json.writeRaw("\n]\n");
        json.close();
        out.flush();
    }

    /** A cost as the outputs show it: US dollars with six decimals. */
    public static BigDecimal cost(double usd) {
        return BigDecimal.valueOf(usd).setScale(CostEstimator.COST_SCALE, RoundingMode.HALF_UP);
    }

    private static Object[] values(ServiceUsage row) {
        return new Object[] {row.periodStart, row.periodEnd, row.accountId, row.cluster, row.service,
            row.direction == null ? null : row.direction.wireName(),
            row.peerClass == null ? null : row.peerClass.wireName(), row.peerService, row.awsService, row.bytes,
            row.packets, row.flows, cost(row.estimatedCostUsd)};
    }

    static String csvField(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof BigDecimal number ? number.toPlainString() : value.toString();
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
