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
import dev.ticketpay.payment.command.StripeCommandWorker;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Listens to tickets.v1: reservations, confirmations, cancellations, expiries and refund requests. */
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
    private final TicketSaga saga;
    private final StripeCommandWorker stripeCommands;

    TicketEventListener(Inbox inbox, TicketSaga saga, StripeCommandWorker stripeCommands) {
        this.inbox = inbox;
        this.saga = saga;
        this.stripeCommands = stripeCommands;
    }

    /**
     * Stripe first (a reservation's session only), then the inbox transaction: the listener thread waits for both
     * (it is a Kafka thread, not an event loop, and waiting keeps the partition's order). Once the transaction
     * committed, the Stripe command worker is woken for what it may have decided.
     */
    @KafkaListener(id = "payment-service.tickets", topics = Topics.TICKETS)
    void on(ConsumerRecord<String, byte[]> record) {
        inbox.handle(record, HANDLED, delivery -> {
            var opening = delivery.traced(saga.atStripe(delivery.event())).block(STRIPE_STEP_TIMEOUT);
            inbox.apply(delivery, event -> saga.record(event, opening));
            stripeCommands.wake();
        });
    }
}
