package dev.ticketpay.gateway;

import dev.ticketpay.observability.Traceparent;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Continues the trace into the service a request is routed to: the proxied request carries the {@code traceparent}
 * of the gateway's own server span (which itself continues a caller's {@code traceparent}, if any), so the
 * service's spans are its children. One header written from the span the HTTP server's observation already has,
 * instead of Spring Cloud Gateway's observability filters, which start a client observation per proxied request
 * (they stay off for their CPU, see docs/benchmarks.md). Without tracing the caller's headers pass as they came.
 */
@Component
class TraceHeaders implements HttpHeadersFilter {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        String traceparent = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(Traceparent::of).orElse(null);
        if (traceparent == null) {
            return input;
        }
        var headers = new HttpHeaders();
        headers.putAll(input);
        headers.set(Traceparent.HEADER, traceparent);
        return headers;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }
}
