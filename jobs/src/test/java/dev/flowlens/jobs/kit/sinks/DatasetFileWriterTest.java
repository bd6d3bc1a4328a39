package dev.flowlens.jobs.kit.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.schemas.dataset.ColumnType;
import dev.flowlens.schemas.dataset.EnrichedFlowColumns;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.parquet.column.values.bloomfilter.BloomFilter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Part files sorted within bounded runs, every row kept, and the enriched layout's bloom filters written. */
class DatasetFileWriterTest {
    @TempDir
    Path dir;

    record Row(String key, Integer port, Long start) {}

    private static final DatasetParquet<Row> ROWS = new DatasetParquet<>("rows", List.of(
            new DatasetParquet.Column<>("key", ColumnType.STRING, true, Row::key),
            new DatasetParquet.Column<>("port", ColumnType.INT32, true, Row::port),
            new DatasetParquet.Column<>("start", ColumnType.INT64, true, Row::start)),
            new DatasetLayout(CompressionCodecName.ZSTD, 0, true, Set.of("start"), Set.of(), Set.of(),
                    List.of("key", "port", "start"), 4));

    @Test
    void sortsEachRunAndKeepsEveryRow() throws Exception {
        Random random = new Random(7);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(new Row(i == 5 ? null : "k" + random.nextInt(3), random.nextInt(4), (long) random.nextInt(100)));
        }
        Path file = dir.resolve("rows.parquet");
        DatasetFileWriter<Row> writer = DatasetFileWriter.to(ROWS, new LocalOutputFile(file));
        for (Row row : rows) {
            writer.add(row);
        }
        writer.finish();

        List<Row> read = new ArrayList<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement();
                ResultSet result = sql.executeQuery("SELECT key, port, start FROM read_parquet('" + file
                        + "', file_row_number = true) ORDER BY file_row_number")) {
            while (result.next()) {
                read.add(new Row(result.getString(1), (Integer) result.getObject(2), (Long) result.getObject(3)));
            }
        }
        Comparator<Row> order = Comparator.comparing(Row::key, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Row::port).thenComparing(Row::start);
        // runs of 4 in arrival order, each sorted: nulls first
        List<Row> expected = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += 4) {
            expected.addAll(rows.subList(from, Math.min(rows.size(), from + 4)).stream().sorted(order).toList());
        }
        assertThat(read).isEqualTo(expected);
        assertThat(read.subList(4, 8).get(0).key()).isNull();
    }

    /**
     * parquet-java writes a column chunk's bloom filter only when some of its pages fell back from the dictionary
     * (its dictionary is then over 1 MB); a chunk that is all dictionary has none, the dictionary itself telling a
     * reader which values it holds.
     */
    @Test
    void writesBloomFiltersOnAddressColumnsThatOutgrowTheirDictionary() throws Exception {
        Path file = dir.resolve("flows.zstd.parquet");
        List<String> names = EnrichedFlowColumns.names();
        DatasetFileWriter<?> writer = EnrichedFlowParquet.rowWriter(new LocalOutputFile(file));
        for (int i = 0; i < 120_000; i++) {
            Object[] row = new Object[names.size()];
            row[names.indexOf("interface_id")] = "eni-" + (i % 7);
            // 120,000 distinct addresses (over 1 MB of dictionary) against 13
            row[names.indexOf("srcaddr")] = "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255);
            row[names.indexOf("dstaddr")] = "52.94." + (i % 13) + ".7";
            row[names.indexOf("start")] = 1_700_000_000L + i;
            writer.addRow(row);
        }
        writer.finish();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            List<String> withFilters = new ArrayList<>();
            for (ColumnChunkMetaData column : reader.getFooter().getBlocks().get(0).getColumns()) {
                BloomFilter filter = reader.readBloomFilter(column);
                if (filter != null) {
                    withFilters.add(column.getPath().toDotString());
                    assertThat(filter.findHash(filter.hash(Binary.fromString("10.1.2.3")))).isTrue();
                }
            }
            assertThat(withFilters).containsExactly("srcaddr");
        }
    }
}
