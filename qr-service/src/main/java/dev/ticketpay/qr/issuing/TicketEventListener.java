package dev.ticketpay.qr.issuing;

import dev.ticketpay.contracts.TicketConfirmed;
import dev.ticketpay.contracts.Topics;
import dev.ticketpay.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Listens to tickets.v1: every confirmed ticket gets its QR code. */
@Component
class TicketEventListener {

    private final Inbox.Receiver tickets;

    TicketEventListener(Inbox inbox, Issuing issuing) {
        this.tickets = inbox.receiver().on(TicketConfirmed.class, issuing::issue);
    }

    @KafkaListener(id = "qr-service.tickets", topics = Topics.TICKETS)
    void on(ConsumerRecord<String, byte[]> record) {
        tickets.receive(record);
    }
}
