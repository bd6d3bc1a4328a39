package dev.flowlens.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowlens.schemas.usage.InstanceEniDensity;
import dev.flowlens.schemas.usage.SubnetCapacity;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The capacity rows as CSV (one table a file: the subnets' or the instances') and JSON (both tables in one object),
 * under the hyphenated field names of {@code schemas/usage.md} ({@code SubnetCapacity}, {@code InstanceEniDensity}),
 * in its order. Nulls are empty CSV fields and JSON nulls.
 */
public final class CapacityRows {
    public static final List<String> SUBNET_FIELDS = List.of("period-start", "period-end", "account-id", "vpc-id",
            "subnet-id", "availability-zone", "cidr", "usable-addresses", "peak-in-use", "days-to-exhaustion");
    public static final List<String> INSTANCE_FIELDS = List.of("period-start", "period-end", "account-id", "cluster",
            "container-instance-arn", "instance-id", "instance-type", "trunking", "eni-task-limit",
            "branch-eni-limit", "peak-awsvpc-tasks", "peak-cpu-reserved", "peak-memory-reserved");
    /** The JSON object's keys: the two tables. */
    public static final String SUBNETS_KEY = "subnet-capacity";
    public static final String INSTANCES_KEY = "instance-eni-density";

    /** Which table a CSV holds. */
    public enum Table {
        SUBNETS, INSTANCES;

        public String optionName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        List<String> fields() {
            return this == SUBNETS ? SUBNET_FIELDS : INSTANCE_FIELDS;
        }
    }

    private CapacityRows() {}

    public static void csv(CapacityReport report, Table table, Writer out) throws IOException {
        out.write(String.join(",", table.fields()));
        out.write("\n");
        for (Object[] values : rows(report, table)) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(UsageRows.csvField(values[i]));
            }
            out.write("\n");
        }
        out.flush();
    }

    /** One JSON object: {@code {"subnet-capacity": [...], "instance-eni-density": [...]}}, a row a line. */
    public static void json(CapacityReport report, Writer out) throws IOException {
        JsonGenerator json = new JsonFactory().createGenerator(out);
        json.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeRaw("{\"" + SUBNETS_KEY + "\": [");
        table(json, Table.SUBNETS, rows(report, Table.SUBNETS));
        json.writeRaw("],\n\"" + INSTANCES_KEY + "\": [");
        table(json, Table.INSTANCES, rows(report, Table.INSTANCES));
        json.writeRaw("]}\n");
        json.close();
        out.flush();
    }

    private static void table(JsonGenerator json, Table table, List<Object[]> rows) throws IOException {
        for (int r = 0; r < rows.size(); r++) {
            json.writeRaw(r == 0 ? "\n" : ",\n");
            Object[] values = rows.get(r);
            json.writeStartObject();
            for (int i = 0; i < values.length; i++) {
                json.writeFieldName(table.fields().get(i));
                Object value = values[i];
                if (value == null) {
                    json.writeNull();
                } else if (value instanceof Boolean flag) {
                    json.writeBoolean(flag);
                } else if (value instanceof BigDecimal number) {
                    json.writeNumber(number);
                } else if (value instanceof Number number) {
                    json.writeNumber(number.longValue());
                } else {
                    json.writeString(value.toString());
                }
            }
            json.writeEndObject();
        }
        if (!rows.isEmpty()) {
            json.writeRaw("\n");
        }
    }

    static List<Object[]> rows(CapacityReport report, Table table) {
        List<Object[]> rows = new ArrayList<>();
        if (table == Table.SUBNETS) {
            for (SubnetCapacity row : report.subnets()) {
                rows.add(new Object[] {row.periodStart, row.periodEnd, row.accountId, row.vpcId, row.subnetId,
                    row.availabilityZone, row.cidr, row.usableAddresses, row.peakInUse, decimal(row.daysToExhaustion)});
            }
        } else {
            for (InstanceEniDensity row : report.instances()) {
                rows.add(new Object[] {row.periodStart, row.periodEnd, row.accountId, row.cluster,
                    row.containerInstanceArn, row.instanceId, row.instanceType, row.trunking, row.eniTaskLimit,
                    row.branchEniLimit, row.peakAwsvpcTasks, decimal(row.peakCpuReserved),
                    decimal(row.peakMemoryReserved)});
            }
        }
        return rows;
    }

    /** A share or a day count as written: its shortest plain decimal ({@code 0.25}, {@code 12.5}). */
    static BigDecimal decimal(Double value) {
        if (value == null) {
            return null;
        }
        BigDecimal number = BigDecimal.valueOf(value).stripTrailingZeros();
        return number.scale() < 0 ? number.setScale(0) : number;
    }
}
