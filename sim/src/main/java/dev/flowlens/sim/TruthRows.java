package dev.flowlens.sim;

import dev.flowlens.schemas.FlowRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** Writes {@code truth/flows.tsv} rows as bytes: the {@link TruthKey}, the true task of each end, the tags. */
@SuppressWarnings("deprecation")
final class TruthRows {
    private final OutputStream out;
    private byte[] buf = new byte[512];
    private int length;

    TruthRows(OutputStream out) {
        this.out = out;
    }

    void write(FlowRecord record, String srcTask, String dstTask, String tags) throws IOException {
        length = 0;
        text(record.interfaceId).put('|').text(record.srcAddr).put('|').number(record.srcPort).put('|')
                .text(record.dstAddr).put('|').number(record.dstPort).put('|').number(record.protocol).put('|')
                .number(record.start).put('\t').text(srcTask).put('\t').text(dstTask).put('\t')
                .text(tags.isEmpty() ? null : tags).put('\n');
        out.write(buf, 0, length);
    }

    private TruthRows put(char c) {
        if (length == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[length++] = (byte) c;
        return this;
    }

    private TruthRows text(String value) {
        if (value == null) {
            return put('-');
        }
        int n = value.length();
        ensure(n);
        value.getBytes(0, n, buf, length); // ids, addresses and tags are ASCII: the fast Latin-1 copy is exact
        length += n;
        return this;
    }

    private TruthRows number(Number value) {
        if (value == null) {
            return put('-');
        }
        long number = value.longValue();
        int digits = 1;
        for (long bound = 10; digits < 19 && number >= bound; bound *= 10) {
            digits++;
        }
        ensure(digits);
        for (int i = length + digits - 1; i >= length; i--) {
            buf[i] = (byte) ('0' + number % 10);
            number /= 10;
        }
        length += digits;
        return this;
    }

    private void ensure(int more) {
        if (length + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
        }
    }
}
