package dev.ticketpay.gateway;

import dev.ticketpay.observability.InTrace;
import dev.ticketpay.web.ErrorAnswers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Failures raised in the gateway's web filters, before a route handles the request (a body over its cap, a
 * framework's status failure), in the route's error shape instead of Spring's default error document; anything
 * else there is a service that could not be reached (502). Failures of the routes themselves (no route, a service
 * refusing connections) are answered by web-security's {@link ErrorAnswers}, with the same wording. Runs before
 * Boot's own error handler.
 */
@Component
@Order(-2)
class EdgeErrors implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(EdgeErrors.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        if (failure instanceof ResponseStatusException e && HttpStatus.resolve(e.getStatusCode().value()) != null) {
            var status = HttpStatus.valueOf(e.getStatusCode().value());
            return ErrorAnswers.write(exchange, status, ErrorAnswers.message(status, e.getReason()));
        }
        if (failure instanceof DataBufferLimitException) {
            return ErrorAnswers.write(exchange, HttpStatus.CONTENT_TOO_LARGE,
                    ErrorAnswers.message(HttpStatus.CONTENT_TOO_LARGE, null));
        }
        // logged inside the request's trace: the gateway runs without automatic context propagation
        return InTrace.run(() -> log.warn("Edge failure on {}: {}", exchange.getRequest().getPath(),
                failure.toString()))
                .then(ErrorAnswers.write(exchange, HttpStatus.BAD_GATEWAY, ErrorAnswers.UNREACHABLE));
    }
}
