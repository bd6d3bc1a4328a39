package dev.flowlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.schemas.DeadLetterReason;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet objects shaped like AWS's delivery: underscore column names, INT_32/INT_64/STRING, nulls for absent. */
class ParquetFlowLogReaderTest {
    private static final MessageType AWS_SCHEMA = MessageTypeParser.parseMessageType("message flow_log {"
            + " optional int32 version; optional binary account_id (STRING); optional binary interface_id (STRING);"
            + " optional binary srcaddr (STRING); optional binary dstaddr (STRING); optional int32 srcport;"
            + " optional int32 dstport; optional int32 protocol; optional int64 packets; optional int64 bytes;"
            + " optional int64 start; optional int64 end; optional binary action (STRING);"
            + " optional binary log_status (STRING); optional binary pkt_src_aws_service (STRING);"
            + " optional binary ecs_task_id (STRING); }");

    @TempDir
    Path dir;

    @Test
    void readsAwsShapedParquetWithNullsAsAbsent() throws IOException {
        Path file = dir.resolve("flows.parquet");
        try (ParquetWriter<Group> writer = writer(file, AWS_SCHEMA)) {
            SimpleGroupFactory rows = new SimpleGroupFactory(AWS_SCHEMA);
            writer.write(rows.newGroup().append("version", 7).append("account_id", "012345678901")
                    .append("interface_id", "eni-0a1b").append("srcaddr", "10.0.1.5").append("dstaddr", "52.95.1.1")
                    .append("srcport", 40000).append("dstport", 443).append("protocol", 6)
                    .append("packets", 12L).append("bytes", 5_000_000_000L).append("start", 1700000000L)
                    .append("end", 1700000060L).append("action", "ACCEPT").append("log_status", "OK")
                    .append("ecs_task_id", "0f2c8a6b"));
            // NODATA: most columns null
            writer.write(rows.newGroup().append("version", 7).append("account_id", "012345678901")
                    .append("interface_id", "eni-0a1b").append("start", 1700000000L).append("end", 1700000060L)
                    .append("log_status", "NODATA"));
            // an invalid address in an otherwise fine row
            writer.write(rows.newGroup().append("version", 7).append("srcaddr", "10.0.1.500")
                    .append("log_status", "OK"));
        }
        Collected out = new Collected();

        ReadStats stats = new ParquetFlowLogReader().read(file, Origin.of(file.toString()), out);

        assertThat(stats.lines()).isEqualTo(3);
        assertThat(stats.records()).isEqualTo(2);
        assertThat(stats.isBalanced()).isTrue();
        FlowRecord first = out.records.get(0);
        assertThat(first.accountId).isEqualTo("012345678901");
        assertThat(first.bytes).isEqualTo(5_000_000_000L);
        assertThat(first.dstPort).isEqualTo(443);
        assertThat(first.pktSrcAwsService).isNull();
        assertThat(first.ecsTaskId).isEqualTo("0f2c8a6b");
        FlowRecord noData = out.records.get(1);
        assertThat(noData.logStatus).isEqualTo("NODATA");
        assertThat(noData.srcAddr).isNull();
        assertThat(noData.packets).isNull();
        assertThat(out.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.reason).isEqualTo(DeadLetterReason.BAD_IP);
            assertThat(d.origin.line).isEqualTo(3L);
        });
    }

    @Test
    void unknownColumnIsABadFormatForTheObject() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType(
                "message m { optional int32 version; optional binary colour (STRING); }");
        Path file = dir.resolve("odd.parquet");
        try (ParquetWriter<Group> writer = writer(file, schema)) {
            writer.write(new SimpleGroupFactory(schema).newGroup().append("version", 2).append("colour", "red"));
        }
        Collected out = new Collected();

        ReadStats stats = new ParquetFlowLogReader().read(file, Origin.of("odd"), out);

        assertThat(out.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.reason).isEqualTo(DeadLetterReason.BAD_FORMAT);
            assertThat(d.message).contains("colour");
        });
        assertThat(stats.isBalanced()).isTrue();
    }

    @Test
    void corruptFileIsADeadLetterNotAnException() throws IOException {
        Path file = dir.resolve("corrupt.parquet");
        Files.write(file, "PAR1 this is not really parquet PAR1".getBytes());
        Collected out = new Collected();

        ReadStats stats = new ParquetFlowLogReader().read(file, Origin.of("corrupt"), out);

        assertThat(out.deadLetters).singleElement().extracting(d -> d.reason).isEqualTo(DeadLetterReason.BAD_PARQUET);
        assertThat(stats.isBalanced()).isTrue();
    }

    static ParquetWriter<Group> writer(Path file, MessageType schema) throws IOException {
        return ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
                .withCompressionCodec(CompressionCodecName.SNAPPY).build();
    }
}
