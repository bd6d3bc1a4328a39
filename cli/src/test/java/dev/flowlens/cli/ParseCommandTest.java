package dev.flowlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCommandTest {
    private static final String ROW = "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20"
            + " 4249 1418530010 1418530070 ACCEPT OK";

    @TempDir
    Path dir;

    @Test
    void printsOneJsonObjectPerRecordKeyedByAwsNames() throws IOException {
        Cli.Run run = Cli.run(ROW + "\n2 123456789010 eni-1 - - - - - - - 1431280876 1431280934 - NODATA\n", "parse");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).hasSize(2);
        JsonNode first = run.out().get(0);
        assertThat(first.get("account-id").isTextual()).isTrue();
        assertThat(first.get("account-id").asText()).isEqualTo("123456789010");
        assertThat(first.get("srcport").isInt()).isTrue();
        assertThat(first.get("bytes").asLong()).isEqualTo(4249);
        assertThat(first.get("log-status").asText()).isEqualTo("OK");
        JsonNode noData = run.out().get(1);
        assertThat(noData.get("srcaddr").isNull()).isTrue();
        assertThat(noData.get("packets").isNull()).isTrue();
        assertThat(noData.has("vpc-id")).isFalse(); // only the format's fields, unless --all-fields
    }

    @Test
    void deadLettersGoToStderrWithErrorAndLineAndExitCodeIsOne() throws IOException {
        Cli.Run run = Cli.run(ROW + "\nbroken line\n" + ROW + "\n", "parse");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).hasSize(2);
        assertThat(run.err()).singleElement().satisfies(letter -> {
            assertThat(letter.get("error").asText()).contains("expected 14 fields, found 2");
            assertThat(letter.get("line").asInt()).isEqualTo(2);
            assertThat(letter.get("reason").asText()).isEqualTo("FIELD_COUNT");
            assertThat(letter.get("raw").asText()).isEqualTo("broken line");
        });
    }

    @Test
    void gzippedS3ObjectWithHeaderFromAFile() throws IOException {
        Path file = dir.resolve("object.log.gz");
        try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(file))) {
            gz.write(("srcaddr dstaddr bytes pkt-dst-aws-service\n10.0.0.1 52.95.1.1 1000 S3\n")
                    .getBytes(StandardCharsets.UTF_8));
        }

        Cli.Run run = Cli.run("", "parse", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).singleElement().satisfies(record -> {
            assertThat(record.get("pkt-dst-aws-service").asText()).isEqualTo("S3");
            assertThat(record.get("bytes").asLong()).isEqualTo(1000);
            assertThat(record.size()).isEqualTo(4);
        });
    }

    @Test
    void transitGatewayObjectWithAwsDefaultHeaderAndVersionElevenFields() throws IOException {
        Path file = dir.resolve("tgw.log.gz");
        try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(file))) {
            gz.write(("version resource-type account-id tgw-id tgw-attachment-id tgw-src-vpc-account-id"
                    + " tgw-dst-vpc-account-id tgw-src-vpc-id tgw-dst-vpc-id tgw-src-subnet-id tgw-dst-subnet-id"
                    + " tgw-src-eni tgw-dst-eni tgw-src-az-id tgw-dst-az-id tgw-pair-attachment-id srcaddr dstaddr"
                    + " srcport dstport protocol packets bytes start end log-status type packets-lost-no-route"
                    + " packets-lost-blackhole packets-lost-mtu-exceeded packets-lost-ttl-expired tcp-flags region"
                    + " flow-direction pkt-src-aws-service pkt-dst-aws-service\n"
                    + "6 TransitGateway 123456789010 tgw-0123456789abcdef0 tgw-attach-0aaaaaaaaaaaaaaa1 111111111111"
                    + " 222222222222 vpc-0aaaaaaaaaaaaaaa1 vpc-0bbbbbbbbbbbbbbb2 subnet-0aaaaaaaaaaaaaaa1"
                    + " subnet-0bbbbbbbbbbbbbbb2 eni-0aaaaaaaaaaaaaaa1 eni-0bbbbbbbbbbbbbbb2 use1-az1 use1-az2"
                    + " tgw-attach-0bbbbbbbbbbbbbbb2 ::ffff:10.0.1.5 10.0.2.7 49152 443 6 10 1500 1700000000"
                    + " 1700000060 OK IPv4 0 2 0 0 19 us-east-1 ingress - -\n").getBytes(StandardCharsets.UTF_8));
        }

        Cli.Run tgw = Cli.run("", "parse", file.toString());
        Cli.Run v11 = Cli.run("11 eni-0a1b2c3d4e5f60718 checkout eni-0f1e2d3c4b5a69788 -\n", "parse", "--format",
                "${version} ${interface-id} ${interface-tag} ${next-hop-interface-id} ${interface-type}");

        assertThat(tgw.exitCode()).isZero();
        assertThat(tgw.err()).isEmpty();
        assertThat(tgw.out()).singleElement().satisfies(record -> {
            assertThat(record.get("resource-type").asText()).isEqualTo("TransitGateway");
            assertThat(record.get("tgw-src-vpc-id").asText()).isEqualTo("vpc-0aaaaaaaaaaaaaaa1");
            assertThat(record.get("tgw-dst-vpc-account-id").asText()).isEqualTo("222222222222");
            assertThat(record.get("packets-lost-blackhole").isIntegralNumber()).isTrue();
            assertThat(record.get("packets-lost-blackhole").asLong()).isEqualTo(2);
            assertThat(record.get("srcaddr").asText()).as("IPv4-mapped IPv6 as IPv4").isEqualTo("10.0.1.5");
            assertThat(record.size()).isEqualTo(36);
        });
        assertThat(v11.exitCode()).isZero();
        assertThat(v11.out()).singleElement().satisfies(record -> {
            assertThat(record.get("interface-tag").asText()).isEqualTo("checkout");
            assertThat(record.get("next-hop-interface-id").asText()).isEqualTo("eni-0f1e2d3c4b5a69788");
            assertThat(record.get("interface-type").isNull()).isTrue();
        });
    }

    @Test
    void customFormatAndAllFields() throws IOException {
        Cli.Run run = Cli.run("10.0.0.1 443\n", "parse", "--format", "${srcaddr} ${dstport}", "--all-fields");

        assertThat(run.exitCode()).isZero();
        JsonNode record = run.out().get(0);
        assertThat(record.get("dstport").asInt()).isEqualTo(443);
        assertThat(record.has("ecs-task-arn")).isTrue();
        assertThat(record.get("ecs-task-arn").isNull()).isTrue();
    }

    @Test
    void usageErrorsExitTwoWithOneLine() throws IOException {
        Cli.Run badFormat = Cli.run("", "parse", "--format", "${nope}");
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.errText().strip()).isEqualTo("flowlens parse: --format: unknown flow-log field 'nope'");

        Cli.Run missing = Cli.run("", "parse", dir.resolve("absent.log").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errText().strip()).contains("no such file").doesNotContain("\n");

        Cli.Run notANumber = Cli.run("", "parse", "--max-line-bytes", "lots");
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.errText()).isEqualTo("flowlens parse: --max-line-bytes: expected a whole number, not"
                + " 'lots' (see 'flowlens parse --help')\n");
        Cli.Run unknown = Cli.run("", "parse", "--bogus");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errText()).isEqualTo("flowlens parse: Unknown option: '--bogus' (see 'flowlens parse"
                + " --help')\n");
        assertThat(Cli.run("").exitCode()).isEqualTo(2);
    }

    /** A full disk after a few lines: the run ends with exit 3 and one line naming stdout and the cause. */
    @Test
    void aFailedWriteToStdoutEndsTheRunWithExitThree() {
        Cli.Run run = Cli.run(new Cli.FullDisk(1000), (ROW + "\n").repeat(10_000), "parse", "--summary");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.errText()).isEqualTo("flowlens parse: cannot write to standard output: No space left on"
                + " device\n"); // and no summary claiming every record
    }

    @Test
    void summaryReconcilesCounts() throws IOException {
        Cli.Run run = Cli.run("version srcaddr\n2 10.0.0.1\n2 nope\n", "parse", "--summary");
        JsonNode summary = run.err().get(run.err().size() - 1);
        assertThat(summary.get("lines").asLong()).isEqualTo(3);
        assertThat(summary.get("headers").asLong()).isEqualTo(1);
        assertThat(summary.get("records").asLong()).isEqualTo(1);
        assertThat(summary.get("dead-letters").asLong()).isEqualTo(1);
    }

}
