package dev.flowlens.bench;

import dev.flowlens.jobs.kit.sinks.DatasetFileWriter;
import dev.flowlens.jobs.kit.sinks.DatasetLayout;
import dev.flowlens.jobs.kit.sinks.EnrichedFlowParquet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Sizes and write speed of Parquet layouts for the same enriched rows, side by side, against the gzip text they were
 * enriched from: the rows of one day the job wrote (every part file of {@code dataset}) are rewritten file by file
 * with each layout (the job's files stay one output file each, so row groups and runs are the job's), then read back
 * and compared with the input by row count and an order-independent checksum of every value.
 *
 * <p>Run: {@code java -Xmx8g -cp bench/target/benchmarks.jar dev.flowlens.bench.ParquetLayoutBenchmark DATASET GZIP
 * OUT} where {@code DATASET} is the job's Parquet folder, {@code GZIP} the flow-log objects it read and {@code OUT} a
 * scratch folder.
 */
public final class ParquetLayoutBenchmark {
    private static final List<String> CONVERSATION = List.of("interface_id", "dstport", "dstaddr", "srcaddr",
            "srcport", "start");

    public static void main(String[] args) throws Exception {
        Path dataset = Path.of(args[0]);
        Path gzip = Path.of(args[1]);
        // a fresh folder of this run's own under OUT: nothing already there is written over or deleted
        Path out = Files.createTempDirectory(Files.createDirectories(Path.of(args[2])), "layouts-");
        List<Path> files = parquetFiles(dataset);
        List<List<Object[]>> input = new ArrayList<>();
        long rows = 0;
        for (Path file : files) {
            List<Object[]> read = DatasetRows.read(file);
            input.add(read);
            rows += read.size();
        }
        long checksum = checksum(input);
        long gzipBytes = bytes(gzip, "");
        System.out.printf("%,d rows in %d files; gzip text %,d bytes; job's files %,d bytes (%.2fx)%n", rows,
                files.size(), gzipBytes, bytes(dataset, ".parquet"), (double) bytes(dataset, ".parquet") / gzipBytes);
        DatasetLayout job = EnrichedFlowParquet.LAYOUT;
        Map<String, DatasetLayout> layouts = new LinkedHashMap<>();
        layouts.put("before: Snappy, arrival order, every dictionary and statistic",
                DatasetLayout.plain(CompressionCodecName.SNAPPY));
        layouts.put("ZSTD, arrival order", DatasetLayout.plain(CompressionCodecName.ZSTD));
        layouts.put("ZSTD, sorted by interface, start", new DatasetLayout(CompressionCodecName.ZSTD, 0, false, Set.of(),
                Set.of(), Set.of(), List.of("interface_id", "start"), job.runRows()));
        layouts.put("ZSTD, sorted by conversation", new DatasetLayout(CompressionCodecName.ZSTD, 0, false, Set.of(), Set.of(),
                Set.of(), CONVERSATION, job.runRows()));
        layouts.put("  + no dictionary on packets, bytes", new DatasetLayout(CompressionCodecName.ZSTD, 0, false,
                Set.of("packets", "bytes"), Set.of(), Set.of(), CONVERSATION, job.runRows()));
        layouts.put("  + format v2 (delta encodings without a dictionary)", new DatasetLayout(
                CompressionCodecName.ZSTD, 0, true, Set.of("packets", "bytes"), Set.of(), Set.of(), CONVERSATION,
                job.runRows()));
        layouts.put("  + no dictionary on srcport", new DatasetLayout(CompressionCodecName.ZSTD, 0, true,
                Set.of("packets", "bytes", "srcport"), Set.of(), Set.of(), CONVERSATION, job.runRows()));
        layouts.put("  + no dictionary on start, end", new DatasetLayout(CompressionCodecName.ZSTD, 0, true,
                Set.of("packets", "bytes", "srcport", "start", "end"), Set.of(), Set.of(), CONVERSATION,
                job.runRows()));
        layouts.put("  + statistics off on identifiers", new DatasetLayout(CompressionCodecName.ZSTD, 0, true,
                job.noDictionary(), job.noStatistics(), Set.of(), CONVERSATION, job.runRows()));
        layouts.put("the job's layout (+ bloom filters on srcaddr, dstaddr)", job);
        layouts.put("  at ZSTD level 9", job.withZstdLevel(9));
        // warm-up: the first layout once, not reported
        write(input, out.resolve("warm-up"), layouts.values().iterator().next());
        System.out.printf("%-58s %14s %8s %12s %s%n", "layout", "bytes", "x gzip", "rows/s", "same rows");
        for (Map.Entry<String, DatasetLayout> layout : layouts.entrySet()) {
            Path folder = out.resolve("layout-" + layouts.keySet().stream().toList().indexOf(layout.getKey()));
            long started = System.nanoTime();
            write(input, folder, layout.getValue());
            double seconds = (System.nanoTime() - started) / 1e9;
            long size = bytes(folder, ".parquet");
            List<List<Object[]>> back = new ArrayList<>();
            long backRows = 0;
            for (Path file : parquetFiles(folder)) {
                List<Object[]> read = DatasetRows.read(file);
                back.add(read);
                backRows += read.size();
            }
            System.out.printf("%-58s %,14d %8.2f %,12.0f %s%s%n", layout.getKey(), size, (double) size / gzipBytes,
                    rows / seconds, backRows == rows && checksum(back) == checksum,
                    layout.getValue().bloomFilters().isEmpty() ? "" : "   " + bloomFilters(parquetFiles(folder)));
        }
    }

