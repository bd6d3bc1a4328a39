package dev.flowlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class S3ObjectKeyTest {

    @Test
    void plainLayout() {
        S3ObjectKey key = S3ObjectKey.parse("flows/AWSLogs/123456789012/vpcflowlogs/eu-west-1/2024/03/01/"
                + "123456789012_vpcflowlogs_eu-west-1_fl-0a1b2c3d_20240301T1205Z_0f1e2d3c.log.gz").orElseThrow();
        assertThat(key.prefix()).isEqualTo("flows/");
        assertThat(key.accountId()).isEqualTo("123456789012");
        assertThat(key.region()).isEqualTo("eu-west-1");
        assertThat(key.day()).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(key.hour()).isEqualTo(-1);
    }

    @Test
    void hourlyPartitionsAndHiveLayout() {
        assertThat(S3ObjectKey.parse("AWSLogs/123456789012/vpcflowlogs/us-east-1/2024/03/01/13/x.log.gz")
                .orElseThrow().hour()).isEqualTo(13);
        S3ObjectKey hive = S3ObjectKey.parse("p/AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/"
                + "aws-region=us-east-1/year=2024/month=12/day=31/hour=23/x.log.parquet").orElseThrow();
        assertThat(hive.day()).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(hive.hour()).isEqualTo(23);
        assertThat(hive.prefix()).isEqualTo("p/");
    }

    @Test
    void otherKeysAreNotFlowLogs() {
        assertThat(S3ObjectKey.parse("AWSLogs/123456789012/elasticloadbalancing/us-east-1/2024/03/01/x")).isEmpty();
        assertThat(S3ObjectKey.parse("AWSLogs/123456789012/vpcflowlogs/us-east-1/2024/02/30/x.log.gz")).isEmpty();
        assertThat(S3ObjectKey.parse("random.txt")).isEmpty();
    }

    @Test
    void dayPrefixListsOneDay() {
        assertThat(S3ObjectKey.dayPrefix("flows/", "123456789012", "eu-west-1", LocalDate.of(2024, 3, 1)))
                .isEqualTo("flows/AWSLogs/123456789012/vpcflowlogs/eu-west-1/2024/03/01/");
    }

    @Test
    void deliveryTimeFromTheFileNameElseThePartition() {
        assertThat(S3ObjectKey.deliveredAt("AWSLogs/123456789012/vpcflowlogs/us-east-1/2024/03/01/"
                + "123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20240301T1625Z_fe123456.log.gz"))
                .contains(java.time.Instant.parse("2024-03-01T16:25:00Z"));
        assertThat(S3ObjectKey.deliveredAt("AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/"
                + "aws-region=us-east-1/year=2024/month=03/day=01/hour=07/part.parquet"))
                .contains(java.time.Instant.parse("2024-03-01T07:00:00Z"));
        assertThat(S3ObjectKey.deliveredAt("AWSLogs/123456789012/vpcflowlogs/us-east-1/2024/03/01/"
                + "x_20241399T9999Z_y.log.gz")).contains(java.time.Instant.parse("2024-03-01T00:00:00Z"));
        assertThat(S3ObjectKey.deliveredAt("exports/2024/03/01/flows.log.gz")).isEmpty();
    }

    @Test
    void hiveDayPrefixListsOneDay() {
        String prefix = S3ObjectKey.hiveDayPrefix("", "123456789012", "us-east-1", LocalDate.of(2024, 3, 1));
        assertThat(S3ObjectKey.parse(prefix + "hour=07/part.parquet")).get()
                .extracting(S3ObjectKey::day).isEqualTo(LocalDate.of(2024, 3, 1));
    }
}
