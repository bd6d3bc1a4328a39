package dev.flowlens.jobs.kit.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.jobs.kit.sinks.InstanceKeyedDictionaries.InstanceKeyedBinaryDictionary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;

/**
 * The instance-keyed string dictionary encodes exactly as parquet-java's: the same data pages, encodings and dictionary
 * page for the same values, whether a recurring string comes as one instance or as several with the same bytes, across
 * pages, a dictionary reset (a new row group) and the fall back to plain values when the dictionary outgrows its limit.
 */
class InstanceKeyedDictionariesTest {
    private static final int DICTIONARY_LIMIT = 32_768;

    @Test
    void encodesTheSameAsParquetJavasDictionary() {
        List<Binary> values = values(new Random(7), 200, 5_000);
        ValuesWriter expected = fallback(new PlainBinaryDictionaryValuesWriter(DICTIONARY_LIMIT,
                Encoding.RLE_DICTIONARY, Encoding.PLAIN, HeapByteBufferAllocator.getInstance()));
        ValuesWriter actual = fallback(new InstanceKeyedBinaryDictionary(DICTIONARY_LIMIT, Encoding.RLE_DICTIONARY,
                Encoding.PLAIN, HeapByteBufferAllocator.getInstance()));

        // a row group that stays within its dictionary, in three pages; then one that outgrows it
        List<String> expectedPages = pages(expected, values.subList(0, 3_000), 1_000);
        List<String> actualPages = pages(actual, values.subList(0, 3_000), 1_000);
        assertThat(actualPages).isEqualTo(expectedPages);
        assertThat(dictionary(actual)).isEqualTo(dictionary(expected)).isNotEmpty();
        expected.resetDictionary();
        actual.resetDictionary();

        List<Binary> manyDistinct = values(new Random(11), 2_000, 4_000);
        assertThat(pages(actual, manyDistinct, 1_000)).isEqualTo(pages(expected, manyDistinct, 1_000));
        assertThat(actual.getEncoding()).isEqualTo(expected.getEncoding()).isNotEqualTo(Encoding.RLE_DICTIONARY);
    }

    @Test
    void theFactoryGivesStringColumnsTheInstanceKeyedDictionaryAndOthersParquetJavasWriters() {
        ParquetProperties properties = ParquetProperties.builder()
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
                .withValuesWriterFactory(new InstanceKeyedDictionaries()).build();
        ValuesWriter strings = properties.newValuesWriter(column(PrimitiveTypeName.BINARY));
        ValuesWriter longs = properties.newValuesWriter(column(PrimitiveTypeName.INT64));
        assertThat(strings).isInstanceOf(FallbackValuesWriter.class);
        assertThat(((FallbackValuesWriter<?, ?>) strings).initialWriter)
                .isInstanceOf(InstanceKeyedBinaryDictionary.class);
        assertThat(((FallbackValuesWriter<?, ?>) longs).initialWriter)
                .isNotInstanceOf(InstanceKeyedBinaryDictionary.class);
    }

    /** {@code distinct} strings drawn {@code count} times, each draw a fresh instance half the time. */
    private static List<Binary> values(Random random, int distinct, int count) {
        List<Binary> shared = new ArrayList<>();
        for (int i = 0; i < distinct; i++) {
            shared.add(binary("arn:aws:ecs:eu-west-1:123456789012:task/prod/" + Long.toHexString(random.nextLong())));
        }
        List<Binary> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Binary value = shared.get(random.nextInt(distinct));
            values.add(random.nextBoolean() ? value : binary(value.toStringUsingUTF8()));
        }
        return values;
    }

    private static Binary binary(String text) {
        return Binary.fromConstantByteArray(text.getBytes(StandardCharsets.UTF_8));
    }

    private static ValuesWriter fallback(PlainBinaryDictionaryValuesWriter dictionary) {
        return FallbackValuesWriter.of(dictionary, new org.apache.parquet.column.values.plain.PlainValuesWriter(
                64, 1 << 20, HeapByteBufferAllocator.getInstance()));
    }

    private static List<String> pages(ValuesWriter writer, List<Binary> values, int pageSize) {
        List<String> pages = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            writer.writeBytes(values.get(i));
            if ((i + 1) % pageSize == 0) {
                String bytes = hex(toBytes(writer.getBytes())); // before the encoding, as parquet-java's column writers ask
                pages.add(writer.getEncoding() + ":" + bytes);
                writer.reset();
            }
        }
        return pages;
    }

    private static String dictionary(ValuesWriter writer) {
        DictionaryPage page = writer.toDictPageAndClose();
        return page == null ? "" : page.getDictionarySize() + ":" + hex(toBytes(page.getBytes()));
    }

    private static byte[] toBytes(org.apache.parquet.bytes.BytesInput bytes) {
        try {
            return bytes.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private static ColumnDescriptor column(PrimitiveTypeName type) {
        return Types.buildMessage().optional(type).named("c").named("m").getColumns().get(0);
    }
}
