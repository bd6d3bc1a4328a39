package dev.flowlens.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A {@link PrintWriter} that does not swallow failed writes as {@code PrintWriter} and {@code System.out} do: the
 * first failure (a full disk, a closed pipe) throws {@link OutputFailedException} naming the output and the cause,
 * so a command stops at once instead of reading on and exiting 0 with its output cut.
 */
final class StrictWriter extends PrintWriter {
    private final String name;
    private IOException failure;

    /** @param name what the output is, for the message ({@code standard output}) */
    StrictWriter(OutputStream stream, String name) {
        super(new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16), false);
        this.name = name;
    }

    @Override
    public void write(int c) {
        try {
            ensureWritable();
            out.write(c);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void write(char[] buf, int off, int len) {
        try {
            ensureWritable();
            out.write(buf, off, len);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void write(String s, int off, int len) {
        try {
            ensureWritable();
            out.write(s, off, len);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** {@code PrintWriter}'s own line separator bypasses {@link #write(String, int, int)} and swallows failures. */
    @Override
    public void println() {
        write(System.lineSeparator());
    }

    @Override
    public void flush() {
        try {
            ensureWritable();
            out.flush();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** Standard streams stay open: flushing is all a command may do to them. */
    @Override
    public void close() {
        flush();
    }

    @Override
    public boolean checkError() {
        if (failure == null) {
            try {
                out.flush();
            } catch (IOException e) {
                failure = e;
            }
        }
        return failure != null;
    }

    /** The failure to report, once {@link #checkError()} is true. */
    OutputFailedException failure() {
        return new OutputFailedException(name, failure);
    }

    private void ensureWritable() throws IOException {
        if (failure != null) {
            throw failure;
        }
    }

    private OutputFailedException failed(IOException e) {
        failure = e;
        return new OutputFailedException(name, e);
    }

    /** An output of the command could not be written: the run did not complete. */
    static final class OutputFailedException extends RuntimeException {
        OutputFailedException(String output, IOException cause) {
            super("cannot write to " + output + ": " + (cause.getMessage() == null ? cause : cause.getMessage()),
                    cause);
        }
    }
}
