package dev.flowlens.jobs.kit.sinks;

import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.io.api.Binary;

/**
 * parquet-java's own values writers, except that a string column's dictionary is looked up by the {@link Binary}
 * instance before its bytes: {@link EncodedStrings} hands out one instance per recurring string, and parquet-java
 * would hash and compare every value's bytes again (a {@code Binary} does not cache its hash). The dictionary, its
 * ids and the fallback are parquet-java's, so the file is the same byte for byte ({@code ParquetRowFileTest}).
 * Only for writers whose every {@code Binary} is immutable, as {@link EncodedStrings}' are.
 */
final class InstanceKeyedDictionaries implements ValuesWriterFactory {
    private final ValuesWriterFactory defaults = new DefaultValuesWriterFactory();
    private ParquetProperties properties;

    @Override
    public void initialize(ParquetProperties properties) {
        this.properties = properties;
        defaults.initialize(properties);
    }

    @Override
    public ValuesWriter newValuesWriter(ColumnDescriptor column) {
        ValuesWriter writer = defaults.newValuesWriter(column);
        if (writer instanceof FallbackValuesWriter<?, ?> fallback
                && fallback.initialWriter.getClass() == PlainBinaryDictionaryValuesWriter.class) {
            // the encodings DefaultV1/V2ValuesWriterFactory give a dictionary-encoded string column
            boolean v2 = properties.getWriterVersion() == ParquetProperties.WriterVersion.PARQUET_2_0;
            return FallbackValuesWriter.of(new InstanceKeyedBinaryDictionary(
                    properties.getDictionaryPageSizeThreshold(),
                    v2 ? Encoding.RLE_DICTIONARY : Encoding.PLAIN_DICTIONARY,
                    v2 ? Encoding.PLAIN : Encoding.PLAIN_DICTIONARY,
                    properties.getAllocator()), fallback.fallBackWriter);
        }
        return writer;
    }

    /** A string dictionary with a front keyed by instance; the ids are those of the bytes' dictionary behind it. */
    static final class InstanceKeyedBinaryDictionary extends PlainBinaryDictionaryValuesWriter {
        private final Map<Binary, Integer> idsByInstance = new IdentityHashMap<>();

        InstanceKeyedBinaryDictionary(int maxDictionaryByteSize, Encoding dataPages, Encoding dictionaryPage,
                ByteBufferAllocator allocator) {
            super(maxDictionaryByteSize, dataPages, dictionaryPage, allocator);
        }

        @Override
        public void writeBytes(Binary value) {
            Integer id = idsByInstance.get(value);
            if (id != null) {
                encodedValues.add(id);
                return;
            }
            super.writeBytes(value);
            idsByInstance.put(value, binaryDictionaryContent.getInt(value));
        }

        @Override
        protected void clearDictionaryContent() {
            super.clearDictionaryContent();
            idsByInstance.clear();
        }
    }
}
