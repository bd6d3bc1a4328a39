package dev.flowlens.investigate;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A bounded local copy of S3 objects, so DuckDB reads local files (its S3 extension would be downloaded at run time).
 * Objects live at {@code DIR/BUCKET/KEY}; the manifest {@code DIR/.flowlens-cache} lists every file the cache wrote,
 * with the object's ETag and size, and only those are ever replaced or evicted (least recently used first) to keep
 * the total within the bound. A file in the way that the manifest does not list is refused, never overwritten.
 */
public final class S3Cache {
    static final String MANIFEST = ".flowlens-cache";
    private static final String LOCK = ".flowlens-cache.lock";

    private final Path dir;
    private final long maxBytes;

    /** What a fetch did: the local copies, in the order asked, and how much came from S3. */
    public record Fetched(List<Path> files, int downloaded, long downloadedBytes, int reused, int evicted) {}

    private record Entry(String etag, long bytes) {}

    public S3Cache(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
    }

    public Path dir() {
        return dir;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Local copies of {@code files} (keys of {@code bucket}), downloading those the cache lacks or holds in another
     * version; {@code progress} hears the bytes downloaded so far.
     */
    public Fetched fetch(S3Client s3, String bucket, List<Partition.DataFile> files, LongConsumer progress) {
        long needed = files.stream().mapToLong(Partition.DataFile::bytes).sum();
        if (needed > maxBytes) {
            throw new DatasetException(String.format("the %,d objects of the partitions kept hold %,d bytes, more than"
                    + " the cache's bound of %,d (--cache-size): narrow --from/--until or raise --cache-size",
                    files.size(), needed, maxBytes), false);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DatasetException("cannot create the cache folder '" + dir + "' (" + e.getMessage()
                    + "): choose a writable one with --cache", false, e);
        }
        try (FileChannel lockFile = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            return fetchLocked(s3, bucket, files, progress);
        } catch (IOException e) {
            throw new DatasetException("cannot use the cache folder '" + dir + "' (" + e.getMessage()
                    + "): choose a writable one with --cache", true, e);
        }
    }

    private Fetched fetchLocked(S3Client s3, String bucket, List<Partition.DataFile> files, LongConsumer progress)
            throws IOException {
        Map<String, Entry> manifest = readManifest();
        List<Path> local = new ArrayList<>();
        List<Partition.DataFile> missing = new ArrayList<>();
        Set<String> wanted = new HashSet<>();
        int reused = 0;
        for (Partition.DataFile file : files) {
            String relative = relative(bucket, file.location());
            wanted.add(relative);
            Path path = dir.resolve(relative);
            local.add(path);
            Entry entry = manifest.get(relative);
            if (entry != null && entry.bytes() == file.bytes() && java.util.Objects.equals(entry.etag(), file.etag())
                    && Files.isRegularFile(path) && Files.size(path) == file.bytes()) {
                Files.setLastModifiedTime(path, FileTime.from(Instant.now())); // recently used
                reused++;
            } else {
                if (entry == null && Files.exists(path)) {
                    throw new DatasetException("'" + path + "' is in the cache folder but the cache did not write it:"
                            + " remove it, or choose another folder with --cache", false);
                }
                missing.add(file);
            }
        }
        long missingBytes = missing.stream().mapToLong(Partition.DataFile::bytes).sum();
        int evicted = evict(manifest, wanted, missingBytes);
        long done = 0;
        for (Partition.DataFile file : missing) {
            String relative = relative(bucket, file.location());
            Path path = dir.resolve(relative);
            Files.createDirectories(path.getParent());
            Path part = path.resolveSibling(path.getFileName() + ".part");
            String partRelative = relative + ".part";
            if (Files.exists(part) && !manifest.containsKey(partRelative)) {
                throw new DatasetException("'" + part + "' is in the cache folder but the cache did not write it:"
                        + " remove it, or choose another folder with --cache", false);
            }
            // the download is listed before it starts, so one a crash left unfinished is the cache's to remove
            Files.deleteIfExists(part);
            manifest.put(partRelative, new Entry(null, 0));
            writeManifest(manifest);
            try {
                s3.getObject(b -> b.bucket(bucket).key(file.location()), part);
            } catch (S3Exception e) {
                Files.deleteIfExists(part);
                throw new DatasetException("cannot download 's3://" + bucket + "/" + file.location() + "': "
                        + e.awsErrorDetails().errorMessage() + " (HTTP " + e.statusCode() + ")", true, e);
            } catch (SdkClientException e) {
                Files.deleteIfExists(part);
                throw new DatasetException("cannot download 's3://" + bucket + "/" + file.location() + "': "
                        + e.getMessage(), true, e);
            }
            if (Files.size(part) != file.bytes()) {
                long size = Files.size(part);
                Files.delete(part);
                throw new DatasetException(String.format("'s3://%s/%s' came as %,d bytes where the listing said %,d:"
                        + " was it rewritten meanwhile? Run the investigation again", bucket, file.location(), size,
                        file.bytes()), true);
            }
            // in the manifest before it is in place, so a crash between the two leaves nothing unowned
            manifest.put(relative, new Entry(file.etag(), file.bytes()));
            writeManifest(manifest);
            try {
                Files.move(part, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, path, StandardCopyOption.REPLACE_EXISTING);
            }
            manifest.remove(partRelative);
            writeManifest(manifest);
            done += file.bytes();
            progress.accept(done);
        }
        return new Fetched(local, missing.size(), missingBytes, reused, evicted);
    }

    /** Removes the least recently used files the cache wrote, other than {@code wanted}, until {@code room} fits. */
    private int evict(Map<String, Entry> manifest, Set<String> wanted, long room) throws IOException {
        long held = manifest.values().stream().mapToLong(Entry::bytes).sum();
        if (held + room <= maxBytes) {
            return 0;
        }
        List<String> candidates = new ArrayList<>();
        Map<String, Long> used = new LinkedHashMap<>();
        for (String relative : manifest.keySet()) {
            if (!wanted.contains(relative)) {
                Path path = dir.resolve(relative);
                candidates.add(relative);
                used.put(relative, Files.exists(path) ? Files.getLastModifiedTime(path).toMillis() : 0L);
            }
        }
        candidates.sort(Comparator.comparing(used::get));
        int evicted = 0;
        for (String relative : candidates) {
            if (held + room <= maxBytes) {
                break;
            }
            Files.deleteIfExists(dir.resolve(relative));
            held -= manifest.remove(relative).bytes();
            evicted++;
        }
        writeManifest(manifest);
        return evicted;
    }

    private static String relative(String bucket, String key) {
        String relative = bucket + "/" + key;
        if (relative.contains("/../") || relative.endsWith("/..") || relative.contains("//")
                || relative.contains("\\") || relative.endsWith(".part")) {
            throw new DatasetException("the object key '" + key + "' cannot be cached as a file: rename it", false);
        }
        return relative;
    }

    private Map<String, Entry> readManifest() throws IOException {
        Map<String, Entry> manifest = new LinkedHashMap<>();
        Path file = dir.resolve(MANIFEST);
        if (!Files.exists(file)) {
            return manifest;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t", -1);
            if (fields.length == 3) {
                try {
                    manifest.put(fields[0], new Entry(fields[1].isEmpty() ? null : fields[1],
                            Long.parseLong(fields[2])));
                    continue;
                } catch (NumberFormatException e) {
                    // fall through to the error
                }
            }
            if (!line.isBlank()) {
                throw new DatasetException("the cache manifest '" + file + "' has a line this version cannot read:"
                        + " choose another folder with --cache", false);
            }
        }
        return manifest;
    }

    private void writeManifest(Map<String, Entry> manifest) throws IOException {
        StringBuilder text = new StringBuilder();
        manifest.forEach((relative, entry) -> text.append(relative).append('\t')
                .append(entry.etag() == null ? "" : entry.etag()).append('\t').append(entry.bytes()).append('\n'));
        Path temp = dir.resolve(MANIFEST + ".new");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, dir.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
