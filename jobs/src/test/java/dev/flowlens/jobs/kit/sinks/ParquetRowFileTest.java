package dev.flowlens.jobs.kit.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.dataset.ColumnType;
import dev.flowlens.schemas.dataset.EnrichedFlowColumns;
import dev.flowlens.sim.DirectAttribution;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.local.LocalDataOutputStream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ParquetRowFile} writes the file {@code ParquetWriter} and its record consumer wrote before it: the same bytes,
 * and so the same value in every column of every row, the same pages, dictionaries, statistics and bloom filters.
 * Both paths get the same rows through the same {@link DatasetFileWriter} (sorted runs); the files are compared byte
 * for byte and read back with DuckDB, every column of every row against the rows written.
 */
class ParquetRowFileTest {
    private static final List<EnrichedFlow> FLOWS = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void simulatedFlows(@TempDir Path scenarioDir) throws Exception {
        // over an hour of the default fleet: two sorted runs of 65,536 rows, several pages per column chunk
        Simulation simulation = new Simulation(SimConfig.defaults().withDuration(75).withSeed(5));
        Path scenario = scenarioDir.resolve("scenario");
        new ScenarioWriter(simulation, scenario, ScenarioWriter.Layout.LINES).write();
        DirectAttribution.attribute(simulation, scenario, FLOWS::add);
    }

    @Test
    void simulatedFlowsMakeTheSameFileAsTheRecordConsumer() throws Exception {
        assertThat(FLOWS).hasSizeGreaterThan(EnrichedFlowParquet.RUN_ROWS + 10_000);
        DatasetParquet<EnrichedFlow> dataset = EnrichedFlowParquet.rows();
        Path before = dir.resolve("record-consumer.parquet");
        Path now = dir.resolve("row-file.parquet");
        DatasetFileWriter<EnrichedFlow> reference = throughRecordConsumer(dataset, before);
        DatasetFileWriter<EnrichedFlow> writer = DatasetFileWriter.to(dataset, new LocalOutputFile(now));
        List<Object[]> written = new ArrayList<>();
        for (EnrichedFlow flow : FLOWS) {
            reference.add(flow);
            writer.add(flow);
            written.add(dataset.row(flow));
        }
        reference.finish();
        writer.finish();

        assertThat(Arrays.mismatch(Files.readAllBytes(now), Files.readAllBytes(before))).as("first byte that differs")
                .isEqualTo(-1);
        List<List<Object>> read = readBack(now, EnrichedFlowColumns.names());
        assertThat(read).isEqualTo(readBack(before, EnrichedFlowColumns.names()));
        assertThat(read).hasSize(FLOWS.size());
        assertThat(read).isEqualTo(sortedRuns(written, dataset));
        try (ParquetFileReader file = ParquetFileReader.open(new LocalInputFile(now))) {
            assertThat(file.getFooter().getBlocks().get(0).getColumns().get(0).getEncodingStats()
                    .getNumDataPagesEncodedAs(org.apache.parquet.column.Encoding.RLE_DICTIONARY)).isGreaterThan(1);
        }
    }

    /** The sink's bulk writer on a Flink part file's stream writes the same file, and leaves the stream to the sink. */
    @Test
    void theFileSinksBulkWriterWritesTheSameFile() throws Exception {
        Path direct = dir.resolve("direct.parquet");
        Path part = dir.resolve("part.parquet");
        DatasetFileWriter<EnrichedFlow> writer = EnrichedFlowParquet.rowWriter(new LocalOutputFile(direct));
        try (LocalDataOutputStream stream = new LocalDataOutputStream(part.toFile())) {
            BulkWriter<EnrichedFlow> bulk = new DatasetBulkWriter.Factory<>(EnrichedFlowParquet::rows).create(stream);
            for (EnrichedFlow flow : FLOWS.subList(0, 20_000)) {
                writer.add(flow);
                bulk.addElement(flow);
            }
            writer.finish();
            bulk.finish();
            stream.write(new byte[] {1, 2, 3}); // still open: the sink, not Parquet, closes a part file
        }
        byte[] expected = Files.readAllBytes(direct);
        byte[] written = Files.readAllBytes(part);
        assertThat(written).hasSize(expected.length + 3);
        assertThat(Arrays.mismatch(Arrays.copyOf(written, expected.length), expected)).isEqualTo(-1);
    }

    /** Every column type, nulls, empty lists, null elements, dictionaries that overflow and several row groups. */
    private static final DatasetParquet<Object[]> EDGES = new DatasetParquet<>("edges", List.of(
            column("name", ColumnType.STRING, true, 0),
            column("count", ColumnType.INT32, true, 1),
            column("time", ColumnType.INT64, false, 2),
            column("flag", ColumnType.BOOLEAN, true, 3),
            column("tags", ColumnType.STRING_LIST, true, 4),
            column("unique", ColumnType.STRING, true, 5),
            column("total", ColumnType.INT64, true, 6)),
            new DatasetLayout(CompressionCodecName.ZSTD, 0, true, Set.of("total"), Set.of("unique"), Set.of("unique"),
                    List.of("name", "count"), 1_000),
            256 * 1024);

