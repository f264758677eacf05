package dev.ticketpay.ticket.reservation;

import dev.ticketpay.contracts.CheckoutSessionCreated;
import dev.ticketpay.contracts.PaymentDisputeClosed;
import dev.ticketpay.contracts.PaymentDisputed;
import dev.ticketpay.contracts.PaymentFailed;
import dev.ticketpay.contracts.PaymentRefunded;
import dev.ticketpay.contracts.PaymentSucceeded;
import dev.ticketpay.contracts.Topics;
import dev.ticketpay.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Listens to payments.v1 and hands each event to {@link PaymentOutcomes}. */
@Component
class PaymentOutcomeListener {

    private final Inbox.Receiver payments;

    PaymentOutcomeListener(Inbox inbox, PaymentOutcomes outcomes) {
        this.payments = inbox.receiver()
                .on(CheckoutSessionCreated.class, outcomes::on)
                .on(PaymentSucceeded.class, outcomes::on)
                .on(PaymentFailed.class, outcomes::on)
                .on(PaymentRefunded.class, outcomes::on)
                .on(PaymentDisputed.class, outcomes::on)
                .on(PaymentDisputeClosed.class, outcomes::on);
    }

    @KafkaListener(id = "ticket-service.payments", topics = Topics.PAYMENTS)
    void on(ConsumerRecord<String, byte[]> record) {
        payments.receive(record);
    }
}
