package dev.flowlens.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.flowlens.ingest.FlowLogParser;
import dev.flowlens.ingest.MalformedRecordException;
import dev.flowlens.ingest.Swar;
import dev.flowlens.schemas.FlowLogField;
import dev.flowlens.schemas.FlowRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * The four ways of reading the same corpus that the parser benchmark compares. Each consumes every line and hands
 * each result to a consumer, so the JIT cannot drop the work; {@code ParserVariantsTest} checks they agree.
 */
public final class ParserVariants {
    private ParserVariants() {}

    /** (a) Flowlens: typed records straight from the bytes. */
    public static int flowlens(FlowLogCorpus corpus, FlowLogParser parser, Consumer<Object> sink) {
        byte[] buf = corpus.bytes();
        int records = 0;
        for (int start = 0, newline; (newline = Swar.indexOf(buf, start, buf.length, (byte) '\n')) >= 0;
                start = newline + 1) {
            try {
                sink.accept(parser.parse(buf, start, newline - start));
                records++;
            } catch (MalformedRecordException e) {
                sink.accept(e);
            }
        }
        return records;
    }

    /** (b) The naive way: decode, split on spaces, parseInt/parseLong, InetAddress for addresses. */
    public static int naive(FlowLogCorpus corpus, Consumer<Object> sink) {
        List<FlowLogField> fields = corpus.format().fields();
        String text = new String(corpus.bytes(), StandardCharsets.UTF_8);
        int records = 0;
        for (String line : text.split("\n")) {
            String[] tokens = line.split(" ");
            FlowRecord record = new FlowRecord();
            for (int f = 0; f < tokens.length; f++) {
                String token = tokens[f];
                FlowLogField field = fields.get(f);
                if (token.equals("-")) {
                    continue;
                }
                switch (field.type()) {
                    case INT:
                        field.set(record, Integer.parseInt(token));
                        break;
                    case LONG:
                    case TIMESTAMP:
                        field.set(record, Long.parseLong(token));
                        break;
                    case IP:
                        field.set(record, address(token));
                        break;
                    default:
                        field.set(record, token);
                }
            }
            sink.accept(record);
            records++;
        }
        return records;
    }

    private static String address(String token) {
        try {
            return InetAddress.getByName(token).getHostAddress(); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(token, e);
        }
    }

    /** (c) FastCSV splitting the same lines on spaces: field strings, no typing. */
    public static int fastCsv(FlowLogCorpus corpus, Consumer<Object> sink) {
        int records = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(' ')
                .ofCsvRecord(new InputStreamReader(new ByteArrayInputStream(corpus.bytes()),
                        StandardCharsets.US_ASCII))) {
            for (CsvRecord record : reader) {
                sink.accept(record.getField(record.getFieldCount() - 1));
                records++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    /** (d) The ceiling: one pass that only finds the separators, counting lines and fields. */
    public static int byteScan(FlowLogCorpus corpus, Consumer<Object> sink) {
        byte[] buf = corpus.bytes();
        int lines = 0;
        int fields = 0;
        for (byte b : buf) {
            if (b == ' ') {
                fields++;
            } else if (b == '\n') {
                fields++;
                lines++;
            }
        }
        sink.accept(fields);
        return lines;
    }
}
