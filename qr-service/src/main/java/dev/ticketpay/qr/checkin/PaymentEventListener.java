package dev.ticketpay.qr.checkin;

import java.util.Set;

import dev.ticketpay.contracts.PaymentDisputeClosed;
import dev.ticketpay.contracts.PaymentDisputed;
import dev.ticketpay.contracts.PaymentRefunded;
import dev.ticketpay.contracts.TicketEvent;
import dev.ticketpay.contracts.Topics;
import dev.ticketpay.messaging.Inbox;
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

    private static final Set<Class<? extends TicketEvent>> HANDLED = Set.of(PaymentRefunded.class,
            PaymentDisputed.class, PaymentDisputeClosed.class);

    private final Inbox inbox;
    private final CheckIns checkIns;

    PaymentEventListener(Inbox inbox, CheckIns checkIns) {
        this.inbox = inbox;
        this.checkIns = checkIns;
    }

    @KafkaListener(id = "qr-service.payments", topics = Topics.PAYMENTS)
    void on(ConsumerRecord<String, byte[]> record) {
        inbox.receive(record, HANDLED, event -> switch (event) {
            case PaymentRefunded refunded -> revoke(refunded.ticketId(), "refunded");
            case PaymentDisputed disputed -> revoke(disputed.ticketId(), "disputed");
            case PaymentDisputeClosed closed when closed.won() -> checkIns.lift(closed.ticketId())
                    .doOnNext(lifted -> log.info("Ticket {} valid again: its dispute was won", closed.ticketId()))
                    .then();
            default -> Mono.empty();
        });
    }

    private Mono<Void> revoke(long ticketId, String why) {
        return checkIns.revoke(ticketId)
                .doOnNext(revoked -> log.info(revoked ? "Ticket {} revoked: {}" : "Ticket {} was revoked already ({})",
                        ticketId, why))
                .then();
    }
}
