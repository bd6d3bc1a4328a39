package dev.flowlens.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A form a report is written in (the enums {@link ReportFormat}, {@link CapacityFormat}) that can tell a file it
 * wrote from any other by the file's first bytes: only such a file may be replaced.
 */
public interface RecognizedForm {
    /** How many bytes of a file {@link #wroteIt} looks at. */
    int HEAD = 512;

    /** Whether a file starting with {@code head} is one this form wrote. */
    boolean wroteIt(String head);

    /** The enum constant's name. */
    String name();

    /** Whether {@code file} is a report of this form written by this command. */
    default boolean wrote(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return wrote(in);
        }
    }

    /** Whether the file {@code in} reads from its start (any file system's) is a report of this form. */
    default boolean wrote(InputStream in) throws IOException {
        return wroteIt(new String(in.readNBytes(HEAD), StandardCharsets.UTF_8));
    }

    /** The option value, {@code html}. */
    default String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
