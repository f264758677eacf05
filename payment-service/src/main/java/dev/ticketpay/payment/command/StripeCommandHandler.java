package dev.ticketpay.payment.command;

import dev.ticketpay.payment.stripe.StripeRefused;
import reactor.core.publisher.Mono;

/**
 * How one kind of command is done at Stripe and what its answer changes here. The worker calls {@link #perform}
 * outside any transaction, then {@link #done} or {@link #refused} inside the transaction that closes the command,
 * so an outcome and its event are recorded once.
 *
 * @param <R> Stripe's answer
 */
public interface StripeCommandHandler<R> {

    StripeCommand.Kind kind();

    /**
     * Asks Stripe, with the command's idempotency key. Fails with {@code StripeUnavailable} (tried again later) or
     * {@link StripeRefused} (final); empty when Stripe says the effect is there already.
     */
    Mono<R> perform(StripeCommand command);

    /** Records Stripe's answer ({@code null} when there was nothing left to do); answers the result's id, if any. */
    Mono<String> done(StripeCommand command, R answer);

    /**
     * Records a definitive refusal (already counted and logged by the worker). Nothing by default: a session or
     * intent that Stripe will not expire or cancel ends by itself, and its own webhook event reports that.
     */
    default Mono<Void> refused(StripeCommand command, StripeRefused refusal) {
        return Mono.empty();
    }
}
