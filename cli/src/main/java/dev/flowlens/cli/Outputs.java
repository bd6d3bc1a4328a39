package dev.flowlens.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Output directories of the commands, checked before any work so a mistake costs no time and leaves nothing. */
final class Outputs {
    private Outputs() {}

    /** Creates {@code dir} with its parents, or throws a usage error naming {@code option} and why it cannot be. */
    static Path directory(String option, Path dir) {
        for (Path existing = dir; existing != null; existing = existing.getParent()) {
            if (Files.exists(existing)) {
                if (!Files.isDirectory(existing)) {
                    throw new Flowlens.UsageException(option + " '" + dir + "': cannot create the directory: '"
                            + existing + "' is a file");
                }
                break;
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new Flowlens.UsageException(option + " '" + dir + "': cannot create the directory: " + e);
        }
        if (!Files.isWritable(dir)) {
            throw new Flowlens.UsageException(option + " '" + dir + "': the directory is not writable");
        }
        return dir;
    }
}
