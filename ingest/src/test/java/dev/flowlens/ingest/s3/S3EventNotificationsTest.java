package dev.flowlens.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class S3EventNotificationsTest {
    private final S3EventNotifications notifications = new S3EventNotifications();

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final String S3_NOTIFICATION = """
            {"Records":[
              {"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventTime":"2024-03-01T16:25:10Z",
               "eventName":"ObjectCreated:Put","s3":{"s3SchemaVersion":"1.0","bucket":{"name":"flow-logs",
               "arn":"arn:aws:s3:::flow-logs"},
               "object":{"key":"AWSLogs/123456789012/vpcflowlogs/us-east-1/2024/03/01/a+b%3Dc.log.gz",
               "size":1024,"eTag":"0123","sequencer":"0A1B"}}},
              {"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectRemoved:Delete",
               "s3":{"bucket":{"name":"flow-logs"},"object":{"key":"old.log.gz"}}}
            ]}""";

    @Test
    void s3NotificationNamesCreatedObjectsWithDecodedKeys() throws Exception {
        assertThat(S3EventNotifications.looksLikeNotification(bytes(S3_NOTIFICATION))).isTrue();
        assertThat(notifications.createdObjects(bytes(S3_NOTIFICATION))).containsExactly(new S3ObjectRef(
                "flow-logs", "AWSLogs/123456789012/vpcflowlogs/us-east-1/2024/03/01/a b=c.log.gz", 1024, null,
                "0A1B"));
    }

    @Test
    void snsEnvelopeAndEventBridgeShapes() throws Exception {
        String sns = "{\"Type\":\"Notification\",\"MessageId\":\"m\",\"TopicArn\":\"arn:aws:sns:us-east-1:1:t\","
                + "\"Message\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(S3_NOTIFICATION) + "}";
        assertThat(S3EventNotifications.looksLikeNotification(bytes(sns))).isTrue();
        assertThat(notifications.createdObjects(bytes(sns))).hasSize(1);

        String eventBridge = """
                {"version":"0","id":"e","detail-type":"Object Created","source":"aws.s3","account":"123456789012",
                 "time":"2024-03-01T16:25:10Z","region":"us-east-1","detail":{"version":"0",
                 "bucket":{"name":"flow-logs"},"object":{"key":"k/one.log.gz","size":7}}}""";
        assertThat(S3EventNotifications.looksLikeNotification(bytes(eventBridge))).isTrue();
        assertThat(notifications.createdObjects(bytes(eventBridge)))
                .containsExactly(new S3ObjectRef("flow-logs", "k/one.log.gz", 7));
    }

    @Test
    void versionIdAndSequencerTellCopiesOfAnEventFromALaterWrite() throws Exception {
        String versioned = S3_NOTIFICATION.replace("\"sequencer\":\"0A1B\"",
                "\"versionId\":\"3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY\",\"sequencer\":\"0A1B\"");
        S3ObjectRef first = notifications.createdObjects(bytes(versioned)).get(0);
        assertThat(first.versionId).isEqualTo("3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY");
        assertThat(first.sequencer).isEqualTo("0A1B");
        assertThat(notifications.createdObjects(bytes(versioned)).get(0).identity()).isEqualTo(first.identity());
        S3ObjectRef rewritten = notifications.createdObjects(bytes(versioned.replace("3HL4", "9ZZ9"))).get(0);
        assertThat(rewritten.identity()).isNotEqualTo(first.identity());
        // unversioned: the sequencer tells them apart
        S3ObjectRef unversioned = notifications.createdObjects(bytes(S3_NOTIFICATION)).get(0);
        assertThat(unversioned.identity()).isNotEqualTo(notifications.createdObjects(bytes(S3_NOTIFICATION
                .replace("0A1B", "0A1C"))).get(0).identity());

        String eventBridge = """
                {"detail-type":"Object Created","source":"aws.s3","detail":{"bucket":{"name":"flow-logs"},
                 "object":{"key":"k/one.log.gz","size":7,"version-id":"v1","sequencer":"617f08299329d189"}}}""";
        assertThat(notifications.createdObjects(bytes(eventBridge)))
                .containsExactly(new S3ObjectRef("flow-logs", "k/one.log.gz", 7, "v1", "617f08299329d189"));
    }

    @Test
    void testEventAnnouncesNothing() throws Exception {
        String test = "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2024-03-01T16:25:10Z\","
                + "\"Bucket\":\"flow-logs\"}";
        assertThat(S3EventNotifications.looksLikeNotification(bytes(test))).isTrue();
        assertThat(notifications.createdObjects(bytes(test))).isEmpty();
    }

    @Test
    void byteOrderMarkBeforeTheJsonIsIgnored() throws Exception {
        byte[] withBom = bytes("\uFEFF" + S3_NOTIFICATION);
        assertThat(S3EventNotifications.looksLikeNotification(withBom)).isTrue();
        assertThat(notifications.createdObjects(withBom)).hasSize(1);
    }

    @Test
    void flowLogLinesAndCloudWatchPayloadsAreNotNotifications() {
        assertThat(S3EventNotifications.looksLikeNotification(bytes(
                "2 123456789012 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 40 1 2 ACCEPT OK\n"))).isFalse();
        assertThat(S3EventNotifications.looksLikeNotification(bytes(
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[]}"))).isFalse();
        assertThat(S3EventNotifications.looksLikeNotification(new byte[0])).isFalse();
    }

    @Test
    void hostileNotificationsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> notifications.createdObjects(bytes("{\"Records\":[{\"eventName\":\"ObjectCreated:Put\""
                + ",\"s3\":{\"bucket\":{}}}]}"))).isInstanceOf(InvalidNotificationException.class)
                .hasMessageContaining("s3.bucket.name");
        assertThatThrownBy(() -> notifications.createdObjects(bytes("{\"Records\":{}}")))
                .hasMessageContaining("not an array");
        assertThatThrownBy(() -> notifications.createdObjects(bytes("{\"Records\":[")))
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> notifications.createdObjects(bytes("{\"Type\":\"Notification\",\"TopicArn\":\"t\","
                + "\"Message\":\"{not json\"}"))).hasMessageContaining("SNS Message is not JSON");
        assertThatThrownBy(() -> notifications.createdObjects(bytes("{\"TopicArn\":\"t\",\"Message\":\"x\"}")))
                .hasMessageContaining("neither");
    }
}
