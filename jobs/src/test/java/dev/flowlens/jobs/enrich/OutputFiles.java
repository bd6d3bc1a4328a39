package dev.flowlens.jobs.enrich;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads what a job's file sinks committed: visible files only (in-progress ones are hidden, named {@code .part-}). */
public final class OutputFiles {
    private OutputFiles() {}

    /** Every line of the committed files under {@code root} (none when it does not exist yet). */
    public static List<String> lines(Path root) throws IOException {
        while (true) {
            try {
                return linesOnce(root);
            } catch (NoSuchFileException | UncheckedIOException e) {
                // a running job renamed a file while we listed: list again
            }
        }
    }

    /** As {@link #lines}, polled until there are {@code expected} lines or {@code timeout} passed. */
    public static List<String> awaitLines(Path root, long expected, Duration timeout) throws Exception {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        List<String> lines = lines(root);
        while (lines.size() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(300);
            lines = lines(root);
        }
        return lines;
    }

    private static List<String> linesOnce(Path root) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.exists(root)) {
            return lines;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                if (!file.getFileName().toString().startsWith(".")) {
                    lines.addAll(Files.readAllLines(file));
                }
            }
        }
        return lines;
    }

    /** Committed Parquet rows, counted by DuckDB, polled until {@code expected} (committers run after checkpoints). */
    public static long awaitParquetRows(Path dataset, long expected, Duration timeout) throws Exception {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        long rows = 0;
        while (System.currentTimeMillis() < deadline) {
            try (Stream<Path> walk = Files.walk(dataset)) {
                if (walk.anyMatch(p -> p.toString().endsWith(".parquet"))) {
                    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                            Statement sql = duckdb.createStatement();
                            ResultSet result = sql.executeQuery("select count(*) from read_parquet('"
                                    + dataset + "/**/*.parquet')")) {
                        result.next();
                        rows = result.getLong(1);
                    }
                }
            }
            if (rows >= expected) {
                return rows;
            }
            Thread.sleep(300);
        }
        return rows;
    }
}
