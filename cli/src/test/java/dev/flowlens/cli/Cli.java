package dev.flowlens.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
