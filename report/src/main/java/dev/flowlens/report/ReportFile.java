package dev.flowlens.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a report to a file without ever replacing a file this command did not write: a new file, or a report of the
 * same form written by an earlier run, is replaced whole (written beside it, then moved over it, so a failed run
 * leaves the old report); any other existing file is refused.
 */
public final class ReportFile {
    private ReportFile() {}

    /** Why {@code target} may not be written, in one sentence naming the fix; {@code null} when it may. */
    public static String refusal(Path target, ReportFormat format) {
        return refusal(target, format.optionName(), "usage", format::wrote);
    }

    /** Tells a report this command wrote from any other file. */
    @FunctionalInterface
    public interface Recognizer {
        boolean wrote(Path file) throws IOException;
    }

    /** Writes a report's bytes. */
    @FunctionalInterface
    public interface Body {
        void write(Writer out) throws IOException;
    }

    /**
     * Why {@code target} may not be written as a report of form {@code form} ({@code html}) named {@code report} in
     * the example file name; {@code null} when it may: it is new, or {@code recognizer} knows it as an earlier one.
     */
    public static String refusal(Path target, String form, String report, Recognizer recognizer) {
        if (Files.isDirectory(target)) {
            return "'" + target + "' is a directory: give a file name, e.g. " + target.resolve(report + "." + form);
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return "the directory of '" + target + "' does not exist: create it first";
        }
        if (Files.exists(target)) {
            try {
                if (!Files.isRegularFile(target) || !recognizer.wrote(target)) {
                    return "'" + target + "' exists and is not a " + form + " report this command"
                            + " wrote, so it is left alone: choose another file or remove it yourself";
                }
            } catch (IOException e) {
                return "'" + target + "' exists and cannot be read to check it is an earlier report: " + e;
            }
        }
        return null;
    }

    /** Writes {@code report} to {@code target} as {@code format}; call {@link #refusal} first. */
    public static void write(UsageReport report, ReportFormat format, Path target) throws IOException {
        write(target, out -> format.write(report, out));
    }

    /** Writes {@code body} to {@code target}, replacing it whole; call {@link #refusal} first. */
    public static void write(Path target, Body body) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(parent, "." + target.getFileName() + ".", ".tmp");
        try {
            try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temporary),
                    StandardCharsets.UTF_8), 1 << 16)) {
                body.write(out);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary); // ours; gone already when the move succeeded
        }
    }
}
