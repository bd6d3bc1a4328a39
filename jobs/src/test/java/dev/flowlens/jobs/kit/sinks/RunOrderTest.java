package dev.flowlens.jobs.kit.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.schemas.dataset.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

/**
 * {@link RunOrder} orders a run as a stable sort by the dataset's comparator does: natural order per column, nulls
 * first, ties in arrival order; over every column type, heavy ties, extreme numbers and runs reused after a clear.
 */
class RunOrderTest {
    private static final DatasetParquet<Object[]> ROWS = new DatasetParquet<>("rows", List.of(
            column("flag", ColumnType.BOOLEAN, 0), column("name", ColumnType.STRING, 1),
            column("port", ColumnType.INT32, 2), column("time", ColumnType.INT64, 3),
            column("arrival", ColumnType.INT32, 4)),
            new DatasetLayout(CompressionCodecName.ZSTD, 0, true, java.util.Set.of(), java.util.Set.of(),
                    java.util.Set.of(), List.of("name", "flag", "port", "time"), 5_000));

    @Test
    void ordersEachRunAsAStableSortByTheComparator() {
        Random random = new Random(17);
        RunOrder order = new RunOrder(ROWS.sortColumns(), 5_000);
        for (int size : new int[] {0, 1, 2, 25, 26, 1_000, 5_000, 4_999}) {
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                Object[] row = {
                    random.nextInt(5) == 0 ? null : random.nextBoolean(),
                    random.nextInt(6) == 0 ? null : "n" + random.nextInt(size / 50 + 2) + (random.nextBoolean() ? "é" : ""),
                    random.nextInt(4) == 0 ? null : switch (random.nextInt(3)) {
                        case 0 -> Integer.MIN_VALUE;
                        case 1 -> Integer.MAX_VALUE;
                        default -> random.nextInt(20) - 10;
                    },
                    random.nextInt(4) == 0 ? null : switch (random.nextInt(4)) {
                        case 0 -> Long.MIN_VALUE;
                        case 1 -> Long.MAX_VALUE;
                        default -> (long) random.nextInt(30) - 15;
                    },
                    i};
                rows.add(row);
                order.add(row);
            }
            int[] positions = order.order();
            order.clear();

            Comparator<Object[]> comparator = ROWS.order();
            Integer[] expected = IntStream.range(0, size).boxed().toArray(Integer[]::new);
            Arrays.sort(expected, (a, b) -> comparator.compare(rows.get(a), rows.get(b)));
            assertThat(positions).as("run of %d", size).containsExactly(Arrays.stream(expected).mapToInt(i -> i).toArray());
        }
    }

    private static DatasetParquet.Column<Object[]> column(String name, ColumnType type, int index) {
        return new DatasetParquet.Column<>(name, type, true, row -> row[index]);
    }
}
