package dev.ticketpay.payment.stripe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import dev.ticketpay.observability.InTrace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.ContextView;
import reactor.util.retry.Retry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.springframework.beans.factory.ObjectProvider;

import org.springframework.stereotype.Component;

/**
 * Runs stripe-java calls the way this service must: each waits for its turn under Stripe's rate limits
 * ({@link StripeRateLimiter}, without blocking a thread), then runs on {@code boundedElastic} (stripe-java blocks),
 * is retried with backoff while Stripe is unavailable, and ends in one of the named failures:
 * {@link StripeUnavailable}, {@link StripeRefused} or, for a caller with a deadline, {@link StripeBusy}. A 429
 * never ends a call: the limiter pauses every call, and this one asks again at its place in the queue. Calls that
 * create something carry an idempotency key, so every retry is safe.
 *
 * <p>Each attempt is observed as {@code ticketpay.stripe.requests{endpoint, outcome}}: a timer of Stripe's
 * latency (the wait for a turn not included) and a span {@code stripe <endpoint>} in the caller's trace. The
 * outcome is {@code ok}, {@code refused} (4xx), {@code rate_limited} (429) or {@code unavailable} (no answer,
 * 409 or 5xx).
 */
@Component
public class StripeApi {

    private static final Logger log = LoggerFactory.getLogger(StripeApi.class);

    /** A blocking stripe-java call. */
    @FunctionalInterface
    public interface Call<T> {
        T call(StripeClient client) throws StripeException;
    }

    /** Stripe answered 429; the call asks again after the limiter's pause. */
    private static final class RateLimited extends RuntimeException {
        RateLimited(StripeException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private final StripeClient client;
    private final StripeSettings settings;
    private final StripeRateLimiter limiter;
    private final Clock clock;

    private final ObservationRegistry observations;

    StripeApi(StripeClient client, StripeSettings settings, StripeRateLimiter limiter,
            ObjectProvider<ObservationRegistry> observations, Clock clock) {
        this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
        this.client = client;
        this.settings = settings;
        this.limiter = limiter;
        this.clock = clock;
    }

    /**
     * A call that waits for its turn however long that takes (background work: sessions for reservations, Stripe
     * commands, reconciliation). {@code what} names the call in errors and logs, e.g.
     * {@code "create checkout session for ticket 7"}.
     */
    public <T> Mono<T> call(StripeEndpoint endpoint, String what, Call<T> call) {
        return call(endpoint, what, null, call);
    }

    /**
     * A call for a buyer who is waiting: if its turn (behind the queue, or after a 429's pause) would come later
     * than {@link StripeSettings.RateLimit#maxWait()} from now, it fails at once with {@link StripeBusy}.
     */
    public <T> Mono<T> callForBuyer(StripeEndpoint endpoint, String what, Call<T> call) {
        return call(endpoint, what, settings.rateLimit().maxWait(), call);
    }

    private <T> Mono<T> call(StripeEndpoint endpoint, String what, Duration patience, Call<T> call) {
        return Mono.defer(() -> {
            long ticket = limiter.ticket();
            Instant deadline = patience == null ? null : clock.instant().plus(patience);
            return limiter.turn(ticket, endpoint, deadline)
                    .then(Mono.deferContextual(context -> Mono.fromCallable(() -> observed(endpoint, context, call)))
                            .subscribeOn(Schedulers.boundedElastic()))
                    .doOnNext(answer -> limiter.recovered())
                    .onErrorResume(StripeException.class, e -> failure(what, e))
                    .retryWhen(Retry.indefinitely().filter(RateLimited.class::isInstance))
                    .retryWhen(Retry.backoff(settings.callAttempts() - 1, settings.retryBackoff())
                            .filter(StripeUnavailable.class::isInstance)
                            .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
        });
    }

    private <T> T observed(StripeEndpoint endpoint, ContextView context, Call<T> call) throws StripeException {
        var observation = Observation.createNotStarted("ticketpay.stripe.requests", observations)
                .contextualName("stripe " + endpoint)
                .parentObservation(context.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
                .lowCardinalityKeyValue("endpoint", endpoint.toString())
                .start();
        String outcome = "unavailable";
        try (var scope = observation.openScope()) {
            T answer = call.call(client);
            outcome = "ok";
            return answer;
        }
        catch (StripeException e) {
            Integer status = e.getStatusCode();
            outcome = status != null && status == 429 ? "rate_limited" : retryable(e) ? "unavailable" : "refused";
            observation.error(e);
            throw e;
        }
        catch (RuntimeException e) {
            observation.error(e);
            throw e;
        }
        finally {
            observation.lowCardinalityKeyValue("outcome", outcome).stop();
        }
    }

    /** Request options with an idempotency key: the same key always names the same intended effect. */
    public static RequestOptions idempotent(String key) {
        return RequestOptions.builder().setIdempotencyKey(key).build();
    }

    private <T> Mono<T> failure(String what, StripeException e) {
        Integer status = e.getStatusCode();
        if (status != null && status == 429) {
            Duration pause = limiter.throttled();
            return InTrace.<T>run(() -> log.warn("Stripe rate-limited {}; every call to Stripe pauses {} ms", what,
                    pause.toMillis())).then(Mono.error(new RateLimited(e)));
        }
        return Mono.error(retryable(e) ? new StripeUnavailable(what, e) : new StripeRefused(what, e));
    }

    private static boolean retryable(StripeException e) {
        if (e instanceof ApiConnectionException) {
            return true;
        }
        Integer status = e.getStatusCode();
        // 409: the same idempotency key is still running at Stripe; 5xx: Stripe's fault.
        return status == null || status == 409 || status >= 500;
    }
}
