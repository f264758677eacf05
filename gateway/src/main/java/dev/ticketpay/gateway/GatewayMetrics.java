package dev.ticketpay.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Counts every answer of the public port by route and status, {@code ticketpay.gateway.requests{route, status}} (route
 * {@code none}: refused before routing — no token, rate-limited — or no route), and the requests the gateway's rate
 * limits refused (every 429), {@code ticketpay.gateway.rate.limited{kind}} ({@code standard} or {@code webhook}).
 * Cheap by design, since it runs on every request: counters only (the services time their own requests), found in a
 * per-route array by status without building a key, and tags from closed sets (route ids, status codes).
 */
@Component
class GatewayMetrics implements WebFilter, Ordered {

    private static final String WEBHOOK = "/api/v1/payments/webhook";

    private final MeterRegistry meters;
    private final Map<String, AtomicReferenceArray<Counter>> byRoute = new ConcurrentHashMap<>();
    private final Counter limitedStandard;
    private final Counter limitedWebhook;

    GatewayMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.limitedStandard = limited("standard");
        this.limitedWebhook = limited("webhook");
    }

    private Counter limited(String kind) {
        return Counter.builder("ticketpay.gateway.rate.limited").tag("kind", kind)
                .description("Requests the gateway's rate limits refused (429)").register(meters);
    }

    /** First, so it sees the answer of every filter after it, the rate limits and security included. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange).doFinally(signal -> count(exchange));
    }

    private void count(ServerWebExchange exchange) {
        HttpStatusCode code = exchange.getResponse().getStatusCode();
        int status = code == null ? 200 : code.value();
        if (status < 100 || status > 599) {
            return;
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String routeId = route == null ? "none" : route.getId();
        var counters = byRoute.computeIfAbsent(routeId, id -> new AtomicReferenceArray<>(600));
        Counter counter = counters.get(status);
        if (counter == null) {
            counter = Counter.builder("ticketpay.gateway.requests").tag("route", routeId)
                    .tag("status", Integer.toString(status))
                    .description("Answers of the gateway's public port by route and status").register(meters);
            counters.set(status, counter);
        }
        counter.increment();
        // the services never answer 429 (Stripe's limits make them queue, then 503): a 429 is the gateway's own
        if (status == 429) {
            (WEBHOOK.equals(exchange.getRequest().getPath().value()) ? limitedWebhook : limitedStandard).increment();
        }
    }
}
