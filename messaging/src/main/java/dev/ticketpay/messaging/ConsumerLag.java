package dev.ticketpay.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.kafka.core.KafkaAdmin;

/**
 * How far this service's consumers are behind, per topic: the sum over the partitions of the newest offset minus
 * the committed one of each of the service's consumer groups (one per listener)
 * ({@code ticketpay.consumer.lag{topic}}), read from the broker by a
 * {@link Repeating} job. Read from outside the consumers, it also shows a group whose consumers are all stuck or
 * gone, which the consumers' own client metrics cannot. Commits happen once a second, so a lag of a few records
 * is normal under load.
 */
final class ConsumerLag {

    private final AdminClient admin;
    private final Supplier<Collection<String>> groups;
    private final MeterRegistry meters;
    private final Duration timeout;
    private final Map<String, AtomicLong> lagByTopic = new ConcurrentHashMap<>();

    ConsumerLag(KafkaAdmin kafkaAdmin, Supplier<Collection<String>> groups, MeterRegistry meters, Duration timeout) {
        this.admin = AdminClient.create(kafkaAdmin.getConfigurationProperties());
        this.groups = groups;
        this.meters = meters;
        this.timeout = timeout;
    }

    /** Reads the lag now; emits it per topic. */
    Mono<Map<String, Long>> read() {
        return Mono.fromCallable(this::readBlocking).subscribeOn(Schedulers.boundedElastic()).timeout(timeout)
                .doOnNext(lag -> lag.forEach((topic, value) -> lagByTopic.computeIfAbsent(topic, this::gauge)
                        .set(value)));
    }

    private Map<String, Long> readBlocking() throws Exception {
        long millis = timeout.toMillis();
        var committed = new ArrayList<Map<TopicPartition, OffsetAndMetadata>>();
        var latestWanted = new HashMap<TopicPartition, OffsetSpec>();
        for (String group : groups.get()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(millis, TimeUnit.MILLISECONDS);
            committed.add(offsets);
            offsets.keySet().forEach(partition -> latestWanted.put(partition, OffsetSpec.latest()));
        }
        var lag = new HashMap<String, Long>();
        if (latestWanted.isEmpty()) {
            return lag;
        }
        var latest = admin.listOffsets(latestWanted).all().get(millis, TimeUnit.MILLISECONDS);
        for (var offsets : committed) {
            offsets.forEach((partition, offset) -> {
                var end = latest.get(partition);
                if (offset != null && end != null) {
                    lag.merge(partition.topic(), Math.max(0, end.offset() - offset.offset()), Long::sum);
                }
            });
        }
        return lag;
    }

    private AtomicLong gauge(String topic) {
        var value = new AtomicLong();
        if (meters != null) {
            Gauge.builder("ticketpay.consumer.lag", value, AtomicLong::get).tag("topic", topic)
                    .description("Records on the topic this service's consumer group has not committed yet")
                    .register(meters);
        }
        return value;
    }

    void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
