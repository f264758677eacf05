package dev.ticketpay.gateway;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import dev.ticketpay.web.SharedAnswer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers the buyers of a sold-out event at the edge. A service marks an answer that every caller sending the same
 * request would get ({@link SharedAnswer}: ticket-service's refusal of a purchase from its memory of sold-out
 * events) with how long it holds; the gateway keeps it, by path and exact body, and for that long gives it itself to
 * the next caller with the same POST, who is then never passed on. In a flash sale thousands of late buyers cost
 * the gateway's checks and this look-up instead of a second hop, a second token check and a second WebFlux
 * application each.
 * <p>
 * Only for the purchase paths ({@code ticketpay.shared-answers.paths}), bodies of a declared length up to
 * {@code max-body} (2 KiB) and requests without an {@code Idempotency-Key} (a keyed request may repeat a purchase
 * that got its seats, so the service must see it). Runs after authentication and the rate limits (both are web
 * filters, before any route): a remembered answer goes only to a caller the gateway let through. Only 4xx answers
 * are kept, at most {@code max-entries}; the mark is taken off every answer on those paths (no other path's
 * answers carry it). What the mark promises, and so how long
 * seats that come back can stay off sale through this gateway, is the service's ({@code SHARED_REFUSAL}, 500 ms).
 */
@Component
class SharedAnswers implements GlobalFilter, Ordered {

    private record Key(String path, String body) {
    }

    private record Answer(HttpStatusCode status, MediaType contentType, byte[] body, long expiresAt) {
    }

    private final Set<String> paths;
    private final long maxBody;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final Counter given;
    private final Map<Key, Answer> answers = new ConcurrentHashMap<>();

    @Autowired
    SharedAnswers(@Value("${ticketpay.shared-answers.paths}") List<String> paths,
            @Value("${ticketpay.shared-answers.max-body}") DataSize maxBody,
            @Value("${ticketpay.shared-answers.max-entries}") int maxEntries, MeterRegistry meters) {
        this(paths, maxBody.toBytes(), maxEntries, meters, System::nanoTime);
    }

    SharedAnswers(List<String> paths, long maxBody, int maxEntries, MeterRegistry meters, LongSupplier nanoTime) {
        this.paths = Set.copyOf(paths);
        this.maxBody = maxBody;
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
        this.given = Counter.builder("ticketpay.gateway.shared.answers")
                .description("Answers the gateway gave itself from an answer a service marked as shared")
                .register(meters);
    }

    /** Just before the filter that writes the service's answer, so that it writes through {@link Remembering}. */
    @Override
    public int getOrder() {
        return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getMethod() != HttpMethod.POST || !paths.contains(request.getPath().value())) {
            return chain.filter(exchange);
        }
        long length = request.getHeaders().getContentLength();
        if (request.getHeaders().containsHeader("Idempotency-Key") || length < 1 || length > maxBody) {
            return chain.filter(exchange.mutate().response(new Remembering(exchange.getResponse(), null)).build());
        }
        // a body that never came is passed on empty, for the service to refuse: never an empty 200 from here
        return DataBufferUtils.join(request.getBody()).map(SharedAnswers::bytes).defaultIfEmpty(new byte[0])
                .flatMap(body -> giveOrPassOn(exchange, chain, body));
    }

    /** The answer kept for this path and body while it holds; otherwise the request goes on, its body read. */
    private Mono<Void> giveOrPassOn(ServerWebExchange exchange, GatewayFilterChain chain, byte[] body) {
        ServerHttpRequest request = exchange.getRequest();
        var key = new Key(request.getURI().getRawPath() + "?" + request.getURI().getRawQuery(),
                new String(body, StandardCharsets.ISO_8859_1));
        Answer known = answers.get(key);
        if (known != null) {
            if (known.expiresAt() - nanoTime.getAsLong() > 0) {
                return give(exchange.getResponse(), known);
            }
            answers.remove(key, known);
        }
        var replayed = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
        return chain.filter(exchange.mutate().request(replayed)
                .response(new Remembering(exchange.getResponse(), key)).build());
    }

    private Mono<Void> give(ServerHttpResponse response, Answer answer) {
        given.increment();
        response.setStatusCode(answer.status());
        if (answer.contentType() != null) {
            response.getHeaders().setContentType(answer.contentType());
        }
        response.getHeaders().setContentLength(answer.body().length);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(answer.body())));
    }

    private void remember(Key key, HttpStatusCode status, MediaType contentType, byte[] body, long millis) {
        if (answers.size() >= maxEntries) {
            long now = nanoTime.getAsLong();
            answers.values().removeIf(answer -> answer.expiresAt() - now <= 0);
            if (answers.size() >= maxEntries) {
                return;
            }
        }
        answers.put(key, new Answer(status, contentType, body, nanoTime.getAsLong() + millis * 1_000_000));
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        }
        finally {
            DataBufferUtils.release(buffer);
        }
    }

    /**
     * The service's answer on its way to the client: the mark is taken off every answer, and a marked 4xx to a
     * request with a {@code key} is kept for as long as the mark says.
     */
    private final class Remembering extends ServerHttpResponseDecorator {

        private final Key key;

        Remembering(ServerHttpResponse response, Key key) {
            super(response);
            this.key = key;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            long millis = unmark();
            HttpStatusCode status = getStatusCode();
            if (key == null || millis <= 0 || status == null || !status.is4xxClientError()) {
                return super.writeWith(body);
            }
            MediaType contentType = getHeaders().getContentType();
            return DataBufferUtils.join(body).map(SharedAnswers::bytes).flatMap(bytes -> {
                remember(key, status, contentType, bytes, millis);
                return super.writeWith(Mono.fromSupplier(() -> bufferFactory().wrap(bytes)));
            });
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            unmark();
            return super.writeAndFlushWith(body);
        }

        /** Takes the mark off; how long it said the answer holds, 0 without one or with a malformed one. */
        private long unmark() {
            String mark = getHeaders().getFirst(SharedAnswer.HEADER);
            if (mark == null) {
                return 0;
            }
            getHeaders().remove(SharedAnswer.HEADER);
            try {
                return Long.parseLong(mark);
            }
            catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
