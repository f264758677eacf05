package dev.ticketpay.payment;

import java.time.Clock;
import java.time.Instant;

import dev.ticketpay.contracts.PaymentCancelled;
import dev.ticketpay.contracts.PaymentFailed;
import dev.ticketpay.contracts.PaymentSucceeded;
import dev.ticketpay.messaging.Outbox;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * The one outcomes path of both channels: a payment succeeds, fails or is cancelled, and its event goes to the
 * outbox with the change, at most once per change. Each channel reads Stripe's news its own way (a session's
 * events, an intent's) and hands the payment here locked, inside the caller's transaction, so duplicates and
 * concurrent reports see each other's result.
 */
@Service
public class PaymentOutcomes {

    private final Outbox outbox;
    private final PaymentFigures figures;
    private final Clock clock;

    PaymentOutcomes(Outbox outbox, PaymentFigures figures, Clock clock) {
        this.outbox = outbox;
        this.figures = figures;
        this.clock = clock;
    }

    /** The money was taken: PaymentSucceeded, once. */
    public <P extends ChannelPayment<P>> Mono<Void> succeeded(PaymentStore<P> store, P payment,
            String paymentIntentId, long amount, String currency, Instant eventCreated) {
        if (!payment.canSucceed()) {
            return Mono.empty();
        }
        var succeeded = payment.succeeded(paymentIntentId);
        return store.save(succeeded, eventCreated, null).then(outbox.append(new PaymentSucceeded(succeeded.ticketId(),
                succeeded.orderId(), succeeded.reference(), paymentIntentId, amount, currency, now())))
                .then(figures.count("succeeded", payment.channel()));
    }

    /** The payment attempt failed: PaymentFailed, releasing the reservation when the channel's failure is final. */
    public <P extends ChannelPayment<P>> Mono<Void> failed(PaymentStore<P> store, P payment, String reason,
            String message, Instant eventCreated) {
        if (!payment.canFail()) {
            return Mono.empty();
        }
        var failed = payment.failed();
        return store.save(failed, eventCreated, reason).then(outbox.append(new PaymentFailed(failed.ticketId(),
                failed.orderId(), failed.reference(), reason, message, failed.channel().failureIsFinal(), now())))
                .then(figures.count("failed", payment.channel()));
    }

    /** The payment can no longer be made (we cancelled it): PaymentCancelled, once. */
    public <P extends ChannelPayment<P>> Mono<Void> cancelled(PaymentStore<P> store, P payment,
            Instant eventCreated) {
        if (!payment.canBeCancelled()) {
            return Mono.empty();
        }
        var cancelled = payment.cancelled();
        return store.save(cancelled, eventCreated, null).then(outbox.append(new PaymentCancelled(
                cancelled.ticketId(), cancelled.orderId(), cancelled.reference(), now())))
                .then(figures.count("cancelled", payment.channel()));
    }

    private Instant now() {
        return clock.instant();
    }
}
