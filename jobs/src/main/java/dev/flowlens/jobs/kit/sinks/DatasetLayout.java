package dev.flowlens.jobs.kit.sinks;

import java.util.List;
import java.util.Set;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * How a dataset's Parquet files are laid out: the codec (and ZSTD's level, 0 for parquet-java's default 3); the
 * format version ({@code v2}: data pages v2, and delta encodings where there is no dictionary, which DuckDB, Spark,
 * Trino/Athena and parquet-java read);
 * dictionaries on except for {@code noDictionary} (values
 * that rarely repeat, where a dictionary only costs its fallback); min/max statistics on except for
 * {@code noStatistics} (columns no reader filters on, where they never prune); bloom filters on {@code bloomFilters}
 * (the columns a reader looks up single values in); rows sorted within a run of at most {@code runRows} by the
 * columns {@code order} (empty: written in arrival order).
 */
public record DatasetLayout(CompressionCodecName codec, int zstdLevel, boolean v2, Set<String> noDictionary, Set<String> noStatistics,
        Set<String> bloomFilters, List<String> order, int runRows) {
    /** This layout with ZSTD at {@code level}. */
    public DatasetLayout withZstdLevel(int level) {
        return new DatasetLayout(codec, level, v2, noDictionary, noStatistics, bloomFilters, order, runRows);
    }

    /** This layout in format version 2 ({@code true}) or 1. */
    public DatasetLayout withV2(boolean version2) {
        return new DatasetLayout(codec, zstdLevel, version2, noDictionary, noStatistics, bloomFilters, order, runRows);
    }

    /** This layout without dictionaries on {@code columns}. */
    public DatasetLayout withNoDictionary(Set<String> columns) {
        return new DatasetLayout(codec, zstdLevel, v2, columns, noStatistics, bloomFilters, order, runRows);
    }

    /** Arrival order, every dictionary and statistic, no bloom filter. */
    public static DatasetLayout plain(CompressionCodecName codec) {
        return new DatasetLayout(codec, 0, false, Set.of(), Set.of(), Set.of(), List.of(), 0);
    }
}
