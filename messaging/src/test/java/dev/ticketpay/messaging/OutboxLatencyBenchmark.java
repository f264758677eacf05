package dev.ticketpay.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import dev.ticketpay.contracts.TicketCancelled;
import dev.ticketpay.contracts.Topics;
import dev.ticketpay.support.Latencies;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * How soon an event written through the outbox reaches a Kafka subscriber: from the start of the transaction that
 * appends it to its receipt by a plain consumer, one writer after another and eight writers at once. Not part of
 * {@code verify} (the name matches no test pattern); run it with
 * {@code ./mvnw -pl messaging test -Dtest=OutboxLatencyBenchmark}. Numbers go to stdout and
 * {@code target/benchmarks.txt}.
 */
class OutboxLatencyBenchmark extends MessagingIntegration {

    @Test
    void outboxToSubscriberLatency() throws Exception {
        measure(null, 8, 300);
        measure("outbox to subscriber, 1 writer", 1, 300);
        measure("outbox to subscriber, 8 writers", 8, 1_000);
    }

    /** {@code events} events from {@code writers} threads; reported unless {@code name} is null (a warm-up). */
    private void measure(String name, int writers, int events) throws Exception {
        Map<String, Long> started = new ConcurrentHashMap<>();
        Map<String, Long> received = new ConcurrentHashMap<>();
        try (var consumer = subscriberAtTheEnd(); var pool = Executors.newFixedThreadPool(writers)) {
            var polling = Thread.ofPlatform().start(() -> {
                while (received.size() < events && !Thread.currentThread().isInterrupted()) {
                    consumer.poll(Duration.ofMillis(50)).forEach(record -> received.putIfAbsent(record.key(),
                            System.nanoTime()));
                }
            });
            long begin = System.nanoTime();
            IntStream.range(0, events).forEach(i -> pool.submit(() -> {
                long ticket = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
                started.put(Long.toString(ticket), System.nanoTime());
                transactions.transactional(outbox.append(new TicketCancelled(ticket, UUID.randomUUID(), "bench",
                        Instant.now()))).block();
            }));
            await().atMost(Duration.ofMinutes(2)).until(() -> received.keySet().containsAll(started.keySet())
                    && started.size() == events);
            long end = System.nanoTime();
            polling.interrupt();
            polling.join();
            if (name != null) {
                var latencies = new Latencies(name);
                started.forEach((key, start) -> latencies.addNanos(received.get(key) - start));
                latencies.report(Duration.ofNanos(end - begin));
            }
        }
    }

    private static KafkaConsumer<String, byte[]> subscriberAtTheEnd() {
        var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafka().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5),
                new StringDeserializer(), new ByteArrayDeserializer());
        var partitions = consumer.partitionsFor(Topics.TICKETS, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(Topics.TICKETS, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}
