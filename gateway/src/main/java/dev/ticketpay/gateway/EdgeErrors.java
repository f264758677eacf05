package dev.ticketpay.gateway;

import dev.ticketpay.observability.InTrace;
import dev.ticketpay.web.ErrorAnswers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Failures that happen at the edge itself — no route for the path (404), wrong method, a service that does
 * not answer — in the route's error shape instead of Spring's default error document. Runs before Boot's
 * own error handler.
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
        HttpStatus status;
        String message;
        if (failure instanceof ResponseStatusException e && HttpStatus.resolve(e.getStatusCode().value()) != null) {
            status = HttpStatus.valueOf(e.getStatusCode().value());
            message = switch (status) {
                case NOT_FOUND -> "Not found.";
                case METHOD_NOT_ALLOWED -> "Method not allowed.";
                case CONTENT_TOO_LARGE -> "Request body too large.";
                case SERVICE_UNAVAILABLE, BAD_GATEWAY, GATEWAY_TIMEOUT -> ErrorAnswers.UNREACHABLE;
                default -> status.is5xxServerError() ? "An unexpected error occurred." : status.getReasonPhrase() + ".";
            };
        }
        else if (failure instanceof org.springframework.core.io.buffer.DataBufferLimitException) {
            status = HttpStatus.CONTENT_TOO_LARGE;
            message = "Request body too large.";
        }
        else {
            // logged inside the request's trace: the gateway runs without automatic context propagation
            return InTrace.run(() -> log.warn("Edge failure on {}: {}", exchange.getRequest().getPath(),
                    failure.toString()))
                    .then(ErrorAnswers.write(exchange, HttpStatus.BAD_GATEWAY, ErrorAnswers.UNREACHABLE));
        }
        return ErrorAnswers.write(exchange, status, message);
    }
}
