package dev.flowlens.enrich.peer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Where threat lists are read from. A load is conditional: when the location's version (modification time and
 * size, an S3 ETag) is still the one last read, nothing is read, so an unchanged list costs one stat or HEAD.
 */
@FunctionalInterface
public interface ThreatListSource {
    /** The text of a list and the version it was read at. */
    record Content(String version, List<String> lines) {}

    /**
     * Reads the list at {@code location} unless its version is {@code knownVersion}.
     *
     * @param knownVersion the version last read, {@code null} to read in any case
     * @return its lines and version, or {@code null} when its version is {@code knownVersion}
     * @throws IOException naming the location when it cannot be read
     */
    Content load(String location, String knownVersion) throws IOException;

    /** Local files; the version is the modification time and size. */
    static ThreatListSource files() {
        return (location, knownVersion) -> {
            Path file = Path.of(location);
            try {
                String version = fileVersion(file);
                if (version.equals(knownVersion)) {
                    return null;
                }
                return new Content(version, Files.readAllLines(file));
            } catch (NoSuchFileException e) {
                throw new IOException("no such file '" + location + "'", e);
            }
        };
    }

    private static String fileVersion(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return attributes.lastModifiedTime().toMillis() + "/" + attributes.size();
    }
}
