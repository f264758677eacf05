package dev.ticketpay.gateway;

import dev.ticketpay.web.ErrorAnswers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Caps request bodies at the edge: {@code ticketpay.body-limit.standard} (64 KiB), a little more for Stripe's
 * webhook. A declared {@code Content-Length} over the cap is answered 413 before anything is forwarded; a body
 * without a length is counted as it streams and cut off at the cap.
 */
@Component
class BodyLimits implements WebFilter, Ordered {

    private final long standard;
    private final long webhook;

    BodyLimits(@Value("${ticketpay.body-limit.standard:64KB}") DataSize standard,
            @Value("${ticketpay.body-limit.webhook:256KB}") DataSize webhook) {
        this.standard = standard.toBytes();
        this.webhook = webhook.toBytes();
    }

    @Override
    public int getOrder() {
        // before security and routing: an oversize body is refused without reading it
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        long limit = request.getMethod() == HttpMethod.POST
                && request.getPath().value().equals("/api/v1/payments/webhook") ? webhook : standard;
        long declared = request.getHeaders().getContentLength();
        if (declared > limit) {
            return tooLarge(exchange, limit);
        }
        var counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                long[] seen = {0};
                return super.getBody().handle((buffer, sink) -> {
                    seen[0] += buffer.readableByteCount();
                    if (seen[0] > limit) {
                        org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
                        sink.error(new DataBufferLimitException("Request body exceeds " + limit + " bytes"));
                    }
                    else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private static Mono<Void> tooLarge(ServerWebExchange exchange, long limit) {
        return ErrorAnswers.write(exchange, HttpStatus.CONTENT_TOO_LARGE,
                "Request body too large (at most " + limit / 1024 + " KiB).");
    }
}
