package dev.ticketpay.ticket.reservation;

import java.util.Set;

import dev.ticketpay.contracts.CheckoutSessionCreated;
import dev.ticketpay.contracts.PaymentDisputeClosed;
import dev.ticketpay.contracts.PaymentDisputed;
import dev.ticketpay.contracts.PaymentFailed;
import dev.ticketpay.contracts.PaymentRefunded;
import dev.ticketpay.contracts.PaymentSucceeded;
import dev.ticketpay.contracts.TicketEvent;
import dev.ticketpay.contracts.Topics;
import dev.ticketpay.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Mono;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Listens to payments.v1 and hands each event to {@link PaymentOutcomes}. */
@Component
class PaymentOutcomeListener {

    private static final Set<Class<? extends TicketEvent>> HANDLED = Set.of(CheckoutSessionCreated.class,
            PaymentSucceeded.class, PaymentFailed.class, PaymentRefunded.class, PaymentDisputed.class,
            PaymentDisputeClosed.class);

    private final Inbox inbox;
    private final PaymentOutcomes outcomes;

    PaymentOutcomeListener(Inbox inbox, PaymentOutcomes outcomes) {
        this.inbox = inbox;
        this.outcomes = outcomes;
    }

    @KafkaListener(id = "ticket-service.payments", topics = Topics.PAYMENTS)
    void on(ConsumerRecord<String, byte[]> record) {
        inbox.receive(record, HANDLED, event -> switch (event) {
            case CheckoutSessionCreated created -> outcomes.on(created);
            case PaymentSucceeded succeeded -> outcomes.on(succeeded);
            case PaymentFailed failed -> outcomes.on(failed);
            case PaymentRefunded refunded -> outcomes.on(refunded);
            case PaymentDisputed disputed -> outcomes.on(disputed);
            case PaymentDisputeClosed closed -> outcomes.on(closed);
            default -> Mono.empty();
        });
    }
}
