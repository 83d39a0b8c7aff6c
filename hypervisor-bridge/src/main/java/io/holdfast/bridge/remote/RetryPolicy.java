package io.holdfast.bridge.remote;

import java.time.Duration;

/**
 * How a {@link RetryingRemote} retries: up to {@code attempts} tries in all, waiting {@code firstDelay},
 * then twice as long each time up to {@code maxDelay}, with ±20 % jitter.
 */
public record RetryPolicy(int attempts, Duration firstDelay, Duration maxDelay) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30));

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    /** The wait before try {@code attempt + 1} (attempt counts from 1), without jitter. */
    public Duration delayAfter(int attempt) {
        long millis = firstDelay.toMillis() << Math.min(attempt - 1, 30);
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }
}
