package dev.flowlens.ingest.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.ingest.ByteOrderMark;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects an S3 event notification announces, in each shape it reaches a queue or topic in:
 * <ul>
 *   <li>S3's own notification ({@code {"Records":[{"eventName":"ObjectCreated:Put","s3":{...}}]}}), object keys
 *       URL-encoded as S3 documents them;</li>
 *   <li>the same wrapped in an SNS envelope ({@code "Type":"Notification"}, the notification in {@code Message});</li>
 *   <li>an EventBridge {@code Object Created} event ({@code detail.bucket.name}, {@code detail.object.key}).</li>
 * </ul>
 * Events other than object creation (removals, S3's {@code s3:TestEvent}) announce nothing. Each object keeps the
 * version id and {@code sequencer} the event gives, which tell copies of one event from a later write of the key.
 */
public final class S3EventNotifications {
    /** Only this much of a message is searched for the markers of a notification. */
    private static final int SNIFF_CHARS = 4096;

    private final ObjectMapper json = new ObjectMapper();

    /** Whether {@code message} is a JSON object shaped like one of the notifications above. */
    public static boolean looksLikeNotification(byte[] message) {
        int i = ByteOrderMark.length(message, 0, message.length);
        while (i < message.length && Character.isWhitespace(message[i])) {
            i++;
        }
        if (i >= message.length || message[i] != '{') {
            return false;
        }
        String head = new String(message, i, Math.min(message.length - i, SNIFF_CHARS), StandardCharsets.UTF_8);
        return head.contains("\"Records\"") || head.contains("\"s3:TestEvent\"")
                || head.contains("\"detail-type\"") && head.contains("aws.s3")
                || head.contains("\"TopicArn\"") && head.contains("\"Message\"");
    }

    /** The objects created, in the order announced. */
    public List<S3ObjectRef> createdObjects(byte[] message) throws InvalidNotificationException {
        JsonNode root;
        try {
            root = json.readTree(message);
        } catch (JsonProcessingException e) {
            throw new InvalidNotificationException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidNotificationException("unreadable: " + e.getMessage());
        }
        List<S3ObjectRef> objects = new ArrayList<>();
        collect(root, objects, 0);
        return objects;
    }

    private void collect(JsonNode root, List<S3ObjectRef> out, int depth) throws InvalidNotificationException {
        if (root == null || !root.isObject()) {
            throw new InvalidNotificationException("not a JSON object");
        }
        if (root.has("Records")) {
            JsonNode records = root.get("Records");
            if (!records.isArray()) {
                throw new InvalidNotificationException("Records is not an array");
            }
            for (JsonNode record : records) {
                if (!text(record, "eventName").startsWith("ObjectCreated:")) {
                    continue;
                }
                JsonNode s3 = record.path("s3");
                JsonNode object = s3.path("object");
                out.add(new S3ObjectRef(required(s3.path("bucket"), "name", "s3.bucket.name"),
                        URLDecoder.decode(required(object, "key", "s3.object.key"), StandardCharsets.UTF_8),
                        object.path("size").asLong(-1), optional(object, "versionId"), optional(object, "sequencer")));
            }
        } else if ("Notification".equals(text(root, "Type")) && depth == 0) {
            try {
                collect(json.readTree(required(root, "Message", "Message")), out, depth + 1);
            } catch (JsonProcessingException e) {
                throw new InvalidNotificationException("SNS Message is not JSON: " + e.getOriginalMessage());
            }
        } else if (root.has("detail-type")) {
            if ("Object Created".equals(text(root, "detail-type"))) {
                JsonNode detail = root.path("detail");
                JsonNode object = detail.path("object");
                out.add(new S3ObjectRef(required(detail.path("bucket"), "name", "detail.bucket.name"),
                        required(object, "key", "detail.object.key"), object.path("size").asLong(-1),
                        optional(object, "version-id"), optional(object, "sequencer")));
            }
        } else if (!"s3:TestEvent".equals(text(root, "Event"))) {
            throw new InvalidNotificationException("neither Records, an SNS Notification nor an EventBridge event");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? "" : value.asText();
    }

    /** The text of {@code field}, or {@code null} when absent or empty. */
    private static String optional(JsonNode node, String field) {
        String value = text(node, field);
        return value.isEmpty() ? null : value;
    }

    private static String required(JsonNode node, String field, String path) throws InvalidNotificationException {
        String value = text(node, field);
        if (value.isEmpty()) {
            throw new InvalidNotificationException("no " + path);
        }
        return value;
    }
}