    @Test
    void everyColumnTypeAndNullMakesTheSameFileAsTheRecordConsumer() throws Exception {
        Random random = new Random(3);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            List<String> tags = switch (random.nextInt(5)) {
                case 0 -> null;
                case 1 -> List.of();
                case 2 -> Arrays.asList("a", null, "c" + random.nextInt(3));
                default -> List.of("t" + random.nextInt(40));
            };
            rows.add(new Object[] {random.nextInt(10) == 0 ? null : "n" + random.nextInt(50),
                    random.nextInt(7) == 0 ? null : random.nextInt(1000), 1_700_000_000_000L + i,
                    random.nextInt(3) == 0 ? null : random.nextBoolean(), tags,
                    "u-" + i + "-" + random.nextLong(), random.nextInt(4) == 0 ? null : random.nextLong()});
        }
        Path before = dir.resolve("edges-record-consumer.parquet");
        Path now = dir.resolve("edges-row-file.parquet");
        DatasetFileWriter<Object[]> reference = throughRecordConsumer(EDGES, before);
        DatasetFileWriter<Object[]> writer = DatasetFileWriter.to(EDGES, new LocalOutputFile(now));
        for (Object[] row : rows) {
            reference.add(row);
            writer.add(row);
        }
        reference.finish();
        writer.finish();

        assertThat(Arrays.mismatch(Files.readAllBytes(now), Files.readAllBytes(before))).as("first byte that differs")
                .isEqualTo(-1);
        try (ParquetFileReader file = ParquetFileReader.open(new LocalInputFile(now))) {
            assertThat(file.getFooter().getBlocks()).hasSizeGreaterThan(2);
        }
        List<List<Object>> read = readBack(now, List.of("name", "count", "time", "flag", "tags", "unique", "total"));
        assertThat(read).isEqualTo(sortedRuns(rows, EDGES));
    }

    @Test
    void aNullInARequiredColumnIsRefusedAndNoFooterWritten() throws Exception {
        Path file = dir.resolve("required.parquet");
        DatasetFileWriter<Object[]> writer = DatasetFileWriter.to(new DatasetParquet<>("edges",
                List.of(column("time", ColumnType.INT64, false, 0)), DatasetLayout.plain(CompressionCodecName.ZSTD)),
                new LocalOutputFile(file));
        writer.add(new Object[] {1L});
        assertThatThrownBy(() -> writer.add(new Object[] {null}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("required column time");
        writer.finish();
        assertThatThrownBy(() -> ParquetFileReader.open(new LocalInputFile(file)).close())
                .hasMessageContaining("not a Parquet file");
    }

    private static DatasetParquet.Column<Object[]> column(String name, ColumnType type, boolean nullable, int index) {
        return new DatasetParquet.Column<>(name, type, nullable, row -> row[index]);
    }

    /** The path {@link ParquetRowFile} replaced: {@code ParquetWriter} and its record consumer. */
    private static <T> DatasetFileWriter<T> throughRecordConsumer(DatasetParquet<T> dataset, Path file)
            throws IOException {
        ParquetWriter<Object[]> parquet = dataset.recordConsumerRowWriter(new LocalOutputFile(file));
        return new DatasetFileWriter<>(dataset, new DatasetFileWriter.Rows() {
            @Override
            public void write(Object[] row) throws IOException {
                parquet.write(row);
            }

            @Override
            public void close() throws IOException {
                parquet.close();
            }
        });
    }

    /** Every row of {@code file} in file order, each column's value as Java sees it (a list as a {@code List}). */
    private static List<List<Object>> readBack(Path file, List<String> columns) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement();
                ResultSet result = sql.executeQuery("SELECT \"" + String.join("\", \"", columns) + "\" FROM read_parquet('"
                        + file + "', file_row_number = true) ORDER BY file_row_number")) {
            assertThat(result.getMetaData().getColumnCount()).isEqualTo(columns.size());
            while (result.next()) {
                List<Object> row = new ArrayList<>(columns.size());
                for (int i = 1; i <= columns.size(); i++) {
                    Object value = result.getObject(i);
                    row.add(value instanceof Array array ? Arrays.asList((Object[]) array.getArray()) : value);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<Object> values(Object[] row) {
        return Arrays.asList(row);
    }

    /** The rows as the file should hold them: each run in arrival order, sorted stably by the dataset's order. */
    private static List<List<Object>> sortedRuns(List<Object[]> rows, DatasetParquet<?> dataset) {
        int run = dataset.layout().runRows();
        List<List<Object>> expected = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += run) {
            Object[][] sorted = rows.subList(from, Math.min(rows.size(), from + run)).toArray(new Object[0][]);
            Arrays.sort(sorted, dataset.order());
            for (Object[] row : sorted) {
                expected.add(values(row));
            }
        }
        return expected;
    }
}
