package dev.flowlens.report;

import dev.flowlens.schemas.dataset.EnrichedFlowColumn;
import dev.flowlens.schemas.dataset.EnrichedFlowColumns;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an enriched-flow dataset as the jobs do (every column of {@code EnrichedFlowColumns}, Hive-style
 * {@code dt=YYYY-MM-DD/hour=HH} partitions by capture start, {@code dt=unknown/hour=unknown} without one), from rows
 * given column by column, with DuckDB's {@code COPY ... (FORMAT parquet, PARTITION_BY ...)}: the jobs' writer is
 * Flink's.
 */
public final class TestDataset {
    private final List<Map<String, Object>> rows = new ArrayList<>();

    /** A row to fill: column name to value; columns left out are null. */
    public Map<String, Object> row() {
        Map<String, Object> row = new HashMap<>();
        rows.add(row);
        return row;
    }

    /** The rows filled so far, column name to value, in order. */
    public List<Map<String, Object>> rows() {
        return java.util.Collections.unmodifiableList(rows);
    }

    public void writeTo(Path root) throws SQLException {
        List<EnrichedFlowColumn> columns = EnrichedFlowColumns.ALL;
        StringBuilder create = new StringBuilder("CREATE TABLE flows (");
        StringBuilder insert = new StringBuilder("INSERT INTO flows VALUES (");
        for (int i = 0; i < columns.size(); i++) {
            EnrichedFlowColumn column = columns.get(i);
            create.append(i == 0 ? "" : ", ").append('"').append(column.name()).append("\" ")
                    .append(duckType(column));
            insert.append(i == 0 ? "?" : ", ?");
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute(create.append(")").toString());
            try (PreparedStatement add = connection.prepareStatement(insert.append(")").toString())) {
                for (Map<String, Object> row : rows) {
                    for (String name : row.keySet()) {
                        if (!EnrichedFlowColumns.names().contains(name)) {
                            throw new IllegalArgumentException("no dataset column " + name);
                        }
                    }
                    for (int i = 0; i < columns.size(); i++) {
                        add.setObject(i + 1, row.get(columns.get(i).name()));
                    }
                    add.addBatch();
                }
                add.executeBatch();
            }
            String target = root.toAbsolutePath().toString().replace("'", "''");
            statement.execute("COPY (SELECT *,"
                    + " coalesce(strftime(to_timestamp(start), '%Y-%m-%d'), 'unknown') AS dt,"
                    + " coalesce(strftime(to_timestamp(start), '%H'), 'unknown') AS hour FROM flows)"
                    + " TO '" + target + "' (FORMAT parquet, PARTITION_BY (dt, hour), OVERWRITE_OR_IGNORE)");
        }
    }

    private static String duckType(EnrichedFlowColumn column) {
        return switch (column.type()) {
            case BOOLEAN -> "BOOLEAN";
            case INT32 -> "INTEGER";
            case INT64 -> "BIGINT";
            case STRING -> "VARCHAR";
            case STRING_LIST -> "VARCHAR[]";
        };
    }

    /** Epoch seconds of an ISO instant, for readable test times. */
    public static long at(String instant) {
        return Instant.parse(instant).atOffset(ZoneOffset.UTC).toEpochSecond();
    }
}
