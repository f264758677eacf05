package dev.ticketpay.payment.charge;

import dev.ticketpay.payment.PaymentFigures;

import java.time.Clock;
import java.time.Instant;

import dev.ticketpay.contracts.PaymentDisputeClosed;
import dev.ticketpay.contracts.PaymentDisputed;
import dev.ticketpay.contracts.PaymentRefunded;
import dev.ticketpay.messaging.Outbox;
import dev.ticketpay.observability.InTrace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Turns what Stripe says about money already taken into at most one event per change, for both channels:
 * {@code charge.refunded} and our own refunds, {@code charge.dispute.created} and {@code charge.dispute.closed}.
 * Every method runs inside the caller's transaction and locks the payment first, so duplicates and concurrent
 * reports (the refund's webhook and the worker that made it) see each other's result. PaymentIntents that are
 * not ours are ignored.
 */
@Service
public class ChargeOutcomes {

    private static final Logger log = LoggerFactory.getLogger(ChargeOutcomes.class);

    private final ChargedPayments payments;
    private final Outbox outbox;
    private final Clock clock;

    private final PaymentFigures figures;

    ChargeOutcomes(ChargedPayments payments, Outbox outbox, PaymentFigures figures, Clock clock) {
        this.payments = payments;
        this.outbox = outbox;
        this.figures = figures;
        this.clock = clock;
    }

    /**
     * The payment was refunded in full: it becomes refunded and PaymentRefunded is published, once. Answers
     * whether the PaymentIntent is one of our payments at all.
     */
    public Mono<Boolean> refunded(String paymentIntentId, String refundId, long amount, String currency,
            Instant eventCreated) {
        return payments.lockIntent(paymentIntentId)
                .flatMap(payment -> !payment.isPaid() ? Mono.just(true)
                        : payments.markRefunded(payment, refundId, eventCreated)
                                .then(outbox.append(new PaymentRefunded(payment.ticketId(), payment.orderId(),
                                        refundId, amount, currency, now())))
                                .then(figures.count("refunded", payment.channel()))
                                .thenReturn(true))
                .defaultIfEmpty(false);
    }

    /**
     * A dispute was opened on a paid payment: PaymentDisputed, once per dispute. A dispute of a payment refunded
     * already changes nothing here (the buyer has the money back): it is only logged for the finance team.
     */
    public Mono<Void> disputed(DisputeSnapshot dispute) {
        if (dispute.id() == null) {
            return Mono.empty();
        }
        return payments.lockIntent(dispute.paymentIntentId()).flatMap(payment -> {
            if (payment.hasOpenDispute() || dispute.id().equals(payment.disputeId())) {
                return Mono.empty();
            }
            if (!payment.isPaid()) {
                return InTrace.run(() -> log.warn("Dispute {} on the payment of ticket {}, which is {}; nothing "
                        + "changes", dispute.id(), payment.ticketId(), payment.status().value()));
            }
            return payments.markDispute(payment, dispute.id(), ChargedPayment.DISPUTE_OPEN)
                    .then(outbox.append(new PaymentDisputed(payment.ticketId(), payment.orderId(), dispute.id(),
                            dispute.paymentIntentId(), dispute.amount(), dispute.currency(), dispute.reason(),
                            orNow(dispute.created()))))
                    .then(figures.count("disputed", payment.channel()));
        });
    }

    /**
     * The dispute was decided: PaymentDisputeClosed (won or lost), once. A closure that overtook its opening
     * (Stripe does not promise the order of webhooks) opens it first, so subscribers always see both, in order.
     */
    public Mono<Void> disputeClosed(DisputeSnapshot dispute, Instant eventCreated) {
        return disputed(dispute).then(Mono.defer(() -> payments.lockIntent(dispute.paymentIntentId())))
                .filter(payment -> payment.hasOpenDispute() && payment.disputeId().equals(dispute.id()))
                .flatMap(payment -> {
                    String status = dispute.won() ? PaymentDisputeClosed.WON : PaymentDisputeClosed.LOST;
                    return payments.markDispute(payment, dispute.id(), status)
                            .then(outbox.append(new PaymentDisputeClosed(payment.ticketId(), payment.orderId(),
                                    dispute.id(), status, dispute.amount(), dispute.currency(),
                                    orNow(eventCreated))));
                });
    }

    private Instant orNow(Instant instant) {
        return instant != null ? instant : now();
    }

    private Instant now() {
        return clock.instant();
    }
}
