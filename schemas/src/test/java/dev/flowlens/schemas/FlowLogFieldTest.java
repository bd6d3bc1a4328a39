package dev.flowlens.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FlowLogFieldTest {

    @Test
    void namesResolveBothSpellings() {
        assertThat(FlowLogField.byName("pkt-src-aws-service")).isEqualTo(FlowLogField.PKT_SRC_AWS_SERVICE);
        assertThat(FlowLogField.byName("pkt_src_aws_service")).isEqualTo(FlowLogField.PKT_SRC_AWS_SERVICE);
        assertThat(FlowLogField.byName("tgw-id")).isNull();
    }

    @Test
    void everyFieldRoundTripsThroughGetAndSet() {
        FlowRecord record = new FlowRecord();
        for (FlowLogField field : FlowLogField.values()) {
            Object value = sample(field);
            field.set(record, value);
            assertThat(field.get(record)).as(field.awsName()).isEqualTo(value);
        }
        // and every field is distinct storage: the last write did not clobber an earlier one
        for (FlowLogField field : FlowLogField.values()) {
            assertThat(field.get(record)).as(field.awsName()).isEqualTo(sample(field));
        }
    }

    @Test
    void defaultFormatIsTheFourteenVersionTwoFields() {
        assertThat(FlowLogField.DEFAULT_FORMAT).hasSize(14).allMatch(f -> f.version() == 2);
        assertThat(Arrays.stream(FlowLogField.values()).filter(f -> f.version() == 2)).hasSize(14);
    }

    private static Object sample(FlowLogField field) {
        switch (field.type()) {
            case INT: return field.ordinal() + 1;
            case LONG:
            case TIMESTAMP: return 10_000_000_000L + field.ordinal();
            default: return "v-" + field.awsName();
        }
    }
}
