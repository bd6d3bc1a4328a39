package dev.flowlens.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.flowlens.enrich.peer.AwsIpRanges;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsIpRangesTest {
    private static final String NEWER = "{\"syncToken\":\"1764000000\",\"createDate\":\"2025-11-24-12-00-00\","
            + "\"prefixes\":[{\"ip_prefix\":\"3.5.0.0/19\",\"region\":\"us-east-1\",\"service\":\"AMAZON\"},"
            + "{\"ip_prefix\":\"3.5.0.0/19\",\"region\":\"us-east-1\",\"service\":\"S3\"}],"
            + "\"ipv6_prefixes\":[{\"ipv6_prefix\":\"2600:1f68::/32\",\"region\":\"us-east-1\","
            + "\"service\":\"S3\"}]}";

    @TempDir
    Path dir;

    @Test
    void newerFileFromAPathOrAUrl() throws IOException {
        Path file = dir.resolve("ip-ranges.json");
        Files.writeString(file, NEWER);
        assertThat(AwsIpRanges.load(file.toString(), Duration.ofSeconds(5)).service("3.5.1.1")).isEqualTo("S3");

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ip-ranges.json", exchange -> {
            byte[] body = NEWER.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            AwsIpRanges fetched = AwsIpRanges.load(url + "/ip-ranges.json", Duration.ofSeconds(5));
            assertThat(fetched.syncToken()).isEqualTo("1764000000");
            assertThat(fetched.service("2600:1f68::10")).isEqualTo("S3");
            assertThatThrownBy(() -> AwsIpRanges.load(url + "/missing", Duration.ofSeconds(5)))
                    .hasMessageContaining("404");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void notAnIpRangesFile() throws IOException {
        Path file = dir.resolve("other.json");
        Files.writeString(file, "{\"hello\":1}");
        assertThatThrownBy(() -> AwsIpRanges.read(file)).hasMessageContaining("not an AWS ip-ranges.json");
    }
}
