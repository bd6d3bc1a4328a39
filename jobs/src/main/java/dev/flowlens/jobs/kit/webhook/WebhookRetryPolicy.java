package dev.flowlens.jobs.kit.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a webhook request again, and after how long. Plain Java, so it is tested without Flink or a server.
 *
 * <p>Worth another attempt: no response (a connection error or a timeout), a {@code 5xx}, {@code 408 Request
 * Timeout} and {@code 429 Too Many Requests}; any other status is final ({@code 2xx} delivered, other {@code 4xx} a
 * request the server will refuse again). At most {@code maxAttempts} attempts in all. The wait before attempt
 * {@code n + 1} is the server's {@code Retry-After} when it sent one, else an exponential backoff (0.5 s doubling
 * each attempt) with jitter (each wait drawn from its upper half, so many writers retrying at once spread out);
 * either way at most {@code maxBackoff}, so one record can hold its writer up for at most
 * {@code maxAttempts × (timeout + maxBackoff)}.
 */
public final class WebhookRetryPolicy {
    /** The first backoff; later ones double. */
    static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);

    private final int maxAttempts;
    private final Duration maxBackoff;
    private final RandomGenerator random;

    public WebhookRetryPolicy(int maxAttempts, Duration maxBackoff, RandomGenerator random) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("a webhook request needs at least one attempt, not " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.maxBackoff = maxBackoff;
        this.random = random;
    }

    /** Whether a response with {@code status} is worth another attempt. */
    public static boolean retryable(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    /** Whether {@code status} means delivered. */
    public static boolean delivered(int status) {
        return status >= 200 && status < 300;
    }

    /**
     * After attempt {@code attempt} (1 for the first) ended with {@code status} ({@code null}: no response), how long
     * to wait before the next one; empty when there is to be none (delivered, final, or the attempts used up).
     *
     * @param retryAfter the server's {@code Retry-After} as a wait, or {@code null}
     */
    public Optional<Duration> nextAttemptAfter(int attempt, Integer status, Duration retryAfter) {
        if (status != null && !retryable(status) || attempt >= maxAttempts) {
            return Optional.empty();
        }
        if (retryAfter != null) {
            return Optional.of(min(retryAfter, maxBackoff));
        }
        Duration backoff = min(INITIAL_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 20)), maxBackoff);
        long half = backoff.toNanos() / 2;
        return Optional.of(Duration.ofNanos(half + (half == 0 ? 0 : random.nextLong(half + 1))));
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * A {@code Retry-After} header as a wait from {@code now}: delay-seconds ({@code 120}) or an HTTP-date ({@code
     * Wed, 21 Oct 2015 07:28:00 GMT}, zero when past); {@code null} when absent or neither.
     */
    public static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
