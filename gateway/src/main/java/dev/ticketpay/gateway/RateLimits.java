package dev.ticketpay.gateway;

import java.time.Clock;
import java.time.Duration;

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
 */
@Component
class RateLimits implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);
    private static final String WEBHOOK = "/api/v1/payments/webhook";

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
        boolean webhook = path.equals(WEBHOOK) && exchange.getRequest().getMethod() == HttpMethod.POST;
        int budget = webhook ? settings.webhook() : settings.standard();
        long now = clock.millis();
        long windowMillis = settings.window().toMillis();
        long windowStart = now - now % windowMillis;
        return caller(exchange)
                .flatMap(caller -> counts.increment((webhook ? "webhook|" : "api|") + caller, windowStart,
                                settings.window())
                        .timeout(settings.storeTimeout())
                        .onErrorResume(e -> {
                            log.warn("Rate limit store unavailable, letting the request through: {}", e.toString());
                            return Mono.just(0L);
                        }))
                .flatMap(count -> {
                    if (count <= budget) {
                        return chain.filter(exchange);
                    }
                    long retryAfter = Math.max(1, Duration.ofMillis(windowStart + windowMillis - now).toSeconds());
                    exchange.getResponse().getHeaders().set("Retry-After", Long.toString(retryAfter));
                    return EdgeSecurity.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
                            "Too many requests; retry after " + retryAfter + " s.");
                });
    }

    private static Mono<String> caller(ServerWebExchange exchange) {
        String ip = exchange.getRequest().getRemoteAddress() == null ? "unknown"
                : exchange.getRequest().getRemoteAddress().getAddress().getHostAddress();
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(authentication -> authentication != null && authentication.isAuthenticated()
                        && !"anonymousUser".equals(authentication.getName()))
                .map(authentication -> "user:" + authentication.getName())
                .defaultIfEmpty("ip:" + ip);
    }
}
