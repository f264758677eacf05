package dev.ticketpay.payment.tickets;

import java.time.Duration;

import dev.ticketpay.contracts.EventCatalog;
import dev.ticketpay.contracts.EventJson;
import dev.ticketpay.contracts.TicketEvent;
import dev.ticketpay.contracts.Topics;
import dev.ticketpay.messaging.Inbox;
import dev.ticketpay.payment.command.StripeCommandWorker;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Listens to tickets.v1: reservations, confirmations, cancellations, expiries and refund requests. */
@Component
class TicketEvents {

    /**
     * A session request waits at most this long (its turn under Stripe's rate limits, 429 pauses, retries), well
     * inside Kafka's five-minute poll interval; past it the record fails and is delivered again, never dropped.
     */
    private static final Duration STRIPE_STEP_TIMEOUT = Duration.ofMinutes(3);

    private final Inbox inbox;
    private final TicketSaga saga;
    private final StripeCommandWorker stripeCommands;

    TicketEvents(Inbox inbox, TicketSaga saga, StripeCommandWorker stripeCommands) {
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
        var opening = saga.atStripe(peek(record)).block(STRIPE_STEP_TIMEOUT);
        inbox.receive(record, event -> saga.record(event, opening));
        stripeCommands.wake();
    }

    /**
     * The record's event, read ahead of {@link Inbox#receive} so Stripe can be called outside its transaction;
     * null for records the inbox will skip or reject itself.
     */
    private static TicketEvent peek(ConsumerRecord<String, byte[]> record) {
        try {
            var cloudEvent = KafkaMessageFactory.createReader(record).toEvent();
            return EventCatalog.byType(cloudEvent.getType())
                    .map(entry -> EventJson.read(cloudEvent.getData().toBytes(), entry.javaType()))
                    .orElse(null);
        }
        catch (RuntimeException unreadable) {
            return null;
        }
    }
}
