package dev.ticketpay.gateway;

import java.time.Duration;

import reactor.core.publisher.Mono;

/** Where the rate limiter counts requests: each caller's count in the current fixed window. */
interface WindowCounts {

    /** Adds one request to {@code key}'s count for the window starting at {@code windowStart}; the new count. */
    Mono<Long> increment(String key, long windowStart, Duration window);

    /** {@code key}'s count in the window starting at {@code windowStart}, without adding to it; 0 if none. */
    Mono<Long> current(String key, long windowStart);
}
