package dev.ticketpay.gateway;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request budgets at the edge, as token buckets: each caller (the token's subject, or the client IP when anonymous)
 * may send a burst of {@code standard} requests, and {@code standard} per {@code window} after that (one token back
 * every {@code window / standard}). The Stripe webhook is not limited by requests: {@code webhook} is how many
 * <em>refused</em> deliveries (unsigned, badly signed) one IP may send in a burst, refilled per {@code window},
 * before all its deliveries are answered 429; valid deliveries never count.
 * Where the buckets live is {@code ticketpay.rate-limit.store} (see {@link RateLimitStore}); a store slower than
 * {@code storeTimeout} is skipped.
 */
@ConfigurationProperties("ticketpay.rate-limit")
public record RateLimitSettings(@DefaultValue("true") boolean enabled, @DefaultValue("120") int standard,
        @DefaultValue("600") int webhook, @DefaultValue("1m") Duration window,
        @DefaultValue("250ms") Duration storeTimeout) {
}
