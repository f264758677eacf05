package dev.ticketpay.payment.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import org.springframework.stereotype.Component;

/**
 * Runs stripe-java calls the way this service must: on {@code boundedElastic} (stripe-java blocks), retried
 * with backoff while Stripe is unavailable (on top of stripe-java's own network retries), and ending in one
 * of two named failures: {@link StripeUnavailable} or {@link StripeRefused}. Calls that create something
 * carry an idempotency key, so every retry, ours or stripe-java's, is safe.
 */
@Component
public class StripeApi {

    /** A blocking stripe-java call. */
    @FunctionalInterface
    public interface Call<T> {
        T call(StripeClient client) throws StripeException;
    }

    private final StripeClient client;
    private final StripeSettings settings;

    StripeApi(StripeClient client, StripeSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** {@code what} names the call in errors and logs, e.g. {@code "create checkout session for ticket 7"}. */
    public <T> Mono<T> call(String what, Call<T> call) {
        return Mono.fromCallable(() -> call.call(client))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(StripeException.class, e -> retryable(e) ? new StripeUnavailable(what, e)
                        : new StripeRefused(what, e))
                .retryWhen(Retry.backoff(settings.callAttempts() - 1, settings.retryBackoff())
                        .filter(StripeUnavailable.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    /** Request options with an idempotency key: the same key always names the same intended effect. */
    public static RequestOptions idempotent(String key) {
        return RequestOptions.builder().setIdempotencyKey(key).build();
    }

    private static boolean retryable(StripeException e) {
        if (e instanceof ApiConnectionException) {
            return true;
        }
        Integer status = e.getStatusCode();
        // 409: the same idempotency key is still running at Stripe; 429: rate limited; 5xx: Stripe's fault.
        return status == null || status == 409 || status == 429 || status >= 500;
    }
}
