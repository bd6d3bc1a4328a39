package dev.flowlens.jobs.kit.sqs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Polls one SQS queue on its own thread (long polling), hands messages to Flink, and deletes them when a checkpoint
 * covering them completes. Messages seen recently (by id) are skipped when SQS delivers them again to this reader;
 * only a downstream keyed deduplication sees copies that went to other readers.
 */
final class SqsReader implements SourceReader<QueueMessage, SqsSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(SqsReader.class);
    /** SQS deletes at most ten messages per batch call. */
    private static final int DELETE_BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;
    private final SqsSource.Settings settings;
    private final String splitId;
    private final BlockingQueue<Message> received = new ArrayBlockingQueue<>(100);
    /** Emitted, not yet covered by a checkpoint. */
    private final List<SqsSplit.Received> sinceLastCheckpoint = new ArrayList<>();
    /** Covered by checkpoint n (pending its completion), by n. */
    private final SortedMap<Long, List<SqsSplit.Received>> awaitingCompletion = new TreeMap<>();
    private final LinkedHashSet<String> recentIds = new LinkedHashSet<>();
    private final Object lock = new Object();
    private CompletableFuture<Void> available = new CompletableFuture<>();
    private volatile boolean running = true;
    private volatile RuntimeException pollFailure;
    private Thread poller;

    SqsReader(SqsClient sqs, String queueUrl, SqsSource.Settings settings, int subtask) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.settings = settings;
        this.splitId = "sqs-" + subtask;
    }

    @Override
    public void start() {
        poller = new Thread(this::poll, "flowlens-sqs-poller-" + splitId);
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        while (running) {
            try {
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(settings.waitSeconds())
                        .visibilityTimeout((int) settings.visibilityTimeout().toSeconds())).messages();
                for (Message message : messages) {
                    while (running && !received.offer(message, 100, TimeUnit.MILLISECONDS)) {
                        // Flink is behind: wait for room, the message stays invisible meanwhile
                    }
                    signal();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SdkException e) {
                if (!running) {
                    return;
                }
                // The SDK already retried; a queue that stays unreachable fails the job, which restarts it.
                pollFailure = new IllegalStateException("cannot receive from " + queueUrl + ": " + e.getMessage(), e);
                signal();
                return;
            }
        }
    }

    private void signal() {
        synchronized (lock) {
            available.complete(null);
        }
    }

    @Override
    public InputStatus pollNext(ReaderOutput<QueueMessage> output) {
        if (pollFailure != null) {
            throw pollFailure;
        }
        Message message = received.poll();
        if (message == null) {
            return InputStatus.NOTHING_AVAILABLE;
        }
        SqsSplit.Received receipt = new SqsSplit.Received(message.messageId(), message.receiptHandle());
        sinceLastCheckpoint.add(receipt);
        if (remember(message.messageId())) {
            output.collect(new QueueMessage(queueUrl, message.messageId(),
                    message.body().getBytes(StandardCharsets.UTF_8)));
        }
        return received.isEmpty() ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
    }

    /** Whether the id is new (then it is remembered, the oldest forgotten beyond the bound). */
    private boolean remember(String messageId) {
        if (!recentIds.add(messageId)) {
            return false;
        }
        Iterator<String> oldest = recentIds.iterator();
        while (recentIds.size() > settings.rememberedIds()) {
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        synchronized (lock) {
            if (available.isDone() && received.isEmpty() && pollFailure == null) {
                available = new CompletableFuture<>();
            }
            if (!received.isEmpty() || pollFailure != null) {
                available.complete(null);
            }
            return available;
        }
    }

    @Override
    public List<SqsSplit> snapshotState(long checkpointId) {
        awaitingCompletion.put(checkpointId, new ArrayList<>(sinceLastCheckpoint));
        sinceLastCheckpoint.clear();
        List<SqsSplit.Received> undeleted = new ArrayList<>();
        awaitingCompletion.values().forEach(undeleted::addAll);
        return List.of(new SqsSplit(splitId, undeleted));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        SortedMap<Long, List<SqsSplit.Received>> covered = awaitingCompletion.headMap(checkpointId + 1);
        List<SqsSplit.Received> done = new ArrayList<>();
        covered.values().forEach(done::addAll);
        covered.clear();
        delete(done);
    }

    /**
     * Restored state: messages emitted before the checkpoint this job restarts from. Their records are in it, so
     * they are deleted now and skipped should SQS deliver them again.
     */
    @Override
    public void addSplits(List<SqsSplit> splits) {
        List<SqsSplit.Received> restored = new ArrayList<>();
        for (SqsSplit split : splits) {
            restored.addAll(split.undeleted());
        }
        restored.forEach(message -> remember(message.messageId()));
        delete(restored);
    }

    private void delete(List<SqsSplit.Received> messages) {
        for (int i = 0; i < messages.size(); i += DELETE_BATCH) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            Map<String, String> byEntry = new LinkedHashMap<>();
            for (SqsSplit.Received message : messages.subList(i, Math.min(messages.size(), i + DELETE_BATCH))) {
                String entryId = "m" + entries.size();
                entries.add(DeleteMessageBatchRequestEntry.builder().id(entryId)
                        .receiptHandle(message.receiptHandle()).build());
                byEntry.put(entryId, message.messageId());
            }
            try {
                var failed = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)).failed();
                for (var failure : failed) {
                    // An expired receipt handle: SQS will deliver the message again, and it will be skipped.
                    LOG.warn("SQS did not delete message {}: {}", byEntry.get(failure.id()), failure.message());
                }
            } catch (SdkException e) {
                LOG.warn("SQS delete failed for {} messages; they will be delivered again and skipped: {}",
                        entries.size(), e.getMessage());
            }
        }
    }

    @Override
    public void notifyNoMoreSplits() {}

    @Override
    public void close() throws Exception {
        running = false;
        if (poller != null) {
            poller.interrupt();
            poller.join(TimeUnit.SECONDS.toMillis(settings.waitSeconds() + 5));
        }
        sqs.close();
    }
}
