package dev.ticketpay.messaging;

import java.time.Duration;

import dev.ticketpay.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;

/**
 * Reads the dead-letter topics in a consumer group of its own and keeps the letters this service's consumers
 * wrote ({@link DeadLetters}). Storing can only fail transiently, so a failure here is retried like any other.
 */
final class DeadLetterListener {

    private final DeadLetters deadLetters;
    private final Duration timeout;

    DeadLetterListener(DeadLetters deadLetters, Duration timeout) {
        this.deadLetters = deadLetters;
        this.timeout = timeout;
    }

    @KafkaListener(id = "${spring.application.name}.dead-letters", groupId = "${spring.application.name}.dead-letters",
            topics = {Topics.TICKETS + ".dlt", Topics.PAYMENTS + ".dlt", Topics.QR_CODES + ".dlt"})
    void on(ConsumerRecord<String, byte[]> record) {
        deadLetters.keep(record).block(timeout);
    }
}
