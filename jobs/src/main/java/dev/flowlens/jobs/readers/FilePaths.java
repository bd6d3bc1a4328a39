package dev.flowlens.jobs.readers;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.SingletonResultIterator;

/**
 * A file "format" whose one record per file is the file's local path: Flink's {@code FileSource} finds the files
 * (watching a directory, remembering what it handed out across checkpoints) and the flow-log readers, which detect
 * gzip, header lines and Parquet themselves, read them. A restored split whose path was already emitted emits
 * nothing.
 */
public final class FilePaths implements BulkFormat<String, FileSourceSplit> {
    @Override
    public Reader<String> createReader(Configuration config, FileSourceSplit split) {
        return new PathReader(split.path().getPath());
    }

    @Override
    public Reader<String> restoreReader(Configuration config, FileSourceSplit split) {
        boolean emitted = split.getReaderPosition().map(position -> position.getRecordsAfterOffset() > 0)
                .orElse(false);
        return new PathReader(emitted ? null : split.path().getPath());
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<String> getProducedType() {
        return Types.STRING;
    }

    private static final class PathReader implements Reader<String> {
        private String path;

        PathReader(String path) {
            this.path = path;
        }

        @Override
        public RecordIterator<String> readBatch() {
            if (path == null) {
                return null;
            }
            SingletonResultIterator<String> one = new SingletonResultIterator<>();
            one.set(path, CheckpointedPosition.NO_OFFSET, 1);
            path = null;
            return one;
        }

        @Override
        public void close() {}
    }
}
