package dev.flowlens.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.flowlens.schemas.DeadLetter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** JSON-lines output of the commands: one object per line, and the dead-letter form every command shares. */
final class JsonLines {
    /** Generators must not close stdout and stderr: the command line writes to them after. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private JsonLines() {}

    /** A generator writing one root value per line to {@code writer}. */
    static JsonGenerator open(PrintWriter writer) throws IOException {
        return JSON.createGenerator(writer).setRootValueSeparator(new SerializedString("\n"));
    }

    /** Ends the last line, if anything was written, and flushes. */
    static void finish(JsonGenerator json) throws IOException {
        if (json.getOutputContext().getEntryCount() > 0) {
            json.writeRaw('\n');
        }
        json.close();
    }

    /** A dead letter: {@code error}, {@code reason}, {@code line}, {@code origin}, {@code raw}. */
    static void deadLetter(JsonGenerator json, DeadLetter letter) {
        try {
            json.writeStartObject();
            json.writeStringField("error", letter.message);
            json.writeStringField("reason", letter.reason.name());
            if (letter.origin.line == null) {
                json.writeNullField("line");
            } else {
                json.writeNumberField("line", letter.origin.line);
            }
            json.writeStringField("origin", letter.origin.toString());
            json.writeStringField("raw", letter.raw);
            if (letter.isRawTruncated()) {
                json.writeNumberField("raw-length", letter.rawLength);
            }
            json.writeEndObject();
            json.flush(); // interleave sensibly with stdout when both go to a terminal
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
