package dev.ticketpay.payment.checkout;

import java.time.Clock;
import java.time.Instant;

import dev.ticketpay.contracts.PaymentCancelled;
import dev.ticketpay.contracts.PaymentFailed;
import dev.ticketpay.contracts.PaymentSucceeded;
import dev.ticketpay.messaging.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Turns what Stripe says about a session into at most one outcome event per ticket. Webhook events and the
 * reconcile call both come here. Every method runs inside the caller's transaction and locks the ticket's
 * checkout row first, so concurrent reports (a webhook on one instance, a reconcile on another, a duplicate
 * delivery) see each other's result: once paid, a later expiry is ignored, and so on.
 */
@Service
public class PaymentOutcomes {

    private static final Logger log = LoggerFactory.getLogger(PaymentOutcomes.class);

    private final Checkouts checkouts;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    PaymentOutcomes(Checkouts checkouts, Outbox outbox) {
        this.checkouts = checkouts;
        this.outbox = outbox;
    }

    /** {@code checkout.session.completed}: paid now, or (delayed payment methods) an async event follows. */
    public Mono<Void> completed(SessionSnapshot session) {
        return session.isPaid() ? paid(session) : Mono.empty();
    }

    /** {@code checkout.session.completed} with payment_status paid, or {@code async_payment_succeeded}. */
    public Mono<Void> paid(SessionSnapshot session) {
        return lock(session).flatMap(checkout -> {
            if (!checkout.canBePaid()) {
                return Mono.empty();
            }
            var paid = checkout.paid(session.paymentIntentId());
            return checkouts.save(paid).then(outbox.append(new PaymentSucceeded(paid.ticketId(), paid.orderId(),
                    session.sessionId(), session.paymentIntentId(), session.amountTotal(), session.currency(),
                    now())));
        });
    }

    /** {@code checkout.session.async_payment_failed}: the payment did not go through; the seats go back. */
    public Mono<Void> paymentFailed(SessionSnapshot session) {
        return lock(session).flatMap(checkout -> !checkout.isOpen() ? Mono.empty()
                : fail(checkout, PaymentFailed.DECLINED, "The payment failed after checkout."));
    }

    /**
     * {@code checkout.session.expired}: a PaymentCancelled when we expired it ourselves (cancel or hold expiry;
     * the flag is set before we ask Stripe), otherwise a PaymentFailed(expired).
     */
    public Mono<Void> expired(SessionSnapshot session) {
        return lock(session).flatMap(checkout -> {
            if (!checkout.isOpen()) {
                return Mono.empty();
            }
            return checkout.cancelRequested() ? cancel(checkout)
                    : fail(checkout, PaymentFailed.EXPIRED, "The checkout session expired before it was paid.");
        });
    }

    /** Our own expire call succeeded (TicketCancelled / TicketExpired). */
    Mono<Void> cancelled(long ticketId) {
        return checkouts.lockTicket(ticketId).flatMap(checkout -> checkout.isOpen() ? cancel(checkout) : Mono.empty());
    }

    private Mono<Void> cancel(Checkout checkout) {
        var cancelled = checkout.cancelled();
        return checkouts.save(cancelled).then(outbox.append(new PaymentCancelled(cancelled.ticketId(),
                cancelled.orderId(), cancelled.sessionId(), now())));
    }

    private Mono<Void> fail(Checkout checkout, String reason, String message) {
        var failed = checkout.failed();
        return checkouts.save(failed, reason, null).then(outbox.append(new PaymentFailed(failed.ticketId(),
                failed.orderId(), failed.sessionId(), reason, message, true, now())));
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
                .doOnSuccess(found -> {
                    if (found == null) {
                        log.debug("Session {} is not one of ours; ignoring it", session.sessionId());
                    }
                });
    }

    private Instant now() {
        return clock.instant();
    }
}
