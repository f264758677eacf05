package dev.ticketpay.messaging;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Mono;

import dev.ticketpay.contracts.EventCatalog;
import dev.ticketpay.contracts.TicketCancelled;
import dev.ticketpay.contracts.Topics;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** A minimal service that uses the messaging module the way the real services do. */
@SpringBootApplication
class MessagingTestApplication {

    /**
     * Applies each TicketCancelled once through the inbox by writing an {@code effects} row; other ticket events are
     * not its business.
     */
    @Component
    static class Effects {

        final Map<Long, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        /** Tickets whose effect fails this many more times before it succeeds. */
        final Map<Long, AtomicInteger> failuresToCome = new ConcurrentHashMap<>();
        final Set<Long> alwaysFailing = ConcurrentHashMap.newKeySet();
        private final Inbox inbox;
        private final DatabaseClient db;

        Effects(Inbox inbox, DatabaseClient db) {
            this.inbox = inbox;
            this.db = db;
        }

        @KafkaListener(id = "messaging-tests", topics = Topics.TICKETS)
        void on(ConsumerRecord<String, byte[]> record) {
            long ticketId = Long.parseLong(record.key());
            deliveries.computeIfAbsent(ticketId, id -> new AtomicInteger()).incrementAndGet();
            inbox.receive(record, TicketCancelled.class, event -> {
                var failures = failuresToCome.get(event.ticketId());
                if (alwaysFailing.contains(event.ticketId()) || (failures != null && failures.getAndDecrement() > 0)) {
                    return Mono.error(new IllegalStateException("effect failed on purpose"));
                }
                return db.sql("insert into effects (ticket_id, event_type) values (:ticket, :type)")
                        .bind("ticket", event.ticketId())
                        .bind("type", EventCatalog.of(event).type())
                        .then();
            });
        }

        int deliveries(long ticketId) {
            var count = deliveries.get(ticketId);
            return count == null ? 0 : count.get();
        }
    }
}
