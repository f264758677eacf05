package dev.ticketpay.gateway;

import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;
import reactor.core.publisher.Mono;

/**
 * Where the rate limiter keeps each caller's token bucket (bucket4j): in this gateway's memory, or in Redis shared
 * by every instance. A bucket holds at most its capacity and refills smoothly, so no instant lets more through than
 * the capacity plus what refilled since the bucket was last full.
 */
interface TokenBuckets {

    /** Takes one token from {@code key}'s bucket (created full on first use). */
    Mono<Allowance> take(String key, BucketConfiguration limit);

    /** Whether {@code key}'s bucket holds a token, without taking it. */
    Mono<Allowance> peek(String key, BucketConfiguration limit);

    /** A bucket's answer: a token was (or is) there, or the time until the next one refills. */
    record Allowance(boolean granted, Duration retryAfter) {

        static final Allowance GRANTED = new Allowance(true, Duration.ZERO);

        static Allowance of(boolean granted, long nanosToWaitForRefill) {
            return granted ? GRANTED : new Allowance(false, Duration.ofNanos(nanosToWaitForRefill));
        }
    }
}
