package dev.ticketpay.qr.checkin;

import dev.ticketpay.contracts.PaymentDisputeClosed;
import dev.ticketpay.contracts.PaymentDisputed;
import dev.ticketpay.contracts.PaymentRefunded;
import dev.ticketpay.contracts.Topics;
import dev.ticketpay.messaging.Inbox;
import dev.ticketpay.observability.InTrace;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Listens to payments.v1: a refunded or disputed ticket's QR code is revoked and admits nobody any more; a
 * dispute won by the seller makes it valid again.
 */
@Component
class PaymentEventListener {

    private static final Logger log = LoggerFactory.getLogger(PaymentEventListener.class);

    private final CheckIns checkIns;
    private final Inbox.Receiver payments;

    PaymentEventListener(Inbox inbox, CheckIns checkIns) {
        this.checkIns = checkIns;
        this.payments = inbox.receiver()
                .on(PaymentRefunded.class, refunded -> revoke(refunded.ticketId(), "refunded"))
                .on(PaymentDisputed.class, disputed -> revoke(disputed.ticketId(), "disputed"))
                .on(PaymentDisputeClosed.class, closed -> closed.won() ? lift(closed.ticketId()) : Mono.empty());
    }

    @KafkaListener(id = "qr-service.payments", topics = Topics.PAYMENTS)
    void on(ConsumerRecord<String, byte[]> record) {
        payments.receive(record);
    }

    private Mono<Void> revoke(long ticketId, String why) {
        return checkIns.revoke(ticketId)
                .handle(InTrace.peek(revoked -> log.info(revoked ? "Ticket {} revoked: {}"
                        : "Ticket {} was revoked already ({})", ticketId, why)))
                .then();
    }

    private Mono<Void> lift(long ticketId) {
        return checkIns.lift(ticketId)
                .handle(InTrace.peek(lifted -> log.info("Ticket {} valid again: its dispute was won", ticketId)))
                .then();
    }
}
