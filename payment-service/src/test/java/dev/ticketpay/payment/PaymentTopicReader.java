package dev.ticketpay.payment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ticketpay.contracts.EventCatalog;
import dev.ticketpay.contracts.EventJson;
import dev.ticketpay.contracts.TicketEvent;
import dev.ticketpay.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads payments.v1 from its beginning as an outside subscriber would (partitions assigned, no group), and
 * decodes each record by its {@code ce_type} header.
 */
final class PaymentTopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

    PaymentTopicReader(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        var partitions = consumer.partitionsFor(Topics.PAYMENTS, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(Topics.PAYMENTS, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Every event of this ticket read so far, after polling once more. */
    synchronized List<TicketEvent> of(long ticketId) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        return records.stream().filter(r -> Long.toString(ticketId).equals(r.key())).map(PaymentTopicReader::decode)
                .toList();
    }

    <T extends TicketEvent> List<T> of(long ticketId, Class<T> type) {
        return of(ticketId).stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static TicketEvent decode(ConsumerRecord<String, byte[]> record) {
        String type = new String(record.headers().lastHeader("ce_type").value());
        return EventJson.read(record.value(), EventCatalog.byType(type).orElseThrow().javaType());
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
