package dev.flowlens.schemas.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;
import java.util.List;

/** How the JSON forms write lists of strings, one way for flows and alerts alike. */
final class JsonLists {
    private JsonLists() {}

    /** {@code field} as an array of {@code values}; an absent list is written empty. */
    static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        if (values != null) {
            for (String value : values) {
                json.writeString(value);
            }
        }
        json.writeEndArray();
    }

    /** As {@link #strings(JsonGenerator, String, List)}, the name already encoded (the same bytes). */
    static void strings(JsonGenerator json, SerializableString field, List<String> values) throws IOException {
        json.writeFieldName(field);
        json.writeStartArray();
        if (values != null) {
            for (String value : values) {
                json.writeString(value);
            }
        }
        json.writeEndArray();
    }

    /** As {@link #stringsOrUnknown(JsonGenerator, String, List)}, the name already encoded (the same bytes). */
    static void stringsOrUnknown(JsonGenerator json, SerializableString field, List<String> values)
            throws IOException {
        if (values == null) {
            json.writeFieldName(field);
            json.writeNull();
        } else {
            strings(json, field, values);
        }
    }

    /** {@code field} as an array, or {@code null} when no source knows it ({@code []} would claim "none"). */
    static void stringsOrUnknown(JsonGenerator json, String field, List<String> values) throws IOException {
        if (values == null) {
            json.writeNullField(field);
        } else {
            strings(json, field, values);
        }
    }
}
