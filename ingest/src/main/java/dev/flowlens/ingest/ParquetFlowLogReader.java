package dev.flowlens.ingest;

import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.DeadLetterReason;
import dev.flowlens.schemas.FlowLogField;
import dev.flowlens.schemas.Origin;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads flow logs delivered by AWS as Parquet: one row per record, columns named with underscores
 * ({@code pkt_srcaddr}), any subset and order of fields. Each row is rendered to the text form and parsed by
 * {@link FlowLogParser}, so Parquet and text inputs are validated by exactly the same rules.
 */
public final class ParquetFlowLogReader {

    public ReadStats read(Path file, Origin origin, RecordConsumer out) {
        return read(new LocalInputFile(file), origin, out);
    }

    public ReadStats read(InputFile file, Origin origin, RecordConsumer out) {
        ReadStats stats = new ReadStats();
        try (ParquetFileReader reader = ParquetFileReader.open(file)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            FlowLogFormat format;
            try {
                format = formatOf(schema);
            } catch (InvalidFormatException e) {
                failObject(stats, origin, out, schema.toString(), DeadLetterReason.BAD_FORMAT, e.getMessage());
                return stats;
            }
            FlowLogParser parser = new FlowLogParser(format);
            out.formatChanged(format);
            MessageColumnIO columnIo = new ColumnIOFactory().getColumnIO(schema);
            StringBuilder line = new StringBuilder(256);
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
                RecordReader<Group> rows = columnIo.getRecordReader(rowGroup, new GroupRecordConverter(schema));
                for (long i = 0, n = rowGroup.getRowCount(); i < n; i++) {
                    long rowNumber = ++stats.lines;
                    toLine(rows.read(), format.size(), line);
                    try {
                        out.record(parser.parse(line.toString()));
                        stats.records++;
                    } catch (MalformedRecordException e) {
                        out.deadLetter(DeadLetter.of(line, origin.atLine(rowNumber), e.reason(), e.getMessage()));
                        stats.deadLetters++;
                    }
                }
            }
            stats.normalizedTimestamps += parser.normalizedTimestamps();
        } catch (IOException | RuntimeException e) {
            failObject(stats, origin, out, "", DeadLetterReason.BAD_PARQUET,
                    "cannot read Parquet after " + stats.lines + " rows: " + e);
        }
        return stats;
    }

    private static FlowLogFormat formatOf(MessageType schema) {
        List<FlowLogField> fields = new ArrayList<>();
        for (Type column : schema.getFields()) {
            if (!column.isPrimitive() || column.isRepetition(Type.Repetition.REPEATED)) {
                throw new InvalidFormatException("column '" + column.getName() + "' is not a single value");
            }
            fields.add(FlowLogFormat.field(column.getName()));
        }
        return FlowLogFormat.of(fields);
    }

    /** The row in AWS's text form: values in column order, {@code -} for null or empty. */
    private static void toLine(Group row, int columns, StringBuilder line) {
        line.setLength(0);
        for (int c = 0; c < columns; c++) {
            if (c > 0) {
                line.append(' ');
            }
            String value = row.getFieldRepetitionCount(c) == 0 ? "" : row.getValueToString(c, 0);
            line.append(value.isEmpty() ? "-" : value);
        }
    }

    private static void failObject(ReadStats stats, Origin origin, RecordConsumer out, String raw,
            DeadLetterReason reason, String message) {
        out.deadLetter(DeadLetter.of(raw, origin, reason, message));
        stats.deadLetters++;
        stats.objectFailures++;
    }
}
