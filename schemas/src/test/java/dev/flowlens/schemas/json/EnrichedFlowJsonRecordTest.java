package dev.flowlens.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowlens.schemas.FlowRecord;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The record part of the JSON form carries version 11 and transit-gateway fields under AWS's names. */
class EnrichedFlowJsonRecordTest {

    @Test
    void versionElevenAndTransitGatewayFieldsAreWrittenUnderAwsNames() throws Exception {
        FlowRecord record = new FlowRecord();
        record.version = 6;
        record.resourceType = "TransitGateway";
        record.tgwSrcVpcId = "vpc-0aaaaaaaaaaaaaaa1";
        record.tgwDstVpcAccountId = "222222222222";
        record.packetsLostBlackhole = 3L;
        record.interfaceTag2 = "prod";
        record.nextHopInterfaceId = "eni-0f1e2d3c4b5a69788";

        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            EnrichedFlowJson.writeRecord(json, record);
        }

        assertThat(text.toString()).isEqualTo("{\"version\":6,\"interface-tag-2\":\"prod\","
                + "\"next-hop-interface-id\":\"eni-0f1e2d3c4b5a69788\",\"resource-type\":\"TransitGateway\","
                + "\"tgw-dst-vpc-account-id\":\"222222222222\",\"tgw-src-vpc-id\":\"vpc-0aaaaaaaaaaaaaaa1\","
                + "\"packets-lost-blackhole\":3}");
    }
}
