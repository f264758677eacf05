package dev.ticketpay.qr.checkin;

import dev.ticketpay.contracts.PaymentRefunded;
import dev.ticketpay.contracts.Topics;
import dev.ticketpay.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Listens to payments.v1: a refunded ticket's QR code is revoked and admits nobody any more. */
@Component
class PaymentEvents {

    private static final Logger log = LoggerFactory.getLogger(PaymentEvents.class);

    private final Inbox inbox;
    private final CheckIns checkIns;

    PaymentEvents(Inbox inbox, CheckIns checkIns) {
        this.inbox = inbox;
        this.checkIns = checkIns;
    }

    @KafkaListener(id = "qr-service.payments", topics = Topics.PAYMENTS)
    void on(ConsumerRecord<String, byte[]> record) {
        inbox.receive(record, event -> event instanceof PaymentRefunded refunded ? revoke(refunded) : Mono.empty());
    }

    private Mono<Void> revoke(PaymentRefunded refunded) {
        return checkIns.revoke(refunded.ticketId())
                .doOnNext(revoked -> log.info(revoked ? "Ticket {} revoked: refunded"
                        : "Ticket {} was revoked already", refunded.ticketId()))
                .then();
    }
}
