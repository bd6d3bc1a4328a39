package dev.flowlens.cli;

import dev.flowlens.report.Period;
import dev.flowlens.report.ReportFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Function;

/** What the report commands share: their period's options, a named choice, and writing to --out or stdout. */
final class ReportOptions {
    private ReportOptions() {}

    /** The period's bounds as the data has them, or null when the data has none. */
    interface DataSpan<E extends Exception> {
        Period get() throws E;
    }

    /**
     * The period of {@code --from}/{@code --until}; a bound not given comes from {@code dataSpan}, which is asked
     * only then. {@code noSpan} is the usage error when it has none.
     */
    static <E extends Exception> Period period(String from, String until, DataSpan<E> dataSpan, String noSpan)
            throws E {
        Long start = time("--from", from);
        Long end = time("--until", until);
        if (start == null || end == null) {
            Period span = dataSpan.get();
            if (span == null) {
                throw new Flowlens.UsageException(noSpan);
            }
            start = start == null ? span.start() : start;
            end = end == null ? span.end() : end;
        }
        if (end <= start) {
            throw new Flowlens.UsageException("--until must be after --from (the period is [from, until))");
        }
        return new Period(start, end);
    }

    private static Long time(String option, String text) {
        try {
            return text == null ? null : Period.parseTime(text);
        } catch (IllegalArgumentException e) {
            throw new Flowlens.UsageException(option + ": " + e.getMessage());
        }
    }

    /** The one of {@code choices} whose {@code name} is {@code given}; else a usage error listing them. */
    static <T> T choice(String option, String given, T[] choices, Function<T, String> name) {
        for (T candidate : choices) {
            if (name.apply(candidate).equals(given)) {
                return candidate;
            }
        }
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < choices.length; i++) {
            expected.append(i == 0 ? "" : i == choices.length - 1 ? " or " : ", ").append(name.apply(choices[i]));
        }
        throw new Flowlens.UsageException(option + " '" + given + "': expected " + expected);
    }

    /** Writes the report to standard output, or to {@code out} by {@link ReportFile}'s rule (exit 3 on failure). */
    static void write(Path out, PrintWriter stdout, ReportFile.Body body) {
        try {
            if (out == null) {
                body.write(stdout);
                stdout.flush();
            } else {
                ReportFile.write(out, body);
            }
        } catch (IOException e) {
            throw new ReportCommand.ReportNotWritten("cannot write " + (out == null ? "standard output"
                    : "--out '" + out + "'") + ": " + e.getMessage(), e);
        }
    }
}
