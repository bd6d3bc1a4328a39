package dev.flowlens.jobs.kit.sinks;

import java.util.List;
import java.util.Set;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * How a dataset's Parquet files are laid out: the codec; dictionaries on except for {@code noDictionary} (values
 * that rarely repeat, where a dictionary only costs its fallback); min/max statistics on except for
 * {@code noStatistics} (columns no reader filters on, where they never prune); bloom filters on {@code bloomFilters}
 * (the columns a reader looks up single values in); rows sorted within a run of at most {@code runRows} by the
 * columns {@code order} (empty: written in arrival order).
 */
public record DatasetLayout(CompressionCodecName codec, Set<String> noDictionary, Set<String> noStatistics,
        Set<String> bloomFilters, List<String> order, int runRows) {
    /** Arrival order, every dictionary and statistic, no bloom filter. */
    public static DatasetLayout plain(CompressionCodecName codec) {
        return new DatasetLayout(codec, Set.of(), Set.of(), Set.of(), List.of(), 0);
    }
}
