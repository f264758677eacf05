package dev.ticketpay.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 * Fixed-window request budgets per caller, in memory (one gateway instance; several instances would share a
 * store such as Redis instead). Runs after authentication, so a signed-in caller is counted by subject and
 * cannot escape the budget by changing IP; anonymous callers are counted by client IP. Over budget ⇒ 429 with
 * {@code Retry-After} (seconds to the next window) in the route's error shape.
 */
@Component
class RateLimits implements WebFilter, Ordered {

    private static final String WEBHOOK = "/api/v1/payments/webhook";

    private final RateLimitSettings settings;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RateLimits(RateLimitSettings settings) {
        this.settings = settings;
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
        return caller(exchange).flatMap(caller -> {
            long now = clock.millis();
            long windowMillis = settings.window().toMillis();
            long windowStart = now - now % windowMillis;
            String key = (webhook ? "webhook|" : "api|") + caller;
            Window window = windows.compute(key, (k, current) -> current == null || current.start != windowStart
                    ? new Window(windowStart, 1) : new Window(windowStart, current.count + 1));
            if (window.count <= budget) {
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

    /** Drops the windows that ended, so memory stays bounded by the callers of the current window. */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelay = 60_000)
    void forgetPastWindows() {
        long now = clock.millis();
        long windowMillis = settings.window().toMillis();
        windows.values().removeIf(window -> window.start + windowMillis < now);
    }

    private record Window(long start, int count) {
    }
}
