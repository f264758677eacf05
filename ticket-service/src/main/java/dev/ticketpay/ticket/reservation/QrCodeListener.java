package dev.ticketpay.ticket.reservation;

import dev.ticketpay.contracts.QrCodeIssued;
import dev.ticketpay.contracts.Topics;
import dev.ticketpay.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** QR codes issued by qr-service are kept with their tickets. */
@Component
class QrCodeListener {

    private final Inbox.Receiver qrCodes;

    QrCodeListener(Inbox inbox, Tickets tickets) {
        this.qrCodes = inbox.receiver().on(QrCodeIssued.class,
                issued -> tickets.attachQrCode(issued.ticketId(), issued.payload(), issued.qrCodeData()));
    }

    @KafkaListener(id = "ticket-service.qr-codes", topics = Topics.QR_CODES)
    void on(ConsumerRecord<String, byte[]> record) {
        qrCodes.receive(record);
    }
}
