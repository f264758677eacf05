package dev.ticketpay.payment.intent;

import java.time.Instant;

import dev.ticketpay.observability.InTrace;
import dev.ticketpay.payment.PaymentOutcomes;
import dev.ticketpay.payment.PaymentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * What Stripe says about a PaymentIntent, turned into the payment's status and, through the shared
 * {@link PaymentOutcomes}, at most one outcome event per change. Webhook events, the event listing and our own
 * Stripe calls all come here. Every method runs inside the caller's transaction and locks the payment first, so
 * duplicates and concurrent reports see each other's result.
 * Intents that are not ours (no payment_id metadata, e.g. those of Checkout Sessions) are ignored.
 */
@Service
public class IntentOutcomes {

    private static final Logger log = LoggerFactory.getLogger(IntentOutcomes.class);

    private final Payments payments;
    private final PaymentOutcomes outcomes;

    IntentOutcomes(Payments payments, PaymentOutcomes outcomes) {
        this.payments = payments;
        this.outcomes = outcomes;
    }

    /** {@code payment_intent.succeeded}. */
    public Mono<Void> succeeded(IntentSnapshot intent, Instant eventCreated) {
        return lock(intent).flatMap(payment -> outcomes.succeeded(payments, payment, intent.id(),
                intent.amountTaken(), intent.currency(), eventCreated));
    }

    /** {@code payment_intent.payment_failed}: the buyer may try again, so the reservation stays. */
    public Mono<Void> failed(IntentSnapshot intent, Instant eventCreated) {
        return lock(intent)
                .filter(payment -> !payment.isOutdatedBy(eventCreated))
                .flatMap(payment -> outcomes.failed(payments, payment, intent.failureReason(), intent.errorMessage(),
                        eventCreated));
    }

    /** {@code payment_intent.processing}: no event, the status only. */
    public Mono<Void> processing(IntentSnapshot intent, Instant eventCreated) {
        return lock(intent)
                .filter(payment -> payment.canProcess() && !payment.isOutdatedBy(eventCreated))
                .flatMap(payment -> payments.save(payment.processing(), eventCreated, null));
    }

    /** {@code payment_intent.canceled}, or our own cancel call answered canceled. */
    public Mono<Void> canceled(IntentSnapshot intent, Instant eventCreated) {
        return lock(intent).flatMap(payment -> outcomes.cancelled(payments, payment, eventCreated));
    }

    /**
     * A repeated intent request found the payment failed: Stripe lets the buyer try again on the same intent,
     * so the status follows what Stripe reports now (pending again, processing, or the success not yet heard of).
     */
    Mono<Void> resumed(IntentSnapshot intent) {
        if ("succeeded".equals(intent.status())) {
            return succeeded(intent, null);
        }
        if ("processing".equals(intent.status())) {
            return processing(intent, null);
        }
        return lock(intent)
                .filter(payment -> payment.status() == PaymentStatus.FAILED && intent.awaitsPayment())
                .flatMap(payment -> payments.save(payment.retried()));
    }

    /**
     * The payment the intent belongs to, locked. An intent of ours whose creation has not been recorded yet (the
     * webhook overtook our own write) is an error, so the event is tried again shortly; others are ignored, and so
     * is an intent created for a payment cancelled meanwhile (it is never recorded: the request that created it
     * has it cancelled at Stripe).
     */
    private Mono<Payment> lock(IntentSnapshot intent) {
        return payments.lockIntent(intent.id())
                .switchIfEmpty(Mono.defer(() -> intent.paymentId() == null ? Mono.empty()
                        : payments.lock(intent.paymentId()).flatMap(payment -> payment.hasIntent()
                                        || payment.status() == PaymentStatus.CANCELLED
                                ? Mono.<Payment>empty()
                                : Mono.error(new IllegalStateException("intent " + intent.id() + " of payment "
                                        + payment.paymentId() + " is not recorded yet")))))
                .switchIfEmpty(InTrace.run(() -> log.debug("PaymentIntent {} is not one of ours; ignoring it",
                        intent.id())));
    }
}
