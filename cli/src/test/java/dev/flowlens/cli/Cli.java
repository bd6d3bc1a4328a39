package dev.flowlens.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the command line in-process with given stdin, capturing stdout and stderr. */
final class Cli {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What a run printed and returned; {@code out} and {@code err} also as JSON lines. */
    record Run(int exitCode, String outText, String errText) {
        List<JsonNode> out() {
            return jsonLines(outText);
        }

        List<JsonNode> err() {
            return jsonLines(errText);
        }
    }

    private Cli() {}

    static Run run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Flowlens.commandLine(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /**
     * Runs with stdout written to {@code stdout} and stderr captured, both as bytes through the streams the real
     * command line writes its file descriptors with.
     */
    static Run run(OutputStream stdout, String stdin, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine commandLine = Flowlens.commandLine(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), stdout, err);
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, "", err.toString(StandardCharsets.UTF_8));
    }

    /** A device that takes {@code capacity} bytes, then fails every write as a full disk does. */
    static final class FullDisk extends OutputStream {
        private long free;

        FullDisk(long capacity) {
            this.free = capacity;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > free) {
                free = 0;
                throw new IOException("No space left on device");
            }
            free -= len;
        }
    }

    /** Every line that is a JSON object. */
    static List<JsonNode> jsonLines(String text) {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("{")) {
                try {
                    nodes.add(MAPPER.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return nodes;
    }
}
