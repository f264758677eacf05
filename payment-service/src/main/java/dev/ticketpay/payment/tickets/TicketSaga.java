package dev.ticketpay.payment.tickets;

import dev.ticketpay.contracts.RefundRequested;
import dev.ticketpay.contracts.TicketCancelled;
import dev.ticketpay.contracts.TicketConfirmed;
import dev.ticketpay.contracts.TicketEvent;
import dev.ticketpay.contracts.TicketExpired;
import dev.ticketpay.contracts.TicketReserved;
import dev.ticketpay.payment.charge.Refunds;
import dev.ticketpay.payment.checkout.CheckoutSaga;
import dev.ticketpay.payment.intent.IntentSaga;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * What payment-service does when a ticket changes. Only a Checkout reservation talks to Stripe before the inbox
 * transaction ({@link #atStripe}: its session is part of the answer the buyer waits for); everything else is
 * decided inside it ({@link #record}), Stripe side effects included: a cancel, an expiry or a refund is written
 * as a Stripe command in the same transaction, and the worker performs it until Stripe answers for good. A ticket
 * belongs to one channel; the other channel's step finds nothing of it and does nothing.
 */
@Service
class TicketSaga {

    private final CheckoutSaga checkouts;
    private final IntentSaga intents;
    private final Refunds refunds;

    TicketSaga(CheckoutSaga checkouts, IntentSaga intents, Refunds refunds) {
        this.checkouts = checkouts;
        this.intents = intents;
        this.refunds = refunds;
    }

    /** Step one, outside any transaction. */
    Mono<CheckoutSaga.Opening> atStripe(TicketEvent event) {
        return event instanceof TicketReserved reserved && reserved.paysByCheckout() ? checkouts.open(reserved)
                : Mono.empty();
    }

    /** Step two, inside the inbox transaction of {@code event}; {@code opening} is step one's answer, or null. */
    Mono<Void> record(TicketEvent event, CheckoutSaga.Opening opening) {
        return switch (event) {
            case TicketReserved reserved -> reserved.paysByCheckout()
                    ? (opening == null ? Mono.empty() : checkouts.recordOpening(reserved, opening))
                    : intents.remember(reserved);
            case TicketCancelled cancelled -> checkouts.close(cancelled.ticketId())
                    .then(intents.cancelled(cancelled.ticketId()));
            case TicketExpired expired -> checkouts.close(expired.ticketId()).then(intents.expired(expired.ticketId()));
            case TicketConfirmed confirmed -> intents.confirmed(confirmed.ticketId());
            case RefundRequested request -> refunds.request(request);
            default -> Mono.empty();
        };
    }
}
