package dev.ticketpay.payment.checkout;

import dev.ticketpay.contracts.PaymentFailed;
import dev.ticketpay.observability.InTrace;
import dev.ticketpay.payment.PaymentOutcomes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * What Stripe says about a Checkout Session, turned into the shared {@link PaymentOutcomes}: at most one outcome
 * event per ticket. Webhook events, the reconcile call and our own expiry all come here. Every method runs inside
 * the caller's transaction and locks the ticket's checkout row first, so concurrent reports (a webhook on one
 * instance, a reconcile on another, a duplicate delivery) see each other's result: once paid, a later expiry is
 * ignored, and so on.
 */
@Service
public class SessionOutcomes {

    private static final Logger log = LoggerFactory.getLogger(SessionOutcomes.class);

    private final Checkouts checkouts;
    private final PaymentOutcomes outcomes;

    SessionOutcomes(Checkouts checkouts, PaymentOutcomes outcomes) {
        this.checkouts = checkouts;
        this.outcomes = outcomes;
    }

    /** {@code checkout.session.completed}: paid now, or (delayed payment methods) an async event follows. */
    public Mono<Void> completed(SessionSnapshot session) {
        return session.isPaid() ? paid(session) : Mono.empty();
    }

    /** {@code checkout.session.completed} with payment_status paid, or {@code async_payment_succeeded}. */
    public Mono<Void> paid(SessionSnapshot session) {
        return lock(session).flatMap(checkout -> outcomes.succeeded(checkouts, checkout, session.paymentIntentId(),
                session.amountTotal(), session.currency(), null));
    }

    /** {@code checkout.session.async_payment_failed}: the payment did not go through; the seats go back. */
    public Mono<Void> paymentFailed(SessionSnapshot session) {
        return lock(session).flatMap(checkout -> outcomes.failed(checkouts, checkout, PaymentFailed.DECLINED,
                "The payment failed after checkout.", null));
    }

    /**
     * {@code checkout.session.expired}: a PaymentCancelled when we expired it ourselves (cancel or hold expiry;
     * the flag is set with the expire command), otherwise a PaymentFailed(expired).
     */
    public Mono<Void> expired(SessionSnapshot session) {
        return lock(session).flatMap(checkout -> checkout.cancelRequested()
                ? outcomes.cancelled(checkouts, checkout, null)
                : outcomes.failed(checkouts, checkout, PaymentFailed.EXPIRED,
                        "The checkout session expired before it was paid.", null));
    }

    /** Our own expire call succeeded (TicketCancelled / TicketExpired). */
    Mono<Void> cancelled(long ticketId) {
        return checkouts.lockTicket(ticketId).flatMap(checkout -> outcomes.cancelled(checkouts, checkout, null));
    }

    /**
     * The checkout the session belongs to, locked. A session of ours whose creation has not been recorded yet
     * (the webhook overtook our own write) is an error, so the event is tried again shortly; a session that is
     * not ours is ignored.
     */
    private Mono<Checkout> lock(SessionSnapshot session) {
        return checkouts.lockSession(session.sessionId())
                .switchIfEmpty(Mono.defer(() -> session.ticketId() == null ? Mono.empty()
                        : checkouts.lockTicket(session.ticketId())
                                .flatMap(checkout -> checkout.isCreating()
                                        ? Mono.error(new IllegalStateException("session " + session.sessionId()
                                                + " of ticket " + checkout.ticketId() + " is not recorded yet"))
                                        : Mono.<Checkout>empty())))
                .switchIfEmpty(InTrace.run(() -> log.debug("Session {} is not one of ours; ignoring it",
                        session.sessionId())));
    }
}
