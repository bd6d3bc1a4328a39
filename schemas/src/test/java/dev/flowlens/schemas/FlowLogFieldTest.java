package dev.flowlens.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FlowLogFieldTest {

    @Test
    void namesResolveBothSpellings() {
        assertThat(FlowLogField.byName("pkt-src-aws-service")).isEqualTo(FlowLogField.PKT_SRC_AWS_SERVICE);
        assertThat(FlowLogField.byName("pkt_src_aws_service")).isEqualTo(FlowLogField.PKT_SRC_AWS_SERVICE);
        assertThat(FlowLogField.byName("tgw_src_vpc_id")).isEqualTo(FlowLogField.TGW_SRC_VPC_ID);
        assertThat(FlowLogField.byName("next_hop_interface_id")).isEqualTo(FlowLogField.NEXT_HOP_INTERFACE_ID);
        assertThat(FlowLogField.byName("tgw-eni")).isNull();
    }

    @Test
    void versionElevenAndTransitGatewayFieldsHaveAwsVersions() {
        assertThat(Arrays.stream(FlowLogField.values()).filter(f -> f.version() == 11).map(FlowLogField::awsName))
                .containsExactly("instance-tag", "instance-tag-2", "interface-tag", "interface-tag-2", "asg-tag",
                        "asg-tag-2", "interface-type", "next-hop-interface-id", "next-hop-subnet-id",
                        "next-hop-az-id", "next-hop-vpc-id", "next-hop-interface-type");
        assertThat(Arrays.stream(FlowLogField.values()).filter(f -> f.version() == 6).map(FlowLogField::awsName))
                .containsExactly("resource-type", "tgw-id", "tgw-attachment-id", "tgw-src-vpc-account-id",
                        "tgw-dst-vpc-account-id", "tgw-src-vpc-id", "tgw-dst-vpc-id", "tgw-src-subnet-id",
                        "tgw-dst-subnet-id", "tgw-src-eni", "tgw-dst-eni", "tgw-src-az-id", "tgw-dst-az-id",
                        "tgw-pair-attachment-id", "packets-lost-no-route", "packets-lost-blackhole",
                        "packets-lost-mtu-exceeded", "packets-lost-ttl-expired");
        assertThat(FlowLogField.PACKETS_LOST_BLACKHOLE.type()).isEqualTo(FlowLogField.Type.LONG);
        assertThat(FlowLogField.TRANSIT_GATEWAY_DEFAULT_FORMAT).hasSize(36)
                .allMatch(f -> f.version() <= 6).doesNotContain(FlowLogField.INTERFACE_ID, FlowLogField.ACTION);
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
