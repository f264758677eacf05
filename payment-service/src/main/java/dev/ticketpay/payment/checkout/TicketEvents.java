package dev.ticketpay.payment.checkout;

import java.time.Duration;

import dev.ticketpay.contracts.EventCatalog;
import dev.ticketpay.contracts.EventJson;
import dev.ticketpay.contracts.TicketEvent;
import dev.ticketpay.contracts.Topics;
import dev.ticketpay.messaging.Inbox;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Listens to tickets.v1: reservations, cancellations, expiries and refund requests. */
@Component
class TicketEvents {

    /** Stripe calls with all their retries stay well inside Kafka's five-minute poll interval. */
    private static final Duration STRIPE_STEP_TIMEOUT = Duration.ofMinutes(3);

    private final Inbox inbox;
    private final CheckoutSaga saga;

    TicketEvents(Inbox inbox, CheckoutSaga saga) {
        this.inbox = inbox;
        this.saga = saga;
    }

    /**
     * Stripe first, then the inbox transaction: the listener thread waits for both (it is a Kafka thread, not an
     * event loop, and waiting keeps the partition's order).
     */
    @KafkaListener(id = "payment-service.tickets", topics = Topics.TICKETS)
    void on(ConsumerRecord<String, byte[]> record) {
        var atStripe = saga.atStripe(peek(record)).block(STRIPE_STEP_TIMEOUT);
        inbox.receive(record, event -> saga.record(event, atStripe));
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