    /** Per bloom-filter column: in how many of the column chunks parquet-java wrote one. */
    private static String bloomFilters(List<Path> files) throws Exception {
        Map<String, int[]> written = new java.util.TreeMap<>();
        for (Path file : files) {
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                for (BlockMetaData block : reader.getFooter().getBlocks()) {
                    for (ColumnChunkMetaData column : block.getColumns()) {
                        if (!EnrichedFlowParquet.LAYOUT.bloomFilters().contains(column.getPath().toDotString())) {
                            continue;
                        }
                        int[] counts = written.computeIfAbsent(column.getPath().toDotString(), c -> new int[2]);
                        counts[1]++;
                        if (reader.readBloomFilter(column) != null) {
                            counts[0]++;
                        }
                    }
                }
            }
        }
        StringBuilder text = new StringBuilder("bloom filters written:");
        written.forEach((column, counts) -> text.append(' ').append(column).append(' ').append(counts[0]).append('/')
                .append(counts[1]));
        return text.toString();
    }

    private static void write(List<List<Object[]>> input, Path folder, DatasetLayout layout) throws Exception {
        Files.createDirectories(folder);
        for (int i = 0; i < input.size(); i++) {
            Path file = folder.resolve("flows-" + i + ".parquet");
            DatasetFileWriter<?> writer = EnrichedFlowParquet.rowWriter(new LocalOutputFile(file), layout);
            for (Object[] row : input.get(i)) {
                writer.addRow(row);
            }
            writer.finish();
        }
    }

    /** The sum of every row's hash: equal for the same rows in any order. */
    private static long checksum(List<List<Object[]>> files) {
        long sum = 0;
        for (List<Object[]> rows : files) {
            for (Object[] row : rows) {
                long hash = 1;
                for (Object value : row) {
                    hash = hash * 1_000_003L + (value == null ? 7 : value.hashCode());
                }
                sum += hash * 0x9E3779B97F4A7C15L;
            }
        }
        return sum;
    }

    private static List<Path> parquetFiles(Path folder) throws Exception {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(file -> file.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
    }

    private static long bytes(Path folder, String suffix) throws Exception {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(file -> file.getFileName().toString().endsWith(suffix))
                    .mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private ParquetLayoutBenchmark() {}
}
