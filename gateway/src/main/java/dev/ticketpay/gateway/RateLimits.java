package dev.ticketpay.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;

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
 * Fixed-window request budgets per caller, counted in a {@link WindowCounts} store (memory for one instance,
 * Redis shared by several). Runs after authentication, so a signed-in caller is counted by subject and cannot
 * escape the budget by changing IP; anonymous callers are counted by client IP. Over budget ⇒ 429 with
 * {@code Retry-After} (seconds to the next window) in the route's error shape. When the store does not answer
 * within {@code store-timeout} the request goes through: a Redis outage must not stop ticket sales.
 * <p>
 * Stripe's webhook is the exception: Stripe sends every delivery from a few addresses, so a budget of requests
 * per IP would throttle Stripe itself in a busy on-sale. There only <em>refused</em> deliveries count against the
 * sender's IP: those whose {@code Stripe-Signature} is missing or malformed (answered 400 here, without a call to
 * payment-service) and those payment-service answers with a 4xx (a signature that does not verify). Valid
 * deliveries are never counted; a sender over its budget of refused deliveries gets 429 for everything it sends
 * until the window ends. The check and the count of a forwarded delivery are not one step, so a burst of
 * concurrent bad deliveries may pass the budget by as many as are in flight.
 */
@Component
class RateLimits implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);
    private static final String WEBHOOK = "/api/v1/payments/webhook";

    private static final Pattern HMAC_SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final RateLimitSettings settings;
    private final WindowCounts counts;
    private final Clock clock;

    RateLimits(RateLimitSettings settings, WindowCounts counts) {
        this.settings = settings;
        this.counts = counts;
        this.clock = Clock.systemUTC();
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
        var window = new Window(clock.millis(), settings.window().toMillis());
        if (path.equals(WEBHOOK) && exchange.getRequest().getMethod() == HttpMethod.POST) {
            return webhookDelivery(exchange, chain, window);
        }
        return caller(exchange)
                .flatMap(caller -> orPass(counts.increment("api|" + caller, window.start, settings.window()), 0L))
                .flatMap(count -> count <= settings.standard() ? chain.filter(exchange)
                        : tooManyRequests(exchange, window));
    }

    private Mono<Void> webhookDelivery(ServerWebExchange exchange, WebFilterChain chain, Window window) {
        String refusals = "webhook-refused|ip:" + clientIp(exchange);
        String signature = exchange.getRequest().getHeaders().getFirst("Stripe-Signature");
        if (!verifiable(signature)) {
            return orPass(counts.increment(refusals, window.start, settings.window()), 0L)
                    .flatMap(count -> count <= settings.webhook()
                            ? EdgeSecurity.write(exchange, HttpStatus.BAD_REQUEST, "Invalid webhook signature")
                            : tooManyRequests(exchange, window));
        }
        return orPass(counts.current(refusals, window.start), 0L)
                .flatMap(count -> count < settings.webhook()
                        ? chain.filter(exchange).then(Mono.defer(() -> countIfRefused(exchange, refusals, window)))
                        : tooManyRequests(exchange, window));
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

    private Mono<Void> countIfRefused(ServerWebExchange exchange, String refusals, Window window) {
        var status = exchange.getResponse().getStatusCode();
        if (status == null || !status.is4xxClientError()) {
            return Mono.empty();
        }
        return orPass(counts.increment(refusals, window.start, settings.window()), 0L).then();
    }

    /** The store's answer, or {@code passing} when it fails or is slower than the store timeout. */
    private Mono<Long> orPass(Mono<Long> count, long passing) {
        return count.timeout(settings.storeTimeout())
                .onErrorResume(e -> {
                    log.warn("Rate limit store unavailable, letting the request through: {}", e.toString());
                    return Mono.just(passing);
                });
    }

    private static Mono<Void> tooManyRequests(ServerWebExchange exchange, Window window) {
        long retryAfter = Math.max(1, Duration.ofMillis(window.end - window.now).toSeconds());
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(retryAfter));
        return EdgeSecurity.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
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

    /** The fixed window {@code now} falls in. */
    private record Window(long now, long start, long end) {

        Window(long now, long length) {
            this(now, now - now % length, now - now % length + length);
        }
    }
}
