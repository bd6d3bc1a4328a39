package dev.flowlens.enrich.aws;

/** Spaces calls evenly: at most {@code perSecond} acquisitions per second, blocking the caller until its turn. */
final class RateLimiter {
    private final long intervalNanos;
    private long next = System.nanoTime();

    RateLimiter(double perSecond) {
        this.intervalNanos = (long) (1_000_000_000L / perSecond);
    }

    synchronized void acquire() throws InterruptedException {
        long now = System.nanoTime();
        if (next > now) {
            long wait = next - now;
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        next = Math.max(next, now) + intervalNanos;
    }
}
