package dev.ticketpay.web;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import dev.ticketpay.observability.InTrace;
import io.r2dbc.spi.R2dbcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.codec.DecodingException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * The one place where failures become HTTP answers, in the shape of the route ({@link ErrorShape}): an
 * {@link ApiException}, a domain failure the service's {@link FailureAnswers} tables name, or a failure of the
 * framework. Messages say what was wrong with the request; internals and stack traces never leave the service.
 * Also serves as the security entry point (401), access-denied handler (403) and the answer to requests the
 * security firewall rejects (an encoded NUL or other forbidden characters in the path: 400).
 */
@RestControllerAdvice
public class ErrorAnswers implements ServerExchangeRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorAnswers.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String UNAUTHORIZED = "Authentication credentials were not provided or are invalid.";
    private static final String FORBIDDEN = "You do not have permission to perform this action.";
    private static final String REJECTED = "The request path contains characters that are not allowed.";
    /** The answer when the service behind could not be reached; also the gateway's ({@code EdgeErrors}). */
    public static final String UNREACHABLE = "The service is unavailable; try again shortly.";

    private final List<FailureAnswers> domainFailures;

    /** {@code domainFailures}: the service's tables of its domain failures, none for the gateway. */
    public ErrorAnswers(List<FailureAnswers> domainFailures) {
        this.domainFailures = List.copyOf(domainFailures);
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> on(ApiException e, ServerWebExchange exchange) {
        var answer = answer(exchange, e.status(), e.getMessage(), e.field());
        if (e.retryAfter() == null && e.sharedFor() == null) {
            return answer;
        }
        var headers = new HttpHeaders();
        if (e.retryAfter() != null) {
            headers.set("Retry-After", Long.toString(ApiException.seconds(e.retryAfter())));
        }
        if (e.sharedFor() != null) {
            headers.set(SharedAnswer.HEADER, Long.toString(e.sharedFor().toMillis()));
        }
        return ResponseEntity.status(answer.getStatusCode()).contentType(MediaType.APPLICATION_JSON)
                .headers(headers).body(answer.getBody());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> on(ServerWebInputException e, ServerWebExchange exchange) {
        // the decoder wraps everything in a DecodingException, so look through the whole chain for the most
        // telling cause: a rule broken in a request record's constructor, then a field of the wrong type
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            var api = asApiException(cause);
            if (api.isPresent()) {
                return on(api.get(), exchange);
            }
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabindException mapping && !mapping.getPath().isEmpty()) {
                String field = mapping.getPath().getLast().getPropertyName();
                if (field != null) {
                    return answer(exchange, HttpStatus.BAD_REQUEST, "Invalid value for " + field + ".", field);
                }
            }
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            // a number too large for its field fails in the parser, which still knows the field's name
            if (cause instanceof InputCoercionException coercion && coercion.processor() instanceof JsonParser parser
                    && parser.streamReadContext() != null && parser.streamReadContext().currentName() != null) {
                String field = parser.streamReadContext().currentName();
                return answer(exchange, HttpStatus.BAD_REQUEST, "Invalid value for " + field + ".", field);
            }
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException || cause instanceof DecodingException) {
                return answer(exchange, HttpStatus.BAD_REQUEST, "Malformed JSON request body.", null);
            }
        }
        if (e.getCause() instanceof TypeMismatchException && e.getMethodParameter() != null
                && e.getMethodParameter().getParameterName() != null) {
            String parameter = e.getMethodParameter().getParameterName();
            return answer(exchange, HttpStatus.BAD_REQUEST, "Invalid value for " + parameter + ".", parameter);
        }
        String reason = e.getReason() != null && e.getReason().contains("body is missing")
                ? "A JSON request body is required." : "Invalid request.";
        return answer(exchange, HttpStatus.BAD_REQUEST, reason, null);
    }

    /** A server's failure among them (the gateway's 504 for a service that did not answer in time) is logged. */
    @ExceptionHandler
    Mono<ResponseEntity<Map<String, Object>>> on(ResponseStatusException e, ServerWebExchange exchange) {
        HttpStatus resolved = HttpStatus.resolve(e.getStatusCode().value());
        HttpStatus status = resolved != null ? resolved : HttpStatus.BAD_REQUEST;
        var answer = answer(exchange, status, message(status, e.getReason()), null);
        return !status.is5xxServerError() ? Mono.just(answer)
                : InTrace.run(() -> log.warn("Answered {} on {} {}: {}", status.value(),
                        exchange.getRequest().getMethod(), exchange.getRequest().getPath(), e.toString()))
                        .thenReturn(answer);
    }

    /**
     * What the client is told of a failure the framework signals by status (no route, wrong method, a body too
     * large, a service behind that did not answer, …), here and in the gateway's filters: fixed wording per status,
     * the framework's reason only for a client's mistake, never the internals of a server error.
     */
    public static String message(HttpStatus status, String reason) {
        return switch (status) {
            case NOT_FOUND -> "Not found.";
            case METHOD_NOT_ALLOWED -> "Method not allowed.";
            case UNSUPPORTED_MEDIA_TYPE -> "Content type not supported; send application/json.";
            case NOT_ACCEPTABLE -> "Only application/json responses are available.";
            case PAYLOAD_TOO_LARGE, CONTENT_TOO_LARGE -> "Request body too large.";
            case SERVICE_UNAVAILABLE, BAD_GATEWAY, GATEWAY_TIMEOUT -> UNREACHABLE;
            default -> status.is5xxServerError() ? "An unexpected error occurred."
                    : reason != null ? reason : status.getReasonPhrase();
        };
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> on(AccessDeniedException e, ServerWebExchange exchange) {
        return answer(exchange, HttpStatus.FORBIDDEN, FORBIDDEN, null);
    }

    /**
     * The database is down, refusing connections or too slow: nothing was written (the transaction rolled back or
     * never began: no connection for it), so the client may simply try again.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            R2dbcException.class, TimeoutException.class, CannotCreateTransactionException.class})
    Mono<ResponseEntity<Map<String, Object>>> unavailable(Exception e, ServerWebExchange exchange) {
        var answer = answer(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                "The service is temporarily unavailable; please try again shortly.", null);
        return InTrace.run(() -> log.warn("Unavailable on {} {}: {}", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), e.toString()))
                .thenReturn(ResponseEntity.status(answer.getStatusCode()).header("Retry-After", "5")
                        .body(answer.getBody()));
    }

    /**
     * The service a request was passed on to refused the connection or closed it without an answer: a gateway's
     * route, or a call a service makes and does not map itself. The client may try again; internals (hosts,
     * ports) stay in the log.
     */
    @ExceptionHandler({ConnectException.class, PrematureCloseException.class})
    Mono<ResponseEntity<Map<String, Object>>> unreachable(Exception e, ServerWebExchange exchange) {
        return InTrace.run(() -> log.warn("Edge failure on {}: {}", exchange.getRequest().getPath(), e.toString()))
                .thenReturn(answer(exchange, HttpStatus.BAD_GATEWAY, UNREACHABLE, null));
    }

    /**
     * Anything else is unexpected and logged as an error, except a client that closed its connection before its
     * answer (a buyer who gave up waiting, a gateway whose client did): nobody is left to answer and nothing failed
     * here, so it is logged at debug and no answer is written. In a flash sale those were hundreds of error lines
     * with stack traces.
     */
    @ExceptionHandler
    Mono<ResponseEntity<Map<String, Object>>> on(Exception e, ServerWebExchange exchange) {
        var domainFailure = asApiException(e);
        if (domainFailure.isPresent()) {
            return Mono.just(on(domainFailure.get(), exchange));
        }
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            log.debug("The client went away before the answer to {} {}: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), e.toString());
            return Mono.empty();
        }
        return InTrace.run(() -> log.error("Unexpected failure on {} {}", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), e))
                .thenReturn(answer(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred.", null));
    }

    /** Security entry point: no token, or an invalid one. */
    public Mono<Void> unauthorized(ServerWebExchange exchange, AuthenticationException e) {
        return write(exchange, HttpStatus.UNAUTHORIZED, UNAUTHORIZED);
    }

    /** Security access-denied handler: a valid token without the role the route needs. */
    public Mono<Void> forbidden(ServerWebExchange exchange, AccessDeniedException e) {
        return write(exchange, HttpStatus.FORBIDDEN, FORBIDDEN);
    }

    /** The security firewall refused the request before any route saw it. */
    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException e) {
        return write(exchange, HttpStatus.BAD_REQUEST, REJECTED);
    }

    private Optional<ApiException> asApiException(Throwable failure) {
        if (failure instanceof ApiException api) {
            return Optional.of(api);
        }
        return domainFailures.stream().flatMap(table -> table.answerTo(failure).stream()).findFirst();
    }

    private static ResponseEntity<Map<String, Object>> answer(ServerWebExchange exchange, HttpStatus status,
            String message, String field) {
        var shape = ErrorShape.forPath(exchange.getRequest().getPath().value());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(shape.body(status, message, field));
    }

    /**
     * Writes an error answer straight to the response, in the route's shape, for code that answers outside a
     * controller: the security handlers above, and the gateway's own failures.
     */
    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String message) {
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set("WWW-Authenticate", "Bearer");
        }
        var shape = ErrorShape.forPath(exchange.getRequest().getPath().value());
        byte[] body = JSON.writeValueAsString(shape.body(status, message, null)).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
