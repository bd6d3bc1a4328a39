package dev.flowlens.investigate;

import java.util.List;

/**
 * Which partitions of a dataset an investigation reads: those its time range may touch are kept, the others skipped
 * by their {@code dt=}/{@code hour=} names without reading a byte of them.
 *
 * @param dataset the dataset's location as given
 * @param kept the partitions read, with their files
 * @param skipped the partitions pruned (a whole {@code dt=} day counts once, and is not listed further)
 */
public record Pruning(String dataset, List<Partition> kept, List<Partition> skipped) {
    public Pruning {
        kept = List.copyOf(kept);
        skipped = List.copyOf(skipped);
    }

    public List<Partition.DataFile> files() {
        return kept.stream().flatMap(partition -> partition.files().stream()).toList();
    }

    public long bytes() {
        return kept.stream().mapToLong(Partition::bytes).sum();
    }
}
