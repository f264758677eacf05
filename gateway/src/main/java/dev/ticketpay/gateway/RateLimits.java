package dev.ticketpay.gateway;

import java.time.Duration;
import java.util.regex.Pattern;

import dev.ticketpay.gateway.TokenBuckets.Allowance;
import dev.ticketpay.observability.InTrace;
import dev.ticketpay.web.ErrorAnswers;
import io.github.bucket4j.BucketConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Request budgets per caller as token buckets (bucket4j) in a {@link TokenBuckets} store (memory for one instance,
 * Redis shared by several): each caller's bucket holds {@code standard} tokens and refills smoothly, {@code standard}
 * per {@code window}, so a burst never gets more than the bucket holds (a fixed window let twice the budget through
 * around its edge). Runs after authentication, so a signed-in caller is counted by subject and cannot escape the
 * budget by changing IP; anonymous callers are counted by client IP. Empty bucket ⇒ 429 with {@code Retry-After}
 * (seconds until a token refills) in the route's error shape. When the store does not answer within
 * {@code store-timeout} the request goes through: a Redis outage must not stop ticket sales.
 * <p>
 * Stripe's webhook is the exception: Stripe sends every delivery from a few addresses, so a budget of requests
 * per IP would throttle Stripe itself in a busy on-sale. There only <em>refused</em> deliveries take a token from
 * the sender's IP bucket ({@code webhook} tokens, refilled per {@code window}): those whose {@code Stripe-Signature}
 * is missing or malformed (answered 400 here, without a call to payment-service) and those payment-service answers
 * with a 4xx (a signature that does not verify). Valid deliveries never take a token; a sender whose bucket is
 * empty gets 429 for everything it sends until a token refills. The check and the take of a forwarded delivery are
 * not one step, so a burst of concurrent bad deliveries may pass the budget by as many as are in flight.
 */
@Component
class RateLimits implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);
    private static final String WEBHOOK = "/api/v1/payments/webhook";

    private static final Pattern HMAC_SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final RateLimitSettings settings;
    private final TokenBuckets buckets;
    private final BucketConfiguration standard;
    private final BucketConfiguration webhookRefusals;

    RateLimits(RateLimitSettings settings, TokenBuckets buckets) {
        this.settings = settings;
        this.buckets = buckets;
        this.standard = bucket(settings.standard(), settings.window());
        this.webhookRefusals = bucket(settings.webhook(), settings.window());
    }

    /** {@code capacity} tokens, refilled greedily (a token every {@code window / capacity}). */
    private static BucketConfiguration bucket(int capacity, Duration window) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, window))
                .build();
    }

    @Override
    public int getOrder() {
        // after Spring Security's filter (order -100), so the principal is known
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (!settings.enabled() || !path.startsWith("/api/")) {
            return chain.filter(exchange);
        }
        if (path.equals(WEBHOOK) && exchange.getRequest().getMethod() == HttpMethod.POST) {
            return webhookDelivery(exchange, chain);
        }
        return caller(exchange)
                .flatMap(caller -> orPass(buckets.take("api|" + caller, standard)))
                .flatMap(allowance -> allowance.granted() ? chain.filter(exchange)
                        : tooManyRequests(exchange, allowance));
    }

    private Mono<Void> webhookDelivery(ServerWebExchange exchange, WebFilterChain chain) {
        String refusals = "webhook-refused|ip:" + clientIp(exchange);
        String signature = exchange.getRequest().getHeaders().getFirst("Stripe-Signature");
        if (!verifiable(signature)) {
            return orPass(buckets.take(refusals, webhookRefusals))
                    .flatMap(allowance -> allowance.granted()
                            ? ErrorAnswers.write(exchange, HttpStatus.BAD_REQUEST, "Invalid webhook signature")
                            : tooManyRequests(exchange, allowance));
        }
        return orPass(buckets.peek(refusals, webhookRefusals))
                .flatMap(allowance -> allowance.granted()
                        ? chain.filter(exchange).then(Mono.defer(() -> takeIfRefused(exchange, refusals)))
                        : tooManyRequests(exchange, allowance));
    }

    /**
     * Whether payment-service could verify this {@code Stripe-Signature} at all: the first timestamp {@code t} a
     * number and at least one {@code v1} of 64 hex digits (an HMAC-SHA256), read as stripe-java reads the header.
     * Anything else is refused there without exception, so it is refused here without a call.
     */
    static boolean verifiable(String signature) {
        if (signature == null) {
            return false;
        }
        Boolean timestamp = null;
        boolean v1 = false;
        for (String item : signature.split(",")) {
            String[] pair = item.split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            if (pair[0].equals("t") && timestamp == null) {
                timestamp = isLong(pair[1]);
            }
            else if (pair[0].equals("v1") && HMAC_SHA256_HEX.matcher(pair[1]).matches()) {
                v1 = true;
            }
        }
        return Boolean.TRUE.equals(timestamp) && v1;
    }

    private static boolean isLong(String value) {
        try {
            Long.parseLong(value);
            return true;
        }
        catch (NumberFormatException e) {
            return false;
        }
    }

    private Mono<Void> takeIfRefused(ServerWebExchange exchange, String refusals) {
        var status = exchange.getResponse().getStatusCode();
        if (status == null || !status.is4xxClientError()) {
            return Mono.empty();
        }
        return orPass(buckets.take(refusals, webhookRefusals)).then();
    }

    /** The store's answer, or a granted one when it fails or is slower than the store timeout. */
    private Mono<Allowance> orPass(Mono<Allowance> allowance) {
        return allowance.timeout(settings.storeTimeout())
                .onErrorResume(e -> InTrace.run(() -> log.warn(
                        "Rate limit store unavailable, letting the request through: {}", e.toString()))
                        .thenReturn(Allowance.GRANTED));
    }

    private static Mono<Void> tooManyRequests(ServerWebExchange exchange, Allowance allowance) {
        // whole seconds, rounded up: a client that waits that long finds a token
        long retryAfter = Math.max(1, (allowance.retryAfter().toMillis() + 999) / 1000);
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(retryAfter));
        return ErrorAnswers.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
                "Too many requests; retry after " + retryAfter + " s.");
    }

    private static Mono<String> caller(ServerWebExchange exchange) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(authentication -> authentication != null && authentication.isAuthenticated()
                        && !"anonymousUser".equals(authentication.getName()))
                .map(authentication -> "user:" + authentication.getName())
                .defaultIfEmpty("ip:" + clientIp(exchange));
    }

    private static String clientIp(ServerWebExchange exchange) {
        return exchange.getRequest().getRemoteAddress() == null ? "unknown"
                : exchange.getRequest().getRemoteAddress().getAddress().getHostAddress();
    }
}
