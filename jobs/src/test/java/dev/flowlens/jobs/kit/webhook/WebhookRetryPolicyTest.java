package dev.flowlens.jobs.kit.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The webhook's retry policy, without Flink or a server. */
class WebhookRetryPolicyTest {
    private final WebhookRetryPolicy policy = new WebhookRetryPolicy(5, Duration.ofSeconds(30),
            new SplittableRandom(7));

    @Test
    void serverErrorsTimeoutsThrottlingAndNoResponseAreRetried() {
        for (Integer status : new Integer[] {500, 502, 503, 504, 408, 429, null}) {
            assertThat(policy.nextAttemptAfter(1, status, null)).as(String.valueOf(status)).isPresent();
        }
    }

    @Test
    void otherClientErrorsRedirectsAndSuccessAreFinal() {
        for (int status : new int[] {200, 204, 301, 400, 401, 403, 404, 410, 422}) {
            assertThat(policy.nextAttemptAfter(1, status, null)).as(String.valueOf(status)).isEmpty();
        }
        assertThat(WebhookRetryPolicy.delivered(204)).isTrue();
        assertThat(WebhookRetryPolicy.delivered(301)).isFalse();
    }

    @Test
    void givesUpAfterMaxAttemptsInAll() {
        assertThat(policy.nextAttemptAfter(4, 503, null)).isPresent();
        assertThat(policy.nextAttemptAfter(5, 503, null)).as("the fifth attempt was the last").isEmpty();
        WebhookRetryPolicy once = new WebhookRetryPolicy(1, Duration.ofSeconds(30), new SplittableRandom(1));
        assertThat(once.nextAttemptAfter(1, 503, null)).isEmpty();
        assertThatThrownBy(() -> new WebhookRetryPolicy(0, Duration.ofSeconds(1), new SplittableRandom(1)))
                .hasMessageContaining("at least one attempt");
    }

    @Test
    void backoffDoublesWithJitterInItsUpperHalfAndIsCapped() {
        for (int attempt = 1; attempt <= 4; attempt++) {
            Duration full = WebhookRetryPolicy.INITIAL_BACKOFF.multipliedBy(1L << (attempt - 1));
            for (int draw = 0; draw < 50; draw++) {
                Duration wait = policy.nextAttemptAfter(attempt, 503, null).orElseThrow();
                assertThat(wait).as("attempt " + attempt).isBetween(full.dividedBy(2), full);
            }
        }
        WebhookRetryPolicy capped = new WebhookRetryPolicy(40, Duration.ofSeconds(3), new SplittableRandom(3));
        assertThat(capped.nextAttemptAfter(30, null, null).orElseThrow()).isBetween(Duration.ofMillis(1500),
                Duration.ofSeconds(3));
    }

    @Test
    void jitterSpreadsTheWaits() {
        long distinct = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> policy.nextAttemptAfter(3, 503, null).orElseThrow()).distinct().count();
        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void retryAfterIsHonouredUpToMaxBackoff() {
        assertThat(policy.nextAttemptAfter(1, 429, Duration.ofSeconds(7))).contains(Duration.ofSeconds(7));
        assertThat(policy.nextAttemptAfter(1, 503, Duration.ofHours(1))).contains(Duration.ofSeconds(30));
        assertThat(policy.nextAttemptAfter(5, 503, Duration.ofSeconds(1))).as("attempts still end").isEmpty();
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        Instant now = Instant.parse("2015-10-21T07:27:00Z");
        assertThat(WebhookRetryPolicy.retryAfter("120", now)).isEqualTo(Duration.ofSeconds(120));
        assertThat(WebhookRetryPolicy.retryAfter(" 0 ", now)).isEqualTo(Duration.ZERO);
        assertThat(WebhookRetryPolicy.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now))
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(WebhookRetryPolicy.retryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(WebhookRetryPolicy.retryAfter("soon", now)).isNull();
        assertThat(WebhookRetryPolicy.retryAfter("-5", now)).isNull();
        assertThat(WebhookRetryPolicy.retryAfter(null, now)).isNull();
    }

    @Test
    void aZeroMaxBackoffRetriesAtOnce() {
        RandomGenerator random = new SplittableRandom(5);
        WebhookRetryPolicy immediate = new WebhookRetryPolicy(3, Duration.ZERO, random);
        assertThat(immediate.nextAttemptAfter(1, 503, null)).isEqualTo(Optional.of(Duration.ZERO));
    }
}
