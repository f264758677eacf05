package dev.ticketpay.payment;

import java.time.Instant;

import reactor.core.publisher.Mono;

/** Where a channel keeps its payments, as {@link PaymentOutcomes} saves their transitions. */
public interface PaymentStore<P extends ChannelPayment<P>> {

    /**
     * Saves a transition inside the caller's transaction. {@code eventCreated} is the Stripe event that caused it
     * (null when none did), {@code failureReason} the reason of a failure (null otherwise).
     */
    Mono<Void> save(P payment, Instant eventCreated, String failureReason);
}
