package dev.flowlens.testkit.flink;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that collects every element it is given, from every parallel subtask, for the test that built the
 * topology to read with {@link #values()} once the job has run (in the manner of flink-training's {@code TestSink}
 * and Flink's own collect sinks).
 *
 * <p>The elements go to a static, thread-safe store under this sink's name, because Flink runs copies of the sink
 * (deserialized from the job graph) and the test keeps only the original. That works <em>only</em> on a mini-cluster
 * in the test's own JVM, which is why this class is test code: on a real cluster the writers would fill another
 * JVM's store, so a writer that finds no store under its name fails the job rather than drop the elements.
 *
 * <p>Not transactional: a job that restarts collects the elements its replay writes again. Tests of exactly-once
 * output use the real sinks. {@link #close()} releases the store.
 */
public final class CollectingSink<T> implements Sink<T>, AutoCloseable {
    private static final Map<String, Queue<Object>> STORES = new ConcurrentHashMap<>();

    private final String name;

    private CollectingSink(String name) {
        this.name = name;
    }

    /**
     * A new sink with an empty store. {@code label} (such as {@code "enriched"}) only makes the name readable; a
     * random suffix keeps sinks of tests that share the JVM apart.
     */
    public static <T> CollectingSink<T> create(String label) {
        String name = label + "-" + UUID.randomUUID();
        STORES.put(name, new ConcurrentLinkedQueue<>());
        return new CollectingSink<>(name);
    }

    /** The store's key: the label and a random suffix. */
    public String name() {
        return name;
    }

    /** What the writers collected so far, in no particular order across subtasks (in order within one). */
    @SuppressWarnings("unchecked")
    public List<T> values() {
        return List.copyOf((Queue<T>) store(name));
    }

    /** Releases the store; writers still running would then fail. */
    @Override
    public void close() {
        STORES.remove(name);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        // with object reuse on, Flink hands the writer the same instance again for the next element
        TypeSerializer<T> copier = context.isObjectReuseEnabled() ? context.createInputSerializer() : null;
        return new Writer<>(store(name), copier);
    }

    private static Queue<Object> store(String name) {
        Queue<Object> store = STORES.get(name);
        if (store == null) {
            throw new IllegalStateException("no collecting sink '" + name + "' in this JVM: it was closed, or the"
                    + " job runs outside the test's mini-cluster");
        }
        return store;
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final Queue<Object> store;
        private final TypeSerializer<T> copier;

        Writer(Queue<Object> store, TypeSerializer<T> copier) {
            this.store = store;
            this.copier = copier;
        }

        @Override
        public void write(T element, Context context) {
            store.add(copier == null ? element : copier.copy(element));
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
    }
}
