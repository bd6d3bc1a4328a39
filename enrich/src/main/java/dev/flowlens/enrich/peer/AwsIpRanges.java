package dev.flowlens.enrich.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * AWS's published address ranges ({@code ip-ranges.json}: {@code prefixes[].ip_prefix},
 * {@code ipv6_prefixes[].ipv6_prefix}, each with {@code service} and {@code region}) as a prefix trie from address to
 * service. The most specific service wins over the catch-all {@code AMAZON} entry of the same prefix.
 */
public final class AwsIpRanges {
    /** The snapshot shipped in the jar (a subset of AWS's file: see its {@code syncToken} and the README). */
    public static final String BUNDLED = "/aws-ip-ranges.json";

    private final PrefixTrie<String> services;
    private final String syncToken;
    private final int prefixes;

    private AwsIpRanges(PrefixTrie<String> services, String syncToken, int prefixes) {
        this.services = services;
        this.syncToken = syncToken;
        this.prefixes = prefixes;
    }

    public static AwsIpRanges bundled() {
        try (InputStream in = AwsIpRanges.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AwsIpRanges read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /**
     * Reads the ranges from a file path or an {@code http(s)} URL (such as AWS's own
     * {@code https://ip-ranges.amazonaws.com/ip-ranges.json}).
     */
    public static AwsIpRanges load(String location, Duration timeout) throws IOException {
        if (!location.startsWith("http://") && !location.startsWith("https://")) {
            return read(Path.of(location));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(location)).timeout(timeout).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("GET " + location + " answered " + response.statusCode());
                }
                return read(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + location, e);
        }
    }

    public static AwsIpRanges read(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        if (root == null || !root.has("prefixes")) {
            throw new IOException("not an AWS ip-ranges.json file (no 'prefixes')");
        }
        PrefixTrie<String> trie = new PrefixTrie<>();
        int count = add(trie, root.get("prefixes"), "ip_prefix", true);
        count += add(trie, root.get("prefixes"), "ip_prefix", false);
        count += add(trie, root.get("ipv6_prefixes"), "ipv6_prefix", true);
        count += add(trie, root.get("ipv6_prefixes"), "ipv6_prefix", false);
        return new AwsIpRanges(trie, root.path("syncToken").asText(null), count);
    }

    /** Adds the AMAZON catch-all entries first, then the specific services over them. */
    private static int add(PrefixTrie<String> trie, JsonNode entries, String field, boolean catchAll) {
        int count = 0;
        if (entries == null) {
            return 0;
        }
        for (JsonNode entry : entries) {
            String prefix = entry.path(field).asText(null);
            String service = entry.path("service").asText(null);
            if (prefix == null || service == null || "AMAZON".equals(service) != catchAll) {
                continue;
            }
            trie.add(prefix, service);
            count++;
        }
        return count;
    }

    /** The AWS service whose range holds {@code address}, or {@code null}. */
    public String service(String address) {
        return services.find(address);
    }

    public String syncToken() {
        return syncToken;
    }

    public int prefixCount() {
        return prefixes;
    }
}
