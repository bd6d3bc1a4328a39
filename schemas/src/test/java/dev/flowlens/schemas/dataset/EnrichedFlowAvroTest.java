package dev.flowlens.schemas.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EnrichedFlowAvroTest {
    private static final Path COMMITTED = Path.of("enriched-flow.avsc");

    /** Consumers take the schema from the file: it must be the one the sink writes with. */
    @Test
    void theCommittedSchemaFileIsTheGeneratedSchema() throws Exception {
        assertThat(Files.readString(COMMITTED))
                .as("schemas/enriched-flow.avsc is stale: write EnrichedFlowAvro.schema() to it")
                .isEqualTo(EnrichedFlowAvro.schema());
    }

    @Test
    void oneOptionalFieldPerDatasetColumnInOrderUnderItsName() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(EnrichedFlowAvro.schema());
        assertThat(schema.path("type").asText()).isEqualTo("record");
        JsonNode fields = schema.path("fields");
        assertThat(fields).hasSize(EnrichedFlowColumns.ALL.size());
        for (int i = 0; i < fields.size(); i++) {
            EnrichedFlowColumn column = EnrichedFlowColumns.ALL.get(i);
            JsonNode field = fields.get(i);
            assertThat(field.path("name").asText()).isEqualTo(column.name());
            assertThat(field.path("name").asText()).as("an Avro name").matches("[A-Za-z_][A-Za-z0-9_]*");
            assertThat(field.path("type").get(0).asText()).isEqualTo("null");
            assertThat(field.path("default").isNull()).isTrue();
            JsonNode type = field.path("type").get(1);
            if (column.type() == ColumnType.STRING_LIST) {
                assertThat(type.path("type").asText()).isEqualTo("array");
                assertThat(type.path("items").asText()).isEqualTo("string");
            } else {
                assertThat(type.asText()).isEqualTo(EnrichedFlowAvro.avroType(column.type()));
            }
        }
    }
}
