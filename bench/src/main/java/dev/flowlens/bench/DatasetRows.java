package dev.flowlens.bench;

import dev.flowlens.schemas.dataset.ColumnType;
import dev.flowlens.schemas.dataset.EnrichedFlowColumn;
import dev.flowlens.schemas.dataset.EnrichedFlowColumns;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.LocalInputFile;

/**
 * The rows of one enriched-flow Parquet file as the job's writer takes them (values in column order, the contract's
 * types), so a harness can copy the job's files with the job's own writer. Strings that repeat share one instance.
 */
final class DatasetRows {
    private DatasetRows() {}

    static List<Object[]> read(Path file) throws IOException {
        List<EnrichedFlowColumn> columns = EnrichedFlowColumns.ALL;
        Map<String, String> strings = new HashMap<>();
        List<Object[]> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = new ParquetReader.Builder<Group>(new LocalInputFile(file)) {
            @Override
            protected ReadSupport<Group> getReadSupport() {
                return new GroupReadSupport();
            }
        }.build()) {
            for (Group group = reader.read(); group != null; group = reader.read()) {
                Object[] row = new Object[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    String name = columns.get(i).name();
                    if (group.getFieldRepetitionCount(name) == 0) {
                        continue;
                    }
                    ColumnType type = columns.get(i).type();
                    row[i] = switch (type) {
                        case BOOLEAN -> group.getBoolean(name, 0);
                        case INT32 -> group.getInteger(name, 0);
                        case INT64 -> group.getLong(name, 0);
                        case STRING -> strings.computeIfAbsent(group.getString(name, 0), s -> s);
                        case STRING_LIST -> {
                            Group list = group.getGroup(name, 0);
                            List<String> values = new ArrayList<>();
                            for (int j = 0; j < list.getFieldRepetitionCount("list"); j++) {
                                Group element = list.getGroup("list", j);
                                values.add(element.getFieldRepetitionCount("element") == 0 ? null
                                        : strings.computeIfAbsent(element.getString("element", 0), s -> s));
                            }
                            yield values;
                        }
                    };
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
