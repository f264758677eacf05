package dev.ticketpay.payment.tickets;

import java.time.Duration;
import java.util.Set;

import dev.ticketpay.contracts.RefundRequested;
import dev.ticketpay.contracts.TicketCancelled;
import dev.ticketpay.contracts.TicketConfirmed;
import dev.ticketpay.contracts.TicketEvent;
import dev.ticketpay.contracts.TicketExpired;
import dev.ticketpay.contracts.TicketReserved;
import dev.ticketpay.contracts.Topics;
import dev.ticketpay.messaging.Inbox;
import dev.ticketpay.payment.charge.Refunds;
import dev.ticketpay.payment.checkout.CheckoutSaga;
import dev.ticketpay.payment.intent.IntentSaga;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Mono;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Listens to tickets.v1 and runs payment-service's side of the ticket saga: reservations, confirmations,
 * cancellations, expiries and refund requests. Only a Checkout reservation talks to Stripe before the inbox
 * transaction ({@link #atStripe}: its session is part of the answer the buyer waits for); everything else is
 * decided inside it ({@link #record}), Stripe side effects included: a cancel, an expiry or a refund is written as
 * a Stripe command in the same transaction, and the worker performs it until Stripe answers for good. A ticket
 * belongs to one channel; the other channel's step finds nothing of it and does nothing.
 */
@Component
class TicketEventListener {

    /**
     * A session request waits at most this long (its turn under Stripe's rate limits, 429 pauses, retries), well
     * inside Kafka's five-minute poll interval; past it the record fails and is delivered again, never dropped.
     */
    private static final Duration STRIPE_STEP_TIMEOUT = Duration.ofMinutes(3);

    private static final Set<Class<? extends TicketEvent>> HANDLED = Set.of(TicketReserved.class,
            TicketConfirmed.class, TicketCancelled.class, TicketExpired.class, RefundRequested.class);


    private final Inbox inbox;
    private final CheckoutSaga checkouts;
    private final IntentSaga intents;
    private final Refunds refunds;

    TicketEventListener(Inbox inbox, CheckoutSaga checkouts, IntentSaga intents, Refunds refunds) {
        this.inbox = inbox;
        this.checkouts = checkouts;
        this.intents = intents;
        this.refunds = refunds;
    }

    /**
     * Stripe first (a reservation's session only), then the inbox transaction: the listener thread waits for both
     * (it is a Kafka thread, not an event loop, and waiting keeps the partition's order). A Stripe command the
     * transaction stored is performed once it commits ({@code StripeCommands} tells the worker).
     */
    @KafkaListener(id = "payment-service.tickets", topics = Topics.TICKETS)
    void on(ConsumerRecord<String, byte[]> record) {
        inbox.handle(record, HANDLED, TicketEventListener::concernsPayments, delivery -> {
            var opening = delivery.traced(atStripe(delivery.event())).block(STRIPE_STEP_TIMEOUT);
            inbox.apply(delivery, event -> record(event, opening));
        });
    }

    /**
     * Whether the event can change anything here. A free ticket's confirmation cannot: a ticket of amount 0 is never
     * reserved for payment, so no checkout, order or payment of it exists, and it is skipped without a transaction.
     */
    private static boolean concernsPayments(TicketEvent event) {
        return !(event instanceof TicketConfirmed confirmed && confirmed.amount() == 0);
    }

    /** Step one, outside any transaction. */
    private Mono<CheckoutSaga.Opening> atStripe(TicketEvent event) {
        return event instanceof TicketReserved reserved && reserved.paysByCheckout() ? checkouts.open(reserved)
                : Mono.empty();
    }

    /** Step two, inside the inbox transaction of {@code event}; {@code opening} is step one's answer, or null. */
    private Mono<Void> record(TicketEvent event, CheckoutSaga.Opening opening) {
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
