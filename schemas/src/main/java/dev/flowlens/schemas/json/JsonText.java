package dev.flowlens.schemas.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;

/** One value as one line of JSON, for the forms' {@code toJson}. */
final class JsonText {
    /** A form's writer of one value. */
    interface Writer<T> {
        void write(JsonGenerator json, T value) throws IOException;
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonText() {}

    static <T> String of(T value, Writer<T> writer) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            writer.write(json, value);
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string cannot fail", e);
        }
        return text.toString();
    }
}
