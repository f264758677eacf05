package dev.ticketpay.payment.intent;

import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import dev.ticketpay.contracts.RefundRequested;
import dev.ticketpay.contracts.TicketCancelled;
import dev.ticketpay.contracts.TicketConfirmed;
import dev.ticketpay.contracts.TicketEvent;
import dev.ticketpay.contracts.TicketExpired;
import dev.ticketpay.contracts.TicketReserved;
import dev.ticketpay.payment.stripe.StripeRefused;
import dev.ticketpay.payment.stripe.StripeUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * The ticket events of orders paid through PaymentIntents, in the same two steps as the checkout saga (which
 * hands them over): {@link #atStripe} talks to Stripe outside any transaction, {@link #record} writes the
 * result inside the ticket event's inbox transaction. A reservation is only remembered (the buyer asks for the
 * intent); a cancelled or expired one gets its intent cancelled; a refund request gets the refund.
 */
@Service
public class IntentSaga {

    private static final Logger log = LoggerFactory.getLogger(IntentSaga.class);

    /** What happened at Stripe for one ticket event of an intent order. */
    public sealed interface Step {
    }

    record Remember() implements Step {
    }

    /** The order moves on ({@code state}); {@code intent} is Stripe's answer to our cancel, if we asked. */
    record Close(String state, PaymentIntent intent) implements Step {
    }

    record Refunded(Payment payment, Refund refund) implements Step {
    }

    record Nothing() implements Step {
    }

    private final Orders orders;
    private final Payments payments;
    private final PaymentIntents intents;
    private final IntentOutcomes outcomes;

    IntentSaga(Orders orders, Payments payments, PaymentIntents intents, IntentOutcomes outcomes) {
        this.orders = orders;
        this.payments = payments;
        this.intents = intents;
        this.outcomes = outcomes;
    }

    /** Step one; empty when the event is not about an order paid through a PaymentIntent. */
    public Mono<Step> atStripe(TicketEvent event) {
        return switch (event) {
            case TicketReserved reserved -> reserved.paysByCheckout() ? Mono.empty() : Mono.just(new Remember());
            case TicketCancelled cancelled -> close(cancelled.ticketId(), Order.CANCELLED);
            case TicketExpired expired -> close(expired.ticketId(), Order.EXPIRED);
            case TicketConfirmed confirmed -> orders.byTicket(confirmed.ticketId())
                    .map(order -> new Close(Order.PAID, null));
            case RefundRequested request -> refund(request);
            case null, default -> Mono.empty();
        };
    }

    /** Step two, inside the inbox transaction of {@code event}. */
    public Mono<Void> record(TicketEvent event, Step step) {
        return switch (step) {
            case Remember remember -> orders.addIfAbsent(Order.of((TicketReserved) event)).then();
            case Close close -> orders.moveTo(event.ticketId(), close.state())
                    .then(close.intent() == null ? cancelWithoutIntent(event.ticketId(), close.state())
                            : recordClosed(close.intent()));
            case Refunded refunded -> outcomes.refunded(refunded.payment().paymentIntentId(),
                    refunded.refund().getId(), refunded.refund().getAmount(), refunded.refund().getCurrency(),
                    null);
            case Nothing nothing -> Mono.empty();
        };
    }

    /**
     * Cancels the order's intent if it can still be paid. If Stripe took the money first, nothing happens here:
     * its webhook reports the payment and ticket-service handles it as a late one. Stripe unreachable: the
     * intent stays open (PaymentIntents do not expire); a payment on it is then a late payment too.
     */
    private Mono<Step> close(long ticketId, String state) {
        return orders.byTicket(ticketId).flatMap(order -> payments.byTicket(ticketId)
                .filter(payment -> payment.hasIntent() && payment.canBeCancelled())
                .flatMap(payment -> intents.cancel(payment.paymentIntentId())
                        .<Step>map(intent -> new Close(state, intent))
                        .onErrorResume(StripeUnavailable.class, e -> {
                            log.warn("Could not cancel intent {} of ticket {}: {}", payment.paymentIntentId(),
                                    ticketId, e.getMessage());
                            return Mono.just(new Close(state, null));
                        }))
                .defaultIfEmpty(new Close(state, null)));
    }

    private Mono<Void> recordClosed(PaymentIntent intent) {
        return "canceled".equals(intent.getStatus()) ? outcomes.canceled(IntentSnapshot.of(intent), null)
                : Mono.empty();
    }

    /**
     * A payment whose intent is still being created when its order is cancelled is cancelled here; the request
     * creating it then cancels the new intent at Stripe (see {@link OrderPayments}).
     */
    private Mono<Void> cancelWithoutIntent(long ticketId, String state) {
        if (Order.PAID.equals(state)) {
            return Mono.empty();
        }
        return payments.lockTicket(ticketId)
                .filter(payment -> !payment.hasIntent() && payment.canBeCancelled())
                .flatMap(payment -> payments.save(payment.cancelled()));
    }

    /**
     * The refund of a payment of ours, found by its ticket or its PaymentIntent. One refunded before (through
     * Stripe's dashboard, say: its charge.refunded was recorded) is refunded no more. A refund Stripe refuses
     * because the charge is refunded already changes nothing; other failures are left to the listener's retries
     * and then the dead-letter topic: money must not be lost.
     */
    private Mono<Step> refund(RefundRequested request) {
        return payments.byTicket(request.ticketId())
                .switchIfEmpty(Mono.defer(() -> request.paymentReference() != null
                        && request.paymentReference().startsWith("pi_")
                        ? payments.byIntent(request.paymentReference()) : Mono.empty()))
                .filter(Payment::hasIntent)
                .flatMap(payment -> !payment.canBeRefunded() ? Mono.just(new Nothing())
                        : intents.refund(payment).<Step>map(refund -> new Refunded(payment, refund))
                                .onErrorResume(StripeRefused.class, refused -> {
                                    if (!"charge_already_refunded".equals(refused.code())) {
                                        return Mono.error(refused);
                                    }
                                    return Mono.just(new Nothing());
                                }));
    }
}
