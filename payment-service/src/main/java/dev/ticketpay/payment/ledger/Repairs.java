package dev.ticketpay.payment.ledger;

import java.time.Clock;

import com.stripe.net.ApiResource;
import dev.ticketpay.contracts.PaymentRefunded;
import dev.ticketpay.contracts.PaymentSucceeded;
import dev.ticketpay.contracts.TicketEvent;
import dev.ticketpay.messaging.Outbox;
import dev.ticketpay.payment.charge.ChargeOutcomes;
import dev.ticketpay.payment.checkout.SessionReconciliation;
import dev.ticketpay.payment.intent.IntentOutcomes;
import dev.ticketpay.payment.intent.IntentSnapshot;
import dev.ticketpay.payment.ledger.PaymentRecord.Standing;
import dev.ticketpay.payment.ledger.Verdict.Action;
import dev.ticketpay.payment.stripe.StripeApi;
import dev.ticketpay.payment.stripe.StripeEndpoint;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The ledger's repairs, each through a path that already exists and is idempotent, never by writing another
 * service's tables:
 * <ul>
 * <li>a missing payment outcome goes through the channel's own outcome path, as its webhook would (a Checkout
 * Session through {@link SessionReconciliation}, a PaymentIntent through {@link IntentOutcomes});
 * <li>a missing refund through {@link ChargeOutcomes#refunded}, as {@code charge.refunded} would;
 * <li>an outcome the ticket never applied is published again through the outbox. Its event id is new, so
 * ticket-service's inbox lets it through, and ticket-service's outcomes go by the ticket's state: a paid or
 * refunded ticket ignores a second PaymentSucceeded, a refunded one a second PaymentRefunded.
 * </ul>
 * Each answers whether it changed anything: a concurrent webhook may have done it first.
 */
@Component
class Repairs {

    /** Who asks for a Checkout reconcile: an admin's view, so ownership is not checked. */
    private static final String LEDGER = "ledger";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SessionReconciliation sessions;
    private final IntentOutcomes intents;
    private final ChargeOutcomes charges;
    private final PaymentRecords payments;
    private final StripeApi stripe;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final Clock clock;

    Repairs(SessionReconciliation sessions, IntentOutcomes intents, ChargeOutcomes charges, PaymentRecords payments,
            StripeApi stripe, Outbox outbox, TransactionalOperator transactions, Clock clock) {
        this.sessions = sessions;
        this.intents = intents;
        this.charges = charges;
        this.payments = payments;
        this.stripe = stripe;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    Mono<Boolean> perform(Action action, StripeCharge charge, PaymentRecord payment) {
        return switch (action) {
            case REAPPLY_SUCCESS -> reapplySuccess(charge, payment);
            case RECORD_REFUND -> transactions.transactional(charges.refunded(charge.paymentIntentId(),
                    charge.lastRefundId() != null ? charge.lastRefundId() : charge.id(), charge.amountRefunded(),
                    charge.currency(), null)).thenReturn(true);
            case REPUBLISH_SUCCEEDED -> republishIf(payment, Standing.SUCCEEDED,
                    new PaymentSucceeded(payment.ticketId(), payment.orderId(),
                            payment.sessionId() != null ? payment.sessionId() : charge.paymentIntentId(),
                            charge.paymentIntentId(), charge.amount(), charge.currency(), clock.instant()));
            case REPUBLISH_REFUNDED -> republishIf(payment, Standing.REFUNDED, new PaymentRefunded(payment.ticketId(),
                    payment.orderId(), payment.refundId() != null ? payment.refundId()
                            : charge.lastRefundId() != null ? charge.lastRefundId() : charge.id(),
                    charge.amountRefunded(), charge.currency(), clock.instant()));
        };
    }

    /**
     * Asks Stripe again and applies what it says through the channel's outcome path; true when the payment is
     * recorded succeeded afterwards.
     */
    private Mono<Boolean> reapplySuccess(StripeCharge charge, PaymentRecord payment) {
        Mono<?> applied;
        if (payment.sessionId() != null) {
            applied = sessions.reconcile(payment.sessionId(), LEDGER, true);
        }
        else if (payment.paymentId() != null) {
            applied = stripe.call(StripeEndpoint.RETRIEVE_PAYMENT_INTENT,
                            "retrieve payment intent " + charge.paymentIntentId(),
                            client -> client.rawRequest(ApiResource.RequestMethod.GET,
                                    "/v1/payment_intents/" + charge.paymentIntentId(), null))
                    .map(response -> IntentSnapshot.of(JSON.readTree(response.body())))
                    .flatMap(intent -> transactions.transactional(intents.succeeded(intent, null)));
        }
        else {
            return Mono.error(new IllegalStateException("the payment of ticket " + payment.ticketId()
                    + " has no Checkout Session or PaymentIntent recorded yet"));
        }
        return applied.then(Mono.defer(() -> transactions.transactional(payments.lockStanding(payment))))
                .map(standing -> standing != Standing.UNPAID)
                .defaultIfEmpty(false);
    }

    /** Publishes the outcome again if the payment still stands where the ledger saw it, in one transaction. */
    private Mono<Boolean> republishIf(PaymentRecord payment, Standing expected, TicketEvent outcome) {
        return transactions.transactional(payments.lockStanding(payment)
                .filter(expected::equals)
                .flatMap(standing -> outbox.append(outcome).thenReturn(true)))
                .defaultIfEmpty(false);
    }
}
