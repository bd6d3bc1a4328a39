package dev.flowlens.investigate;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The dataset in a local directory: {@code ROOT/dt=YYYY-MM-DD/hour=HH/*.parquet}. */
public final class LocalDataset {
    private final Path root;

    public LocalDataset(Path root) {
        this.root = root;
    }

    /**
     * Lists the partitions {@code range} may touch with their files; days and hours outside it are skipped by name,
     * their files never listed.
     */
    public Pruning prune(TimeRange range) {
        if (!Files.isDirectory(root)) {
            throw new DatasetException("the dataset '" + root + "' is not a directory: give the enriched-flow Parquet"
                    + " dataset's folder (flowlens demo writes flowlens-out/parquet) or s3://bucket/prefix", false);
        }
        List<Partition> kept = new ArrayList<>();
        List<Partition> skipped = new ArrayList<>();
        List<Path> days = children(root, "dt=");
        if (days.isEmpty()) {
            throw new DatasetException("'" + root + "' holds no dt=YYYY-MM-DD partitions: give the enriched-flow"
                    + " Parquet dataset's folder (flowlens demo writes flowlens-out/parquet)", false);
        }
        for (Path dayDir : days) {
            String day = dayDir.getFileName().toString();
            LocalDate date = Partition.day(day, root.toString());
            Instant dayStart = date == null ? null : Partition.dayStart(date);
            Partition whole = new Partition(day, dayStart, Duration.ofDays(1), List.of());
            if (!whole.overlaps(range)) {
                skipped.add(whole);
                continue;
            }
            for (Path hourDir : children(dayDir, "hour=")) {
                String hourName = hourDir.getFileName().toString();
                int hour = Partition.hour(hourName, dayDir.toString());
                if ((date == null) != (hour < 0)) {
                    throw new DatasetException("'" + day + "/" + hourName + "' in " + root + " mixes a known and an"
                            + " unknown time: is it the enriched-flow Parquet dataset (dt=YYYY-MM-DD/hour=HH)?", false);
                }
                String name = day + "/" + hourName;
                Instant start = date == null ? null : dayStart.plus(Duration.ofHours(hour));
                Partition bare = new Partition(name, start, Duration.ofHours(1), List.of());
                if (bare.overlaps(range)) {
                    kept.add(new Partition(name, start, Duration.ofHours(1), files(hourDir)));
                } else {
                    skipped.add(bare);
                }
            }
        }
        return new Pruning(root.toString(), kept, skipped);
    }

    /** Where the summary of the partition {@code name} ({@code dt=…/hour=…}) is, whether or not it exists. */
    public Path summary(String name) {
        return root.resolve(HourSummary.FOLDER).resolve(name).resolve(HourSummary.FILE);
    }

    public Path root() {
        return root;
    }

    private static List<Path> children(Path dir, String prefix) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, entry -> Files.isDirectory(entry)
                && entry.getFileName().toString().startsWith(prefix))) {
            stream.forEach(children::add);
        } catch (IOException e) {
            throw new DatasetException("cannot list '" + dir + "' (" + e.getMessage() + "): check that it is readable",
                    true, e);
        }
        children.sort(null);
        return children;
    }

    private static List<Partition.DataFile> files(Path dir) {
        List<Partition.DataFile> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, entry -> Files.isRegularFile(entry)
                && Partition.isDataFile(entry.getFileName().toString()))) {
            for (Path file : stream) {
                files.add(new Partition.DataFile(file.toString(), Files.size(file), null));
            }
        } catch (IOException e) {
            throw new DatasetException("cannot list '" + dir + "' (" + e.getMessage() + "): check that it is readable",
                    true, e);
        }
        files.sort(java.util.Comparator.comparing(Partition.DataFile::location));
        return files;
    }
}
