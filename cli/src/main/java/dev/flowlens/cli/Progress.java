package dev.flowlens.cli;

import java.io.PrintWriter;
import java.util.function.DoubleConsumer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One progress line on stderr, redrawn in place, for long work on a terminal; nothing at all in logs, pipes and
 * tests, where a line per update would only be noise.
 */
final class Progress {
    private static final String CLEAR_TO_END = "\u001b[K";

    private final PrintWriter err;
    private final boolean terminal;
    private final String command;
    private boolean shown;

    Progress(PrintWriter err, boolean terminal, String command) {
        this.err = err;
        this.terminal = terminal;
        this.command = command;
    }

    /** On stderr when the command runs on a terminal, as {@code flowlens generate} has always shown it. */
    static Progress of(CommandSpec spec) {
        return new Progress(spec.commandLine().getErr(), System.console() != null, spec.qualifiedName());
    }

    boolean visible() {
        return terminal;
    }

    synchronized void show(String text) {
        if (terminal) {
            err.print("\r" + command + ": " + text + CLEAR_TO_END);
            err.flush();
            shown = true;
        }
    }

    /** A listener of a share done (0 to 1), showing {@code label} and the percentage each time it changes. */
    DoubleConsumer percent(String label) {
        int[] shown = {-1};
        return done -> {
            int percent = (int) (done * 100);
            if (percent != shown[0]) {
                shown[0] = percent;
                show(String.format("%s %3d%%", label, percent));
            }
        };
    }

    /** Removes the line, before the command prints what it found. */
    synchronized void clear() {
        if (shown) {
            err.print("\r" + CLEAR_TO_END);
            err.flush();
            shown = false;
        }
    }
}
