package dev.flowlens.jobs.kit.sqs;

/** An SQS message as received: its queue, id and body. A POJO for Flink. */
public class QueueMessage {
    public String queueUrl;
    public String messageId;
    public byte[] body;

    public QueueMessage() {}

    public QueueMessage(String queueUrl, String messageId, byte[] body) {
        this.queueUrl = queueUrl;
        this.messageId = messageId;
        this.body = body;
    }

    /** The body as text (SQS bodies are text). */
    public String text() {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
}
