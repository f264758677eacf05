package dev.ticketpay.messaging;

import java.time.Duration;

import org.apache.kafka.clients.admin.AdminClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.kafka.core.KafkaAdmin;

/** Kafka is healthy when the cluster answers a describe request in time; part of the readiness group. */
final class KafkaHealthIndicator implements ReactiveHealthIndicator {

    private final AdminClient admin;
    private final Duration timeout;

    KafkaHealthIndicator(KafkaAdmin kafkaAdmin, Duration timeout) {
        this.admin = AdminClient.create(kafkaAdmin.getConfigurationProperties());
        this.timeout = timeout;
    }

    @Override
    public Mono<Health> health() {
        var cluster = admin.describeCluster();
        return Mono.fromFuture(() -> cluster.clusterId().toCompletionStage().toCompletableFuture())
                .zipWith(Mono.fromFuture(() -> cluster.nodes().toCompletionStage().toCompletableFuture()))
                .subscribeOn(Schedulers.boundedElastic())
                .map(answer -> Health.up().withDetail("clusterId", answer.getT1())
                        .withDetail("brokers", answer.getT2().size()).build())
                .timeout(timeout)
                .onErrorResume(e -> Mono.just(Health.down().withDetail("error", e.getClass().getSimpleName()).build()));
    }

    void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
