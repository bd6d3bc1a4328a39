package dev.flowlens.jobs.kit.webhook;

import java.io.Serializable;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where and how a webhook sink POSTs.
 *
 * @param url an {@code http} or {@code https} URL
 * @param headers sent with every request (e.g. {@code Authorization})
 * @param maxAttempts attempts per record in all, at least 1
 * @param timeout per attempt: connecting and the whole response
 * @param maxBackoff the longest wait between attempts (also caps a server's {@code Retry-After})
 */
public record WebhookSettings(URI url, Map<String, String> headers, int maxAttempts, Duration timeout,
        Duration maxBackoff) implements Serializable {

    public WebhookSettings {
        if (url == null || url.getScheme() == null
                || !(url.getScheme().equals("http") || url.getScheme().equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("the webhook URL '" + url + "' is not an http:// or https:// URL"
                    + " with a host; give one such as https://hooks.example.com/flowlens");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("a webhook needs at least 1 attempt per record, not " + maxAttempts);
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the webhook timeout must be positive, not " + timeout);
        }
        headers = new LinkedHashMap<>(headers == null ? Map.of() : headers);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            try { // now, not at the first alert: Java refuses some headers (Host, Content-Length, ...) and bad names
                HttpRequest.newBuilder(url).setHeader(header.getKey(), header.getValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the webhook header '" + header.getKey() + "' cannot be sent ("
                        + e.getMessage() + "); remove it from the headers", e);
            }
        }
    }
}
